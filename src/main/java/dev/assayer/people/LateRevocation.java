package dev.assayer.people;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A person whose access was revoked after the due date (end date + grace days), or whose
 * revocation is still open past it ({@code revokedOn} null). {@code daysLate} counts the days
 * past the due date until the revocation, or until today when it is still open.
 */
public record LateRevocation(UUID personId, String name, String email, LocalDate endDate, LocalDate dueOn,
        LocalDate revokedOn, long daysLate) {
}
