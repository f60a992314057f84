package dev.assayer.finding.internal;

import static dev.assayer.finding.FindingStatus.CLOSED;
import static dev.assayer.finding.FindingStatus.IN_REMEDIATION;
import static dev.assayer.finding.FindingStatus.OPEN;
import static dev.assayer.finding.FindingStatus.READY_FOR_RETEST;
import static dev.assayer.finding.FindingStatus.RISK_ACCEPTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingSource;
import dev.assayer.finding.FindingStatus;
import dev.assayer.finding.FindingUpdate;
import dev.assayer.finding.RetestDraft;
import dev.assayer.finding.RetestResult;
import dev.assayer.finding.Severity;
import dev.assayer.finding.SourceType;
import dev.assayer.finding.internal.FindingRules.Caller;
import dev.assayer.finding.internal.FindingRules.Progress;
import dev.assayer.shared.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The rules of findings, directly: who may move what, what each move needs, and how a re-test ends it. */
class FindingRulesTest {

    static final Caller FIRM = new Caller(true, false, false);
    /** A control owner on an audit firm's finding: may respond, is not management. */
    static final Caller RESPONDER = new Caller(false, true, false);
    /** An admin or compliance manager. */
    static final Caller MANAGEMENT = new Caller(false, true, true);
    static final Caller READER = Caller.NOBODY;

    static final Progress READY = new Progress(true, true, true, true, 0);
    static final Progress NOTHING = new Progress(false, false, false, false, 0);

