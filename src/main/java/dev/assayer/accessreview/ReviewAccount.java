package dev.assayer.accessreview;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One account of a campaign as imported (line of the file, login, owner e-mail, name, entitlement,
 * last login, status in the system), how its owner stands on the roster, its reviewer (and why,
 * when it is not the owner's manager), and the decision once recorded. {@code task} is the
 * account's current remediation task (open or done), or null.
 */
public record ReviewAccount(UUID id, UUID reviewId, int line, String account, String email, String name,
        String entitlement, LocalDate lastLogin, String accountStatus, RosterStatus rosterStatus, String rosterNote,
        UUID reviewerId, String reviewer, String reviewerEmail, String assignmentNote, boolean assignedManually,
        Decision decision, String justification, String newEntitlement, String selfReviewJustification,
        UUID decidedById, String decidedBy, Instant decidedAt, RemediationTask task, long version) {

    public boolean decided() {
        return decision != null;
    }

    public boolean flagged() {
        return rosterStatus.flagged();
    }
}
