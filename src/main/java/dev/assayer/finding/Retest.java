package dev.assayer.finding;

import java.time.Instant;
import java.util.UUID;

/**
 * A re-test recorded on a finding: for an audit firm's finding the firm's test ({@code testId} and
 * {@code testRef}, e.g. "Re-test of CC6.2-01, 10 new items"), for the organization's own finding its
 * verification ({@code testId} may be null). {@code firmId} is the firm that recorded it, null when
 * the organization did.
 */
public record Retest(UUID id, UUID testId, String testRef, RetestResult result, String note, UUID firmId,
        UUID recordedBy, String recordedByLabel, Instant recordedAt) {
}
