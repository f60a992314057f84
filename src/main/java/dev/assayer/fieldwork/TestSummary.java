package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.UUID;

/** A test in the engagement's list: its control, kind, status, planned size, deviations and sign-offs. */
public record TestSummary(UUID id, UUID engagementId, UUID controlId, String controlRef, String controlTitle,
        TestKind kind, TestStatus status, Integer sampleSize, int deviations, Conclusion conclusion,
        String preparedBy, Instant preparedAt, String reviewedBy, Instant reviewedAt, long version) {
}
