package dev.assayer.accessreview;

import java.time.LocalDate;
import java.util.UUID;

/** For a reviewer: an open campaign with accounts assigned to them and how many still await a decision. */
public record PendingReviews(UUID reviewId, String system, LocalDate asOfDate, LocalDate dueDate, int assigned,
        int undecided) {
}
