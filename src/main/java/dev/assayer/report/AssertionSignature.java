package dev.assayer.report;

import java.time.Instant;
import java.util.UUID;

/**
 * Management's sign-off on the assertion of one report version: the officer's name as typed and
 * title, the signed-in user who signed ({@code signedBy}: "Name &lt;email&gt;"), when, and the version's
 * number and PDF SHA-256 it refers to.
 */
public record AssertionSignature(UUID id, UUID versionId, int versionNumber, String sha256, String officerName,
        String officerTitle, UUID signedById, String signedBy, Instant signedAt) {
}
