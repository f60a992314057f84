package dev.assayer.packaging;

import java.time.Instant;
import java.util.UUID;

/**
 * One evidence package as written (also what the activity log keeps): the SHA-256 of its
 * manifest.json, how many files the manifest lists and their bytes, the signing key's
 * fingerprint, and whether an RFC 3161 time-stamp was added ({@code timestampProblem} says why not
 * when a time-stamp authority is configured but failed).
 */
public record PackageExport(UUID engagementId, String filename, Instant generatedAt, String manifestSha256, int files,
        long bytes, UUID keyId, String fingerprint, boolean timestamped, String timestampProblem) {
}