    static void assertStatus(ThrowingCallable call, int status, String... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(status);
            if (fields.length > 0) {
                assertThat(p.errors()).extracting(ApiProblem.FieldError::field).containsExactlyInAnyOrder(fields);
            }
        });
    }

    @Test
    void onlyTheOrganizationMovesAFindingThroughRemediation() {
        FindingRules.checkTransition(true, RESPONDER, OPEN, IN_REMEDIATION, null, false, READY);
        FindingRules.checkTransition(true, RESPONDER, IN_REMEDIATION, READY_FOR_RETEST, null, false, READY);
        assertStatus(() -> FindingRules.checkTransition(true, FIRM, OPEN, IN_REMEDIATION, null, false, READY), 403);
        assertStatus(() -> FindingRules.checkTransition(true, FIRM, IN_REMEDIATION, READY_FOR_RETEST, null, false, READY), 403);
        assertStatus(() -> FindingRules.checkTransition(true, READER, OPEN, IN_REMEDIATION, null, false, READY), 403);
        // an internal finding: the responder is management
        FindingRules.checkTransition(false, MANAGEMENT, OPEN, IN_REMEDIATION, null, false, READY);
    }

    @Test
    void remediationStartsWithAnOwnerADueDateAndAPlan() {
        assertStatus(() -> FindingRules.checkTransition(true, RESPONDER, OPEN, IN_REMEDIATION, null, false, NOTHING), 400,
                "ownerId", "dueDate", "correctiveActionPlan");
        assertStatus(() -> FindingRules.checkTransition(true, RESPONDER, OPEN, IN_REMEDIATION, null, false,
                new Progress(true, false, true, false, 0)), 400, "dueDate");
    }

    @Test
    void readyForRetestNeedsARootCauseAndEveryActionDone() {
        assertStatus(() -> FindingRules.checkTransition(true, RESPONDER, IN_REMEDIATION, READY_FOR_RETEST, null, false,
                new Progress(true, true, true, false, 2)), 400, "rootCause", "actions");
        assertThatThrownBy(() -> FindingRules.checkTransition(true, RESPONDER, IN_REMEDIATION, READY_FOR_RETEST, null,
                false, new Progress(true, true, true, true, 1))).hasMessageContaining("1 corrective action is not done");
        // straight from open is not allowed
        assertStatus(() -> FindingRules.checkTransition(true, RESPONDER, OPEN, READY_FOR_RETEST, null, false, READY), 409);
        // going back from ready to remediation says why
        assertStatus(() -> FindingRules.checkTransition(true, RESPONDER, READY_FOR_RETEST, IN_REMEDIATION, " ", false,
                READY), 400, "note");
        FindingRules.checkTransition(true, RESPONDER, READY_FOR_RETEST, IN_REMEDIATION, "more users found", false, READY);
    }

    @Test
    void closingIsOnlyByARetestOfTheSideThatRaisedIt() {
        // the organization cannot close the firm's finding at all
        assertStatus(() -> FindingRules.checkTransition(true, MANAGEMENT, READY_FOR_RETEST, CLOSED, "fixed", false, READY),
                403);
        // the firm is told to record a re-test
        assertStatus(() -> FindingRules.checkTransition(true, FIRM, READY_FOR_RETEST, CLOSED, null, false, READY), 409);
        assertStatus(() -> FindingRules.checkTransition(false, MANAGEMENT, READY_FOR_RETEST, CLOSED, null, false, READY),
                409);
        // a responder who is not management cannot close an internal finding
        assertStatus(() -> FindingRules.checkTransition(false, RESPONDER, READY_FOR_RETEST, CLOSED, null, false, READY),
                403);
        assertStatus(() -> FindingRules.checkTransition(true, RESPONDER, IN_REMEDIATION, OPEN, null, false, READY), 409);
    }

    @Test
    void aPassingRetestClosesAndAFailingOneReopensRemediation() {
        UUID test = UUID.randomUUID();
        assertThat(FindingRules.afterRetest(true, FIRM, READY_FOR_RETEST,
                new RetestDraft(test, "Re-test of CC6.2-01", RetestResult.PASS, null))).isEqualTo(CLOSED);
        assertThat(FindingRules.afterRetest(true, FIRM, READY_FOR_RETEST,
                new RetestDraft(test, "Re-test of CC6.2-01", RetestResult.FAIL, "2 of 10 still late"))).isEqualTo(IN_REMEDIATION);
        // the organization's own finding: management verifies, with a note
        assertThat(FindingRules.afterRetest(false, MANAGEMENT, READY_FOR_RETEST,
                new RetestDraft(null, null, RetestResult.PASS, "Checked all 12 leavers of May"))).isEqualTo(CLOSED);
        assertStatus(() -> FindingRules.afterRetest(false, MANAGEMENT, READY_FOR_RETEST,
                new RetestDraft(null, null, RetestResult.PASS, null)), 400, "note");
    }

    @Test
    void retestsAreTheRaisingSidesAndOnlyWhenReady() {
        RetestDraft pass = new RetestDraft(UUID.randomUUID(), "Re-test", RetestResult.PASS, null);
        assertStatus(() -> FindingRules.afterRetest(true, MANAGEMENT, READY_FOR_RETEST, pass), 403);
        assertStatus(() -> FindingRules.afterRetest(true, RESPONDER, READY_FOR_RETEST, pass), 403);
        assertStatus(() -> FindingRules.afterRetest(false, FIRM, READY_FOR_RETEST, pass), 403);
        assertStatus(() -> FindingRules.afterRetest(true, FIRM, IN_REMEDIATION, pass), 409);
        assertStatus(() -> FindingRules.afterRetest(true, FIRM, CLOSED, pass), 409);
        assertStatus(() -> FindingRules.afterRetest(true, FIRM, READY_FOR_RETEST,
                new RetestDraft(null, " ", null, null)), 400, "testId", "testRef", "result");
    }

    @Test
    void riskAcceptanceIsManagementsWithAnApproverAndAReason() {
        assertStatus(() -> FindingRules.checkTransition(true, RESPONDER, OPEN, RISK_ACCEPTED, "cost", true, READY), 403);
        assertStatus(() -> FindingRules.checkTransition(true, FIRM, OPEN, RISK_ACCEPTED, "cost", true, READY), 403);
        assertStatus(() -> FindingRules.checkTransition(true, MANAGEMENT, IN_REMEDIATION, RISK_ACCEPTED, null, false,
                READY), 400, "approverId", "note");
        FindingRules.checkTransition(true, MANAGEMENT, READY_FOR_RETEST, RISK_ACCEPTED, "system retired in June", true,
                NOTHING);
    }

    @Test
    void finalStatusesNeverChange() {
        for (FindingStatus done : List.of(CLOSED, RISK_ACCEPTED)) {
            assertStatus(() -> FindingRules.checkTransition(false, MANAGEMENT, done, IN_REMEDIATION, "x", true, READY), 409);
            assertStatus(() -> FindingRules.checkTransition(false, MANAGEMENT, done, RISK_ACCEPTED, "x", true, READY), 409);
            assertThat(FindingRules.targets(false, MANAGEMENT, done)).isEmpty();
        }
        assertStatus(() -> FindingRules.checkTransition(true, RESPONDER, IN_REMEDIATION, IN_REMEDIATION, null, false,
                READY), 409);
    }

    @Test
    void theStatusChoicesFollowTheSide() {
        assertThat(FindingRules.targets(true, FIRM, READY_FOR_RETEST)).isEmpty();
        assertThat(FindingRules.targets(true, RESPONDER, OPEN)).containsExactly(IN_REMEDIATION);
        assertThat(FindingRules.targets(true, RESPONDER, IN_REMEDIATION)).containsExactly(READY_FOR_RETEST);
        assertThat(FindingRules.targets(true, MANAGEMENT, READY_FOR_RETEST)).containsExactly(IN_REMEDIATION, RISK_ACCEPTED);
        assertThat(FindingRules.targets(true, READER, OPEN)).isEmpty();
    }

    @Test
    void refsCountPerOrganizationWithThreeDigits() {
        assertThat(FindingRules.nextRef(List.of())).isEqualTo("F-001");
        assertThat(FindingRules.nextRef(List.of("F-001", "F-009", "INC-40", "F-x"))).isEqualTo("F-010");
        assertThat(FindingRules.nextRef(List.of("F-999"))).isEqualTo("F-1000");
    }

    @Test
    void overdueMeansStillBeingWorkedOnAndPastTheDueDate() {
        LocalDate today = LocalDate.of(2026, 5, 10);
        assertThat(FindingRules.overdue(OPEN, today.minusDays(1), today)).isTrue();
        assertThat(FindingRules.overdue(IN_REMEDIATION, today.minusDays(1), today)).isTrue();
        assertThat(FindingRules.overdue(IN_REMEDIATION, today, today)).isFalse();
        assertThat(FindingRules.overdue(OPEN, null, today)).isFalse();
        assertThat(FindingRules.overdue(READY_FOR_RETEST, today.minusDays(30), today)).isFalse();
        assertThat(FindingRules.overdue(CLOSED, today.minusDays(30), today)).isFalse();
    }

    @Test
    void sourcesOfTheFirmAndRequiredFieldsAreReportedTogether() {
        Problems p = new Problems();
        FindingRules.assessment(p, " ", null, null, new FindingSource(SourceType.DEVIATION, null, null),
                List.of("AC-1", "NOPE"), List.of("CC6.1", "ZZ9.9"), false,
                ref -> ref.equals("AC-1") ? Optional.of(UUID.randomUUID()) : Optional.empty(),
                ids -> ids.stream().filter(i -> !i.equalsIgnoreCase("CC6.1")).toList());
        assertStatus(p::throwIfAny, 400, "title", "description", "severity", "source.type", "source.ref", "controls[1]",
                "criteria[1]");
        // the firm may raise from a deviation; OTHER needs no reference
        Problems ok = new Problems();
        var a = FindingRules.assessment(ok, "Late removal", "9 days", Severity.LOW,
                FindingSource.deviation(UUID.randomUUID(), "Deviation 1"), List.of(), List.of("cc6.2"), true,
                ref -> Optional.empty(), ids -> List.of());
        assertThat(ok.isEmpty()).isTrue();
        assertThat(a.criteria()).containsExactly("CC6.2");
    }

    @Test
    void theOtherSidesFieldsCountAsChangedOnlyWhenGivenAndDifferent() {
        UUID control = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        Finding f = new Finding(UUID.randomUUID(), "F-001", UUID.randomUUID(), UUID.randomUUID(), "Firm", "Late removal",
                "9 days", Severity.MEDIUM, FindingSource.deviation(null, "Deviation 1"), List.of(control),
                List.of("AC-04"), List.of("CC6.2"), "Manual process", owner, "Owner", LocalDate.of(2026, 6, 1), "Automate",
                OPEN, null, false, List.of(), List.of(), List.of(), UUID.randomUUID(), "x", 0, Instant.now(),
                Instant.now());
        FindingUpdate same = new FindingUpdate("Late removal ", "9 days", Severity.MEDIUM,
                FindingSource.deviation(null, "Deviation 1"), List.of("ac-04"), List.of("cc6.2"), "Manual process", owner,
                LocalDate.of(2026, 6, 1), "Automate");
        assertThat(FindingRules.assessmentChanges(f, same)).isEmpty();
        assertThat(FindingRules.responseChanges(f, same)).isEmpty();
        FindingUpdate absent = new FindingUpdate(null, null, null, null, null, null, null, null, null, null);
        assertThat(FindingRules.assessmentChanges(f, absent)).isEmpty();
        assertThat(FindingRules.responseChanges(f, absent)).isEmpty();
        FindingUpdate other = new FindingUpdate("Late", "9 days", Severity.LOW, FindingSource.other(),
                List.of(control.toString(), "AC-99"), List.of("CC6.2"), "Another cause", UUID.randomUUID(),
                LocalDate.of(2026, 7, 1), "");
        assertThat(FindingRules.assessmentChanges(f, other)).containsExactly("title", "severity", "source", "controls");
        assertThat(FindingRules.responseChanges(f, other)).containsExactly("rootCause", "ownerId", "dueDate",
                "correctiveActionPlan");
    }
}
