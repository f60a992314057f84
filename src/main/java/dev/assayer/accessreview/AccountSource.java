package dev.assayer.accessreview;

import java.time.Instant;

/**
 * Where the account list came from: the imported file's name and SHA-256 (as sha256sum prints it),
 * its number of accounts, who imported it and when. Part of the population's completeness and
 * accuracy record.
 */
public record AccountSource(String filename, String sha256, int accounts, Instant importedAt, String importedBy) {
}
