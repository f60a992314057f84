package dev.assayer.accessreview.internal;

import dev.assayer.accessreview.AccessReviewDraft;
import dev.assayer.accessreview.CampaignStatus;
import dev.assayer.accessreview.Decision;
import dev.assayer.accessreview.DecisionDraft;
import dev.assayer.accessreview.Progress;
import dev.assayer.accessreview.ReviewAccount;
import dev.assayer.accessreview.RosterStatus;
import dev.assayer.accessreview.TaskStatus;
import dev.assayer.identity.Member;
import dev.assayer.people.Person;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The domain rules of access reviews, free of Spring and SQL: what a campaign needs, who reviews an
 * account (the owner's manager from the roster, else the campaign owner, with the reason), who may
 * decide it, what a decision must record (justifications, the new entitlement, the self-review
 * justification), and what sign-off requires.
 */
public final class AccessReviewRules {

    private AccessReviewRules() {
    }

    // ---- campaigns --------------------------------------------------------------------------

    /** A campaign draft as validated: {@code controlIds} resolved within the organization, without duplicates. */
    public record ValidDraft(String system, LocalDate asOfDate, LocalDate dueDate, String description,
            List<UUID> controlIds) {
    }

    /** Validates a campaign draft; {@code resolveControl} finds one of our controls by id or ref. */
    public static ValidDraft draft(AccessReviewDraft d, Function<String, Optional<UUID>> resolveControl) {
        if (d == null) {
            throw ApiProblem.invalidField("body", "an access review campaign is required");
        }
        Check c = new Check();
        String system = c.text("system", d.system(), Check.SHORT_TEXT, true,
                "is required (the system whose accounts are reviewed, e.g. AWS production)");
        if (d.asOfDate() == null) {
            c.add("asOfDate", "is required (the date the account list shows, YYYY-MM-DD)");
        }
        if (d.dueDate() == null) {
            c.add("dueDate", "is required (when the review must be complete, YYYY-MM-DD)");
        } else if (d.asOfDate() != null && d.dueDate().isBefore(d.asOfDate())) {
            c.add("dueDate", "must not be before asOfDate (" + d.asOfDate() + ")");
        }
        String description = c.text("description", d.description(), Check.LONG_TEXT, false, null);
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < d.controlIds().size(); i++) {
            String ref = d.controlIds().get(i) == null ? "" : d.controlIds().get(i).strip();
            if (ref.isEmpty()) {
                continue;
            }
            Optional<UUID> id = resolveControl.apply(ref);
            if (id.isEmpty()) {
                c.add("controlIds[" + i + "]", "no control '" + ref + "' in this organization");
            } else {
                ids.add(id.get());
            }
        }
        if (ids.isEmpty() && c.ok()) {
            c.add("controlIds", "name at least one control the completed review is evidence for (e.g. the "
                    + "CC6.2/CC6.3 access review control)");
        }
        c.throwIfAny();
        return new ValidDraft(system, d.asOfDate(), d.dueDate(), description, List.copyOf(ids));
    }

    /** A signed-off campaign is locked: every change is refused with a 409 saying so. */
    public static void requireOpen(CampaignStatus status, String what) {
        if (status != CampaignStatus.OPEN) {
            throw ApiProblem.conflict("The access review is signed off and locked; " + what + " is no longer possible");
        }
    }

    /** The account list may be (re)imported only while no decision has been recorded. */
    public static void requireImportable(CampaignStatus status, int decided) {
        requireOpen(status, "importing accounts");
        if (decided > 0) {
            throw ApiProblem.conflict("Reviewers have already recorded " + decided + " decision" + (decided == 1 ? "" : "s")
                    + "; the account list can no longer be replaced (start a new campaign for a new list)");
        }
    }

    /**
     * What still stands in the way of sign-off, in words; empty when the campaign can be signed off.
     * A signed-off campaign has no blockers.
     */
    public static List<String> signOffBlockers(CampaignStatus status, Progress p, int controls) {
        List<String> out = new ArrayList<>();
        if (status != CampaignStatus.OPEN) {
            return out;
        }
        if (p.accounts() == 0) {
            out.add("no account list has been imported");
        } else if (p.undecided() > 0) {
            out.add(p.undecided() + " of " + p.accounts() + " account" + (p.accounts() == 1 ? "" : "s")
                    + " still without a decision");
        }
        if (p.tasksOpen() > 0) {
            out.add(p.tasksOpen() + " remediation task" + (p.tasksOpen() == 1 ? " is" : "s are") + " not done yet");
        }
        if (controls == 0) {
            out.add("no control is mapped (the review would be evidence for nothing)");
        }
        return out;
    }

    /** Throws a 409 listing every blocker unless the campaign can be signed off. */
    public static void requireSignOff(CampaignStatus status, Progress p, int controls) {
        requireOpen(status, "signing off again");
        List<String> blockers = signOffBlockers(status, p, controls);
        if (!blockers.isEmpty()) {
            throw ApiProblem.conflict("The access review cannot be signed off yet: " + String.join("; ", blockers));
        }
    }

    // ---- reviewers --------------------------------------------------------------------------

    /**
     * Roles that may decide accounts assigned to them: the organization's own members who read the
     * program, except the read-only auditor and viewer seats. An audit firm's roles never decide
     * (the auditor must stay independent of the controls it tests).
     */
    public static boolean mayReview(Role role) {
        return role.can(Permission.CONTROL_READ) && !role.firmRole() && role != Role.AUDITOR && role != Role.VIEWER;
    }

    /**
     * Who reviews an account and why, plus how its owner stands on the roster.
     * {@code note} is null when the reviewer is the owner's manager, else the reason the campaign owner got it.
     */
    public record Assignment(UUID reviewerId, String reviewer, String reviewerEmail, String note,
            RosterStatus rosterStatus, String rosterNote) {
    }

    /**
     * The default reviewer of an account owned by {@code ownerEmail}: the owner's manager on the
     * roster when that manager is a member who may review; otherwise {@code campaignOwner}, with the
     * reason. Flags an owner who is not on the roster or who left before {@code asOf}.
     */
    public static Assignment assign(String ownerEmail, LocalDate asOf, Function<String, Optional<Person>> roster,
            Function<String, Optional<Member>> members, Member campaignOwner) {
        RosterStatus status;
        String rosterNote = null;
        Optional<Person> person = ownerEmail == null ? Optional.empty() : roster.apply(ownerEmail);
        if (ownerEmail == null) {
            status = RosterStatus.NO_OWNER_EMAIL;
            rosterNote = "the account list names no owner e-mail: find out who owns this account";
        } else if (person.isEmpty()) {
            status = RosterStatus.NOT_ON_ROSTER;
            rosterNote = ownerEmail + " is not on the personnel roster";
        } else if (person.get().endDate() != null && person.get().endDate().isBefore(asOf)) {
            status = RosterStatus.LEFT;
            rosterNote = person.get().name() + " left on " + person.get().endDate() + ", before the as-of date "
                    + asOf + ": a person who left still has access";
        } else {
            status = RosterStatus.ON_ROSTER;
        }
        String managerEmail = person.map(Person::managerEmail).filter(m -> !m.isBlank()).orElse(null);
        String reason;
        if (person.isEmpty()) {
            reason = "no manager on the roster (" + (ownerEmail == null ? "no owner e-mail" : "owner not on the roster")
                    + ")";
        } else if (managerEmail == null) {
            reason = "no manager on the roster";
        } else {
            Optional<Member> manager = members.apply(managerEmail);
            Optional<Person> managerPerson = roster.apply(managerEmail);
            if (manager.isEmpty()) {
                reason = "manager is not an Assayer user (" + managerEmail + ")";
            } else if (!mayReview(manager.get().role())) {
                reason = "manager " + managerEmail + " has the role " + manager.get().role().label()
                        + ", which may not decide access reviews";
            } else if (managerPerson.isPresent() && managerPerson.get().endDate() != null
                    && managerPerson.get().endDate().isBefore(asOf)) {
                reason = "manager " + managerEmail + " left on " + managerPerson.get().endDate();
            } else {
                Member m = manager.get();
                return new Assignment(m.userId(), label(m), m.email(), null, status, rosterNote);
            }
        }
        return new Assignment(campaignOwner.userId(), label(campaignOwner), campaignOwner.email(), reason, status,
                rosterNote);
    }

    /** A reviewer chosen by hand must be a member whose role may decide. */
    public static void requireReviewer(Member m) {
        if (!mayReview(m.role())) {
            throw ApiProblem.invalidField("reviewerId", m.email() + " has the role " + m.role().label()
                    + ", which may not decide access reviews (choose an admin, compliance manager or control owner)");
        }
    }

    /** Reassigning is for accounts without a decision. */
    public static void requireReassignable(ReviewAccount a) {
        if (a.decided()) {
            throw ApiProblem.conflict("Account '" + a.account() + "' was already decided by " + a.decidedBy()
                    + "; a new reviewer would have nothing to decide");
        }
    }

    public static String label(Member m) {
        return m.name() + " <" + m.email() + ">";
    }

    // ---- decisions --------------------------------------------------------------------------

    /**
     * Who may decide an account: whoever holds {@link Permission#ENGAGEMENT_WRITE} (recorded as
     * themselves), or the assigned reviewer if their role may review. Others get a 403 saying why.
     */
    public static void requireMayDecide(CurrentUser user, ReviewAccount a) {
        if (user.can(Permission.ENGAGEMENT_WRITE)) {
            return;
        }
        if (!mayReview(user.role())) {
            throw ApiProblem.forbidden("The role " + user.role().label() + " may not decide access reviews");
        }
        if (!user.userId().equals(a.reviewerId())) {
            throw ApiProblem.forbidden("Account '" + a.account() + "' is assigned to " + a.reviewer()
                    + "; only its reviewer, a compliance manager or an admin may decide it");
        }
    }

    /** A decision as validated: text stripped, fields that do not apply to it dropped. */
    public record ValidDecision(Decision decision, String justification, String newEntitlement,
            String selfReviewJustification) {
    }

    /** True when the account belongs to the person deciding it (same e-mail, ignoring case). */
    public static boolean selfReview(ReviewAccount a, String deciderEmail) {
        return a.email() != null && deciderEmail != null
                && a.email().equalsIgnoreCase(deciderEmail.strip());
    }

    /**
     * Validates a decision by {@code deciderEmail} on {@code a}: the decision is required; a
     * justification for REVOKE and CHANGE; a new entitlement (different from the current one) for
     * CHANGE; a self-review justification when the decider owns the account. {@code taskDone}: the
     * account's remediation is already done, so the decision can no longer change.
     */
    public static ValidDecision decision(ReviewAccount a, String deciderEmail, DecisionDraft d, boolean taskDone) {
        if (d == null) {
            throw ApiProblem.invalidField("decision", "is required (KEEP, REVOKE or CHANGE)");
        }
        if (d.version() != null && d.version() != a.version()) {
            throw ApiProblem.staleVersion("Account '" + a.account() + "'", d.version(), a.version());
        }
        if (taskDone) {
            throw ApiProblem.conflict("The remediation task for account '" + a.account() + "' is done; its decision ("
                    + a.decision().label().toLowerCase(Locale.ROOT) + ") can no longer change");
        }
        Check c = new Check();
        if (d.decision() == null) {
            c.add("decision", "is required (KEEP, REVOKE or CHANGE)");
        }
        boolean needsReason = d.decision() == Decision.REVOKE || d.decision() == Decision.CHANGE;
        String justification = c.text("justification", d.justification(), Check.LONG_TEXT, needsReason,
                "is required to " + (d.decision() == null ? "" : d.decision().label().toLowerCase(Locale.ROOT))
                        + " access: say why");
        String newEntitlement = null;
        if (d.decision() == Decision.CHANGE) {
            newEntitlement = c.text("newEntitlement", d.newEntitlement(), Check.ENTITLEMENT, true,
                    "is required to change access: the entitlement the account should have instead");
            if (newEntitlement != null && a.entitlement() != null && newEntitlement.equalsIgnoreCase(a.entitlement())) {
                c.add("newEntitlement", "is the account's current entitlement ('" + a.entitlement()
                        + "'); choose KEEP to keep it");
            }
        }
        String self = null;
        if (selfReview(a, deciderEmail)) {
            self = c.text("selfReviewJustification", d.selfReviewJustification(), Check.LONG_TEXT, true,
                    "is required: account '" + a.account() + "' is your own (" + a.email()
                            + "); record why you review your own access");
        }
        c.throwIfAny();
        return new ValidDecision(d.decision(), justification, newEntitlement, self);
    }

    /** The remediation task a decision leaves, in words; null for KEEP. */
    public static String taskDescription(ReviewAccount a, String system, Decision decision, String newEntitlement) {
        return switch (decision) {
            case KEEP -> null;
            case REVOKE -> "Revoke account '" + a.account() + "' on " + system
                    + (a.entitlement() == null ? "" : " (entitlement: " + a.entitlement() + ")");
            case CHANGE -> "Change account '" + a.account() + "' on " + system + " from "
                    + (a.entitlement() == null ? "(none)" : "'" + a.entitlement() + "'") + " to '" + newEntitlement + "'";
        };
    }

    // ---- remediation tasks ------------------------------------------------------------------

    /** A completed task as validated. */
    public record TaskDone(LocalDate doneOn, String ticket) {
    }

    /** {@code doneOn} defaults to today and must not be in the future; the ticket reference is optional. */
    public static TaskDone taskDone(TaskStatus status, LocalDate doneOn, String ticket, LocalDate today) {
        if (status == TaskStatus.DONE) {
            throw ApiProblem.conflict("The task is already done");
        }
        if (status == TaskStatus.CANCELLED) {
            throw ApiProblem.conflict("The task was cancelled (the reviewer changed the decision)");
        }
        Check c = new Check();
        LocalDate day = doneOn == null ? today : doneOn;
        if (day.isAfter(today)) {
            c.add("doneOn", "must not be in the future (today is " + today + ")");
        }
        String t = c.text("ticket", ticket, Check.SHORT_TEXT, false, null);
        c.throwIfAny();
        return new TaskDone(day, t);
    }
}
