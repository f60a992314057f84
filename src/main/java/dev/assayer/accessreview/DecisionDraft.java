package dev.assayer.accessreview;

/**
 * A reviewer's decision on one account. {@code justification} is required for REVOKE and CHANGE;
 * {@code newEntitlement} for CHANGE; {@code selfReviewJustification} when the reviewer decides
 * their own account. {@code version}, when given, must be the account's current version.
 */
public record DecisionDraft(Decision decision, String justification, String newEntitlement,
        String selfReviewJustification, Long version) {
}
