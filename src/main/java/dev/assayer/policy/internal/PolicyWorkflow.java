package dev.assayer.policy.internal;

import dev.assayer.policy.VersionStatus;
import dev.assayer.shared.ApiProblem;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The version state machine and the annual review rule. No Spring, no SQL.
 * <pre>
 * DRAFT --submit--> IN_REVIEW --approve--> APPROVED --publish--> PUBLISHED --(next publish)--> SUPERSEDED
 * </pre>
 * Only a DRAFT may be edited. The approver must not be the version's author unless a reason is
 * recorded. An illegal step is a 409 that says what state the version is in and what is needed.
 */
public final class PolicyWorkflow {

    /** What a user asks to do with a version. */
    public enum Action {
        EDIT("edited", VersionStatus.DRAFT, VersionStatus.DRAFT),
        SUBMIT("submitted for review", VersionStatus.DRAFT, VersionStatus.IN_REVIEW),
        APPROVE("approved", VersionStatus.IN_REVIEW, VersionStatus.APPROVED),
        PUBLISH("published", VersionStatus.APPROVED, VersionStatus.PUBLISHED);

        private final String verb;
        private final VersionStatus from;
        private final VersionStatus to;

        Action(String verb, VersionStatus from, VersionStatus to) {
            this.verb = verb;
            this.from = from;
            this.to = to;
        }

        public String verb() {
            return verb;
        }

        public VersionStatus from() {
            return from;
        }

        public VersionStatus to() {
            return to;
        }
    }

    /** Months between an approval and the next review. */
    public static final int REVIEW_MONTHS = 12;
    public static final int NOTE_MAX = 2000;

    private PolicyWorkflow() {
    }

    /** The status after {@code action}, or a 409 explaining why the version cannot take that step. */
    public static VersionStatus next(int number, VersionStatus current, Action action) {
        if (current == action.from()) {
            return action.to();
        }
        String hint = switch (current) {
            case DRAFT -> "submit it for review first";
            case IN_REVIEW -> action == Action.EDIT ? "it is in review; only a draft can be edited"
                    : "it must be approved first";
            case APPROVED -> action == Action.EDIT ? "an approved version is fixed; start a new version to change the text"
                    : "it is already approved; publish it";
            case PUBLISHED -> "it is already published; start a new version to change the policy";
            case SUPERSEDED -> "it was superseded by a later published version";
        };
        throw ApiProblem.conflict("Version " + number + " is " + current.label().toLowerCase() + " and cannot be "
                + action.verb() + " (only a version that is " + action.from().label().toLowerCase() + " can be): "
                + hint);
    }

    /**
     * Checks segregation of duties for an approval and returns the note to record. An approver other
     * than the author needs no reason (the note is kept if given); the author approving their own
     * version must say why (a 400 naming "reason" otherwise).
     */
    public static String approvalNote(UUID authorId, UUID approverId, String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > NOTE_MAX) {
            throw ApiProblem.invalidField("reason", "must be at most " + NOTE_MAX + " characters");
        }
        if (authorId.equals(approverId) && why == null) {
            throw ApiProblem.invalidField("reason", "you wrote this version, so approving it yourself needs a "
                    + "recorded reason (or ask another manager to approve it)");
        }
        return why;
    }

    /** The next annual review: {@value #REVIEW_MONTHS} months after the approval date; null when never approved. */
    public static LocalDate reviewDue(LocalDate approvalDate) {
        return approvalDate == null ? null : approvalDate.plusMonths(REVIEW_MONTHS);
    }

    /** True when the review date has passed on {@code today} (due today is not yet overdue). */
    public static boolean reviewOverdue(LocalDate reviewDue, LocalDate today) {
        return reviewDue != null && today.isAfter(reviewDue);
    }
}
