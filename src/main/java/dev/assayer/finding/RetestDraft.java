package dev.assayer.finding;

import java.util.UUID;

/**
 * A re-test to record. On an audit firm's finding {@code testId} and {@code testRef} are required
 * (the firm's re-test); on the organization's own finding {@code note} (what was verified) is
 * required and the test fields are optional.
 */
public record RetestDraft(UUID testId, String testRef, RetestResult result, String note) {
}
