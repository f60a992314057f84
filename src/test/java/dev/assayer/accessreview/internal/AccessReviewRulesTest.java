package dev.assayer.accessreview.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.accessreview.AccessReviewDraft;
import dev.assayer.accessreview.CampaignStatus;
import dev.assayer.accessreview.Decision;
import dev.assayer.accessreview.DecisionDraft;
import dev.assayer.accessreview.Progress;
import dev.assayer.accessreview.ReviewAccount;
import dev.assayer.accessreview.RosterStatus;
import dev.assayer.accessreview.TaskStatus;
import dev.assayer.accessreview.internal.AccessReviewRules.Assignment;
import dev.assayer.accessreview.internal.AccessReviewRules.ValidDecision;
import dev.assayer.identity.Member;
import dev.assayer.people.EmploymentType;
import dev.assayer.people.Person;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessReviewRulesTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);
    static final Member OWNER = member("cm@example.com", Role.COMPLIANCE_MANAGER);
    static final Member MANAGER = member("mgr@example.com", Role.CONTROL_OWNER);

    static Member member(String email, Role role) {
        return new Member(UUID.randomUUID(), email, email.substring(0, email.indexOf('@')), role, true, 0);
    }

    static Person person(String email, String manager, LocalDate end) {
        return new Person(UUID.randomUUID(), email, "Person " + email, null, null, manager, LocalDate.of(2020, 1, 1), end,
                EmploymentType.EMPLOYEE, 0);
    }

    static Assignment assign(String email, Map<String, Person> roster, Map<String, Member> members) {
        return AccessReviewRules.assign(email, AS_OF, e -> Optional.ofNullable(roster.get(e)),
                e -> Optional.ofNullable(members.get(e)), OWNER);
    }

    static ReviewAccount account(String email, String entitlement, UUID reviewer, Decision decision) {
        return new ReviewAccount(UUID.randomUUID(), UUID.randomUUID(), 2, "alice", email, "Alice", entitlement, null,
                null, RosterStatus.ON_ROSTER, null, reviewer, "Reviewer <r@example.com>", "r@example.com", null, false,
                decision, null, null, null, decision == null ? null : UUID.randomUUID(), decision == null ? null : "someone",
                null, null, 3);
    }

    static ApiProblem thrown(Runnable r) {
        try {
            r.run();
        } catch (ApiProblem p) {
            return p;
        }
        throw new AssertionError("expected a problem");
    }

    // ---- assignment ---------------------------------------------------------------------------

    @Test
    void theOwnersManagerReviewsWhenTheyAreAMemberWhoMayReview() {
        Assignment a = assign("alice@example.com", Map.of("alice@example.com", person("alice@example.com",
                "mgr@example.com", null)), Map.of("mgr@example.com", MANAGER));
        assertThat(a.reviewerId()).isEqualTo(MANAGER.userId());
        assertThat(a.reviewer()).isEqualTo("mgr <mgr@example.com>");
        assertThat(a.note()).isNull();
        assertThat(a.rosterStatus()).isEqualTo(RosterStatus.ON_ROSTER);
    }

    @Test
    void theCampaignOwnerReviewsWithTheReasonWhenNoManagerCan() {
        Map<String, Person> roster = Map.of(
                "solo@example.com", person("solo@example.com", null, null),
                "ext@example.com", person("ext@example.com", "outsider@example.com", null),
                "viewed@example.com", person("viewed@example.com", "viewer@example.com", null),
                "orphan@example.com", person("orphan@example.com", "gone@example.com", null),
                "gone@example.com", person("gone@example.com", null, LocalDate.of(2026, 6, 30)));
        Map<String, Member> members = Map.of("viewer@example.com", member("viewer@example.com", Role.VIEWER),
                "gone@example.com", member("gone@example.com", Role.ADMIN));
        assertThat(assign("solo@example.com", roster, members).note()).isEqualTo("no manager on the roster");
        assertThat(assign("ext@example.com", roster, members).note())
                .isEqualTo("manager is not an Assayer user (outsider@example.com)");
        assertThat(assign("viewed@example.com", roster, members).note()).contains("role Viewer");
        assertThat(assign("orphan@example.com", roster, members).note()).contains("left on 2026-06-30");
        assertThat(assign("stranger@example.com", roster, members).note()).contains("no manager on the roster");
        assertThat(assign(null, roster, members).note()).contains("no owner e-mail");
        for (String e : List.of("solo@example.com", "ext@example.com", "viewed@example.com", "stranger@example.com")) {
            assertThat(assign(e, roster, members).reviewerId()).isEqualTo(OWNER.userId());
        }
    }

    @Test
    void flagsOwnersWhoLeftBeforeTheAsOfDateOrAreNotOnTheRoster() {
        Map<String, Person> roster = Map.of(
                "left@example.com", person("left@example.com", "mgr@example.com", AS_OF.minusDays(1)),
                "leaving@example.com", person("leaving@example.com", "mgr@example.com", AS_OF));
        Map<String, Member> members = Map.of("mgr@example.com", MANAGER);
        Assignment left = assign("left@example.com", roster, members);
        assertThat(left.rosterStatus()).isEqualTo(RosterStatus.LEFT);
        assertThat(left.rosterNote()).contains("left on 2026-09-29").contains("still has access");
        assertThat(left.reviewerId()).isEqualTo(MANAGER.userId());
        assertThat(assign("leaving@example.com", roster, members).rosterStatus()).isEqualTo(RosterStatus.ON_ROSTER);
        assertThat(assign("nobody@example.com", roster, members).rosterStatus()).isEqualTo(RosterStatus.NOT_ON_ROSTER);
        assertThat(assign(null, roster, members).rosterStatus()).isEqualTo(RosterStatus.NO_OWNER_EMAIL);
        assertThat(RosterStatus.LEFT.flagged()).isTrue();
        assertThat(RosterStatus.ON_ROSTER.flagged()).isFalse();
    }

    @Test
    void onlyAdminsComplianceManagersAndControlOwnersMayReviewNeverAnAuditFirm() {
        assertThat(List.of(Role.values())).filteredOn(AccessReviewRules::mayReview)
                .containsExactly(Role.ADMIN, Role.COMPLIANCE_MANAGER, Role.CONTROL_OWNER);
        assertThat(thrown(() -> AccessReviewRules.requireReviewer(member("a@example.com", Role.AUDITOR))).errors())
                .extracting(FieldError::field).containsExactly("reviewerId");
    }

    // ---- who decides --------------------------------------------------------------------------

    @Test
    void theAssignedReviewerOrAWriterMayDecideOthersMayNot() {
        UUID reviewer = UUID.randomUUID();
        ReviewAccount a = account("alice@example.com", "admin", reviewer, null);
        CurrentUser owner = new CurrentUser(reviewer, "r@example.com", "R", UUID.randomUUID(), "Org", Role.CONTROL_OWNER);
        AccessReviewRules.requireMayDecide(owner, a);
        CurrentUser cm = new CurrentUser(UUID.randomUUID(), "cm@example.com", "CM", owner.orgId(), "Org",
                Role.COMPLIANCE_MANAGER);
        AccessReviewRules.requireMayDecide(cm, a);
        CurrentUser otherOwner = new CurrentUser(UUID.randomUUID(), "o@example.com", "O", owner.orgId(), "Org",
                Role.CONTROL_OWNER);
        assertThat(thrown(() -> AccessReviewRules.requireMayDecide(otherOwner, a)).status()).isEqualTo(403);
        CurrentUser viewer = new CurrentUser(reviewer, "r@example.com", "R", owner.orgId(), "Org", Role.VIEWER);
        assertThat(thrown(() -> AccessReviewRules.requireMayDecide(viewer, a)).getMessage()).contains("Viewer");
    }

    // ---- decisions ----------------------------------------------------------------------------

    @Test
    void keepNeedsNoJustificationRevokeAndChangeDo() {
        ReviewAccount a = account("alice@example.com", "admin", UUID.randomUUID(), null);
        ValidDecision keep = AccessReviewRules.decision(a, "r@example.com",
                new DecisionDraft(Decision.KEEP, "  ", "ignored", null, null), false);
        assertThat(keep).isEqualTo(new ValidDecision(Decision.KEEP, null, null, null));
        assertThat(thrown(() -> AccessReviewRules.decision(a, "r@example.com",
                new DecisionDraft(Decision.REVOKE, null, null, null, null), false)).errors())
                .extracting(FieldError::field).containsExactly("justification");
        assertThat(thrown(() -> AccessReviewRules.decision(a, "r@example.com",
                new DecisionDraft(Decision.CHANGE, null, " ", null, null), false)).errors())
                .extracting(FieldError::field).containsExactly("justification", "newEntitlement");
        assertThat(thrown(() -> AccessReviewRules.decision(a, "r@example.com",
                new DecisionDraft(Decision.CHANGE, "least privilege", "ADMIN", null, null), false)).getMessage())
                .contains("current entitlement");
        assertThat(AccessReviewRules.decision(a, "r@example.com",
                new DecisionDraft(Decision.CHANGE, " least privilege ", " read ", null, null), false))
                .isEqualTo(new ValidDecision(Decision.CHANGE, "least privilege", "read", null));
        assertThat(thrown(() -> AccessReviewRules.decision(a, "r@example.com",
                new DecisionDraft(null, null, null, null, null), false)).errors())
                .extracting(FieldError::field).containsExactly("decision");
    }

    @Test
    void reviewingOnesOwnAccountNeedsASelfReviewJustificationNamingTheField() {
        ReviewAccount a = account("Alice@Example.com", "admin", UUID.randomUUID(), null);
        ApiProblem p = thrown(() -> AccessReviewRules.decision(a, "alice@example.com",
                new DecisionDraft(Decision.KEEP, "needed for on-call", null, null, null), false));
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("selfReviewJustification");
        assertThat(p.getMessage()).contains("selfReviewJustification").contains("your own");
        ValidDecision ok = AccessReviewRules.decision(a, "alice@example.com",
                new DecisionDraft(Decision.KEEP, null, null, "sole admin; CTO approved by e-mail", null), false);
        assertThat(ok.selfReviewJustification()).isEqualTo("sole admin; CTO approved by e-mail");
        assertThat(AccessReviewRules.decision(a, "bob@example.com",
                new DecisionDraft(Decision.KEEP, null, null, "not mine", null), false).selfReviewJustification()).isNull();
    }

    @Test
    void aStaleVersionOrADoneTaskRefusesTheDecision() {
        ReviewAccount a = account("alice@example.com", "admin", UUID.randomUUID(), Decision.REVOKE);
        assertThat(thrown(() -> AccessReviewRules.decision(a, "r@example.com",
                new DecisionDraft(Decision.KEEP, null, null, null, 2L), false)).status()).isEqualTo(409);
        assertThat(thrown(() -> AccessReviewRules.decision(a, "r@example.com",
                new DecisionDraft(Decision.KEEP, null, null, null, 3L), true)).getMessage()).contains("is done");
    }

    @Test
    void remediationTasksSayWhatToDo() {
        ReviewAccount a = account("alice@example.com", "admin", UUID.randomUUID(), null);
        assertThat(AccessReviewRules.taskDescription(a, "GitHub", Decision.REVOKE, null))
                .isEqualTo("Revoke account 'alice' on GitHub (entitlement: admin)");
        assertThat(AccessReviewRules.taskDescription(a, "GitHub", Decision.CHANGE, "read"))
                .isEqualTo("Change account 'alice' on GitHub from 'admin' to 'read'");
        assertThat(AccessReviewRules.taskDescription(a, "GitHub", Decision.KEEP, null)).isNull();
    }

    @Test
    void aTaskIsDoneTodayOrEarlierOnce() {
        LocalDate today = LocalDate.of(2026, 10, 5);
        assertThat(AccessReviewRules.taskDone(TaskStatus.OPEN, null, " OPS-1 ", today))
                .isEqualTo(new AccessReviewRules.TaskDone(today, "OPS-1"));
        assertThat(AccessReviewRules.taskDone(TaskStatus.OPEN, today.minusDays(3), null, today).doneOn())
                .isEqualTo(today.minusDays(3));
        assertThat(thrown(() -> AccessReviewRules.taskDone(TaskStatus.OPEN, today.plusDays(1), null, today)).errors())
                .extracting(FieldError::field).containsExactly("doneOn");
        assertThat(thrown(() -> AccessReviewRules.taskDone(TaskStatus.DONE, null, null, today)).status()).isEqualTo(409);
        assertThat(thrown(() -> AccessReviewRules.taskDone(TaskStatus.CANCELLED, null, null, today)).status())
                .isEqualTo(409);
    }

    // ---- campaigns and sign-off ---------------------------------------------------------------

    @Test
    void aCampaignNeedsASystemDatesInOrderAndKnownControls() {
        UUID control = UUID.randomUUID();
        AccessReviewRules.ValidDraft ok = AccessReviewRules.draft(new AccessReviewDraft(" GitHub ", AS_OF,
                AS_OF.plusDays(14), null, List.of("AC-04", "ac-04", "")), ref -> ref.equalsIgnoreCase("AC-04")
                ? Optional.of(control) : Optional.empty());
        assertThat(ok.system()).isEqualTo("GitHub");
        assertThat(ok.controlIds()).containsExactly(control);
        ApiProblem p = thrown(() -> AccessReviewRules.draft(new AccessReviewDraft("", AS_OF, AS_OF.minusDays(1), null,
                List.of("NOPE")), ref -> Optional.empty()));
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("system", "dueDate", "controlIds[0]");
        assertThat(thrown(() -> AccessReviewRules.draft(new AccessReviewDraft("GitHub", null, null, null, null),
                ref -> Optional.empty())).errors()).extracting(FieldError::field)
                .containsExactly("asOfDate", "dueDate");
        assertThat(thrown(() -> AccessReviewRules.draft(new AccessReviewDraft("GitHub", AS_OF, AS_OF, null, null),
                ref -> Optional.empty())).errors()).extracting(FieldError::field).containsExactly("controlIds");
    }

    @Test
    void signOffNeedsEveryAccountDecidedAndEveryTaskDone() {
        Progress ready = new Progress(3, 3, 1, 1, 1, 0, 0, 2);
        assertThat(AccessReviewRules.signOffBlockers(CampaignStatus.OPEN, ready, 1)).isEmpty();
        AccessReviewRules.requireSignOff(CampaignStatus.OPEN, ready, 1);
        assertThat(AccessReviewRules.signOffBlockers(CampaignStatus.OPEN, Progress.EMPTY, 1))
                .containsExactly("no account list has been imported");
        List<String> blockers = AccessReviewRules.signOffBlockers(CampaignStatus.OPEN,
                new Progress(3, 2, 1, 1, 0, 0, 1, 0), 0);
        assertThat(blockers).containsExactly("1 of 3 accounts still without a decision",
                "1 remediation task is not done yet", "no control is mapped (the review would be evidence for nothing)");
        ApiProblem p = thrown(() -> AccessReviewRules.requireSignOff(CampaignStatus.OPEN,
                new Progress(3, 2, 1, 1, 0, 0, 1, 0), 1));
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.getMessage()).contains("1 of 3 accounts still without a decision").contains("task");
        assertThat(thrown(() -> AccessReviewRules.requireSignOff(CampaignStatus.SIGNED_OFF, ready, 1)).getMessage())
                .contains("locked");
    }

    @Test
    void theAccountListIsReplaceableOnlyBeforeAnyDecision() {
        AccessReviewRules.requireImportable(CampaignStatus.OPEN, 0);
        assertThat(thrown(() -> AccessReviewRules.requireImportable(CampaignStatus.OPEN, 2)).getMessage())
                .contains("already recorded 2 decisions");
        assertThat(thrown(() -> AccessReviewRules.requireImportable(CampaignStatus.SIGNED_OFF, 0)).status())
                .isEqualTo(409);
    }
}
