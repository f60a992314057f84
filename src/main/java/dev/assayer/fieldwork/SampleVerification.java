package dev.assayer.fieldwork;

import java.time.Instant;

/**
 * The outcome of re-deriving a stored sample from the stored population file, as
 * {@code assayer sample verify} does: {@code difference} names the first difference, null on a match.
 */
public record SampleVerification(boolean matches, String difference, String populationSha256, Instant verifiedAt) {
}
