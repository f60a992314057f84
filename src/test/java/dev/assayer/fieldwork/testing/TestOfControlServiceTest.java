package dev.assayer.fieldwork.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.ControlTestStatus;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.DeviationDraft;
import dev.assayer.fieldwork.DeviationNature;
import dev.assayer.fieldwork.DeviationStatus;
import dev.assayer.fieldwork.FirmSettingsService;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.ReviewNote;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.TestStatus;
import dev.assayer.fieldwork.TestSummary;
import dev.assayer.fieldwork.sampling.AttributeSampling;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 4 §3, §5, §7 through the service: planning, sizing, results, deviations, conclusions, sign-off, locking. */
class TestOfControlServiceTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired TestOfControlService tests;
    @Autowired FirmSettingsService firms;
    @Autowired ActivityLog activity;

    Audit audit;

    @BeforeEach
    void setUp() {
        audit = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
    }

    static int status(Throwable t) {
        return ((ApiProblem) t).status();
    }

    /** A test of operating effectiveness of AC-01 over five listed items with attributes A and B. */
    TestOfControl plannedWithItems(List<Procedure> procedures) {
        TestOfControl t = tests.create(audit.staff(), audit.id(), audit.monthly().id(), TestKind.OPERATING_EFFECTIVENESS,
                null);
        List<ManualItem> items = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            items.add(new ManualItem("REV-" + i, "Access review of month " + i));
        }
        return tests.update(audit.staff(), audit.id(), t.id(), new TestPlan(procedures,
                List.of(new TestAttribute(null, "Reviewer signed the review"), new TestAttribute(null, "Removals done within 5 days")),
                "Monthly access reviews of the period (6)", null, items,
                TestSizing.judgmental(5, "Five of six months; population kept in the client's ticketing tool")), t.version());
    }

    static final List<Procedure> INSPECT = List.of(new Procedure(TestMethod.INQUIRY, "Ask the IT manager how reviews run"),
            new Procedure(TestMethod.INSPECTION, "Inspect each review's sign-off and removal tickets"));

    ItemResult record(CurrentUser u, TestOfControl t, String key, String attribute, ResultOutcome outcome, String note) {
        ItemResult existing = tests.get(u, audit.id(), t.id()).result(TestItemRef.manual(key), attribute);
        return tests.recordResult(u, audit.id(), t.id(), new ResultDraft(null, key, attribute, outcome, note, List.of(), null,
                existing == null ? null : existing.version()));
    }

    @Test
    void planAllCreatesDesignAndOperatingTestsOnceAndSizesByTheControlsFrequency() {
        List<TestSummary> created = tests.planAll(audit.staff(), audit.id());
        // two controls in scope (the not-applicable one is left out), two kinds each in a Type II engagement
        assertThat(created).hasSize(4);
        assertThat(created).extracting(TestSummary::controlRef).containsOnly("AC-01", "HR-02");
        assertThat(tests.planAll(audit.manager(), audit.id())).isEmpty();
        TestSummary oe = created.stream().filter(s -> s.controlRef().equals("AC-01")
                && s.kind() == TestKind.OPERATING_EFFECTIVENESS).findFirst().orElseThrow();
        assertThat(oe.sampleSize()).isEqualTo(2);
        TestOfControl event = tests.get(audit.staff(), audit.id(), created.stream().filter(s -> s.controlRef().equals("HR-02")
                && s.kind() == TestKind.OPERATING_EFFECTIVENESS).findFirst().orElseThrow().id());
        assertThat(event.sizing().frequency()).isEqualTo(ControlFrequency.EVENT_DRIVEN);
        assertThat(event.sizing().sampleSize()).isNull();
        // the product writes no procedures, attributes or conclusions for the auditor
        assertThat(event.procedures()).isEmpty();
        assertThat(event.attributes()).isEmpty();
        assertThat(event.conclusion()).isNull();
        assertThat(event.history()).extracting(h -> h.action()).containsExactly("planned");

        List<ControlTestStatus> overview = tests.overview(audit.staff(), audit.id());
        assertThat(overview).extracting(ControlTestStatus::controlRef).containsExactly("AC-01", "HR-02");
        assertThat(overview).allMatch(c -> c.status() == TestStatus.PLANNED && c.missing().isEmpty());
        // one per control and kind
        assertThatThrownBy(() -> tests.create(audit.staff(), audit.id(), audit.monthly().id(), TestKind.DESIGN, null))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(409);
    }

    @Test
    void aTypeOneEngagementHasOnlyTestsOfDesign() {
        Audit type1 = Audit.create(identity, engagements, access, controls, ReportType.TYPE1);
        assertThat(tests.planAll(type1.staff(), type1.id())).extracting(TestSummary::kind).containsOnly(TestKind.DESIGN)
                .hasSize(2);
        assertThatThrownBy(() -> tests.create(type1.staff(), type1.id(), type1.monthly().id(),
                TestKind.OPERATING_EFFECTIVENESS, null)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("needs a Type II engagement");
        assertThat(tests.overview(type1.staff(), type1.id()))
                .allMatch(c -> c.status() == TestStatus.PLANNED && c.missing().isEmpty());
    }

    @Test
    void frequencySizingUsesTheFirmsConfiguredTable() {
        CurrentUser partnerAtFirm = audit.firm().user(Role.AUDIT_PARTNER);
        var table = firms.frequencyTable(partnerAtFirm);
        assertThat(table.customized()).isFalse();
        assertThat(table.sizes()).containsEntry(ControlFrequency.MONTHLY, 2).containsEntry(ControlFrequency.DAILY, 25)
                .containsEntry(ControlFrequency.SEVERAL_TIMES_A_DAY, 40).containsEntry(ControlFrequency.AUTOMATED, 1)
                .containsEntry(ControlFrequency.ANNUAL, 1).containsEntry(ControlFrequency.QUARTERLY, 2)
                .containsEntry(ControlFrequency.SEMI_MONTHLY, 3).containsEntry(ControlFrequency.WEEKLY, 5);
        assertThat(table.defaultConfidence()).isEqualByComparingTo("0.95");
        assertThat(table.automatedNote()).contains("ITGC reliance required");
        var changed = firms.updateFrequencyTable(partnerAtFirm, Map.of(ControlFrequency.MONTHLY, 4),
                new BigDecimal("0.90"), 0);
        assertThat(changed.version()).isEqualTo(1);
        assertThat(changed.sizes()).containsEntry(ControlFrequency.MONTHLY, 4).containsEntry(ControlFrequency.DAILY, 25);
        // the change is in the firm's activity log
        List<ActivityEntry> log = activity.recent(audit.firm().id(), "firm-frequency-table", null, 5);
        assertThat(log).hasSize(1);
        assertThat(log.getFirst().before()).contains("\"MONTHLY\":2");
        assertThat(log.getFirst().after()).contains("\"MONTHLY\":4");
        // a stale version and a bad size are refused; event-driven follows the periodic sizes
        assertThatThrownBy(() -> firms.updateFrequencyTable(partnerAtFirm, Map.of(ControlFrequency.WEEKLY, 6), null, 0))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(409);
        assertThatThrownBy(() -> firms.updateFrequencyTable(partnerAtFirm, Map.of(ControlFrequency.EVENT_DRIVEN, 6,
                ControlFrequency.WEEKLY, 0), null, 1)).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).errors()).extracting(ApiProblem.FieldError::field)
                        .containsExactlyInAnyOrder("sizes.EVENT_DRIVEN", "sizes.WEEKLY"));
        // inside the client the firm's table sizes the tests, and its 90 % becomes the tests' confidence
        TestOfControl t = tests.create(audit.staff(), audit.id(), audit.monthly().id(), TestKind.OPERATING_EFFECTIVENESS,
                null);
        assertThat(t.sizing().sampleSize()).isEqualTo(4);
        assertThat(t.sizing().confidence()).isEqualByComparingTo("0.90");
        assertThat(firms.frequencyTable(audit.staff()).sizes()).containsEntry(ControlFrequency.MONTHLY, 4);
        // firm rights never reach into a client: the partner inside the engagement cannot change the table
        assertThatThrownBy(() -> firms.updateFrequencyTable(audit.partner(), Map.of(ControlFrequency.MONTHLY, 3), null, 1))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(403);
        assertThatThrownBy(() -> firms.updateFrequencyTable(audit.firm().user(Role.AUDIT_MANAGER),
                Map.of(ControlFrequency.MONTHLY, 3), null, 1)).isInstanceOf(ApiProblem.class)
                .extracting(TestOfControlServiceTest::status).isEqualTo(403);
    }

    @Test
    void allPassResultsLeaveTheConclusionAndWordingToTheAuditor() {
        TestOfControl t = plannedWithItems(INSPECT);
        assertThat(t.items()).extracting(i -> i.key()).containsExactly("REV-1", "REV-2", "REV-3", "REV-4", "REV-5");
        for (int i = 1; i <= 5; i++) {
            for (String a : List.of("A", "B")) {
                record(audit.staff(), t, "REV-" + i, a, ResultOutcome.PASS, null);
            }
        }
        TestOfControl after = tests.get(audit.manager(), audit.id(), t.id());
        assertThat(after.conclusion()).isNull();
        assertThat(after.resultWording()).isNull();
        assertThat(after.status()).isEqualTo(TestStatus.IN_PROGRESS);
        assertThat(after.evaluation().deviations()).isZero();
        assertThat(after.evaluation().resultsRecorded()).isEqualTo(10);
        assertThat(after.evaluation().upperLimitPercent())
                .isEqualByComparingTo(AttributeSampling.upperLimitPercent(new BigDecimal("0.05"), 5, 0));
        assertThat(after.deviations()).isEmpty();
        // replacing a result needs its version
        assertThatThrownBy(() -> tests.recordResult(audit.staff(), audit.id(), t.id(), new ResultDraft(null, "REV-1", "A",
                ResultOutcome.PASS, null, List.of(), null, null))).isInstanceOf(ApiProblem.class)
                .extracting(TestOfControlServiceTest::status).isEqualTo(409);
        // the auditor concludes in their own words
        TestOfControl concluded = tests.conclude(audit.staff(), audit.id(), t.id(), Conclusion.OPERATING_EFFECTIVELY,
                "Inspected 5 monthly reviews; no exceptions noted.", after.version());
        assertThat(concluded.conclusion()).isEqualTo(Conclusion.OPERATING_EFFECTIVELY);
        assertThat(concluded.concludedBy()).contains(audit.staff().email());
        assertThat(concluded.status()).isEqualTo(TestStatus.CONCLUDED);
    }

    @Test
    void inquiryAloneCannotBeConcluded() {
        TestOfControl t = plannedWithItems(List.of(new Procedure(TestMethod.INQUIRY, "Ask the IT manager")));
        assertThatThrownBy(() -> tests.conclude(audit.staff(), audit.id(), t.id(), Conclusion.OPERATING_EFFECTIVELY,
                "No exceptions noted.", t.version()))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("Inquiry alone is not sufficient evidence: add an observation, inspection or re-performance procedure");
        assertThat(tests.get(audit.staff(), audit.id(), t.id()).conclusion()).isNull();
    }

    @Test
    void aFailureOpensADeviationTheClientRespondsToAndACorrectionWithdrawsIt() {
        TestOfControl t = plannedWithItems(INSPECT);
        assertThatThrownBy(() -> record(audit.staff(), t, "REV-2", "B", ResultOutcome.FAIL, null))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("note");
        ItemResult fail = record(audit.staff(), t, "REV-2", "B", ResultOutcome.FAIL, "Two leavers removed after 9 days");
        assertThat(fail.deviationId()).isNotNull();
        // a second failed attribute of the same item joins its deviation; another item opens a new one
        ItemResult sameItem = record(audit.staff(), t, "REV-2", "A", ResultOutcome.FAIL, "Review not signed");
        assertThat(sameItem.deviationId()).isEqualTo(fail.deviationId());
        ItemResult other = record(audit.staff(), t, "REV-4", "B", ResultOutcome.FAIL, "One leaver removed after 12 days");
        assertThat(other.deviationId()).isNotEqualTo(fail.deviationId());
        // or attaches to a named deviation
        ItemResult attached = tests.recordResult(audit.staff(), audit.id(), t.id(), new ResultDraft(null, "REV-5", "B",
                ResultOutcome.FAIL, "Same cause as REV-2", List.of(), fail.deviationId(), null));
        assertThat(attached.deviationId()).isEqualTo(fail.deviationId());

        TestOfControl withDeviations = tests.get(audit.staff(), audit.id(), t.id());
        assertThat(withDeviations.deviations()).extracting(Deviation::ref).containsExactly("D1", "D2");
        Deviation d1 = withDeviations.deviations().getFirst();
        assertThat(d1.description()).isEqualTo("Two leavers removed after 9 days");
        assertThat(d1.items()).containsExactly("REV-2 (A, B)", "REV-5 (B)");
        assertThat(withDeviations.evaluation().deviations()).isEqualTo(3);
        assertThat(withDeviations.evaluation().upperLimitPercent())
                .isEqualByComparingTo(AttributeSampling.upperLimitPercent(new BigDecimal("0.05"), 5, 3));

        Deviation assessed = tests.updateDeviation(audit.staff(), audit.id(), t.id(), d1.id(), new DeviationDraft(
                "Leavers removed late in two months", "HR ticket raised late", DeviationNature.SYSTEMIC,
                "Monthly SSO reconciliation"), d1.version());
        assertThat(assessed.nature()).isEqualTo(DeviationNature.SYSTEMIC);

        // the client sees the open deviations of its engagement and writes the management response
        CurrentUser cm = audit.client().user(Role.COMPLIANCE_MANAGER);
        List<Deviation> seen = tests.engagementDeviations(cm, audit.id());
        assertThat(seen).extracting(Deviation::ref).containsExactly("D1", "D2");
        Deviation responded = tests.respond(cm, audit.id(), d1.id(), "HR now raises leaver tickets on the last day",
                assessed.version());
        assertThat(responded.managementResponse()).isEqualTo("HR now raises leaver tickets on the last day");
        assertThat(responded.respondedBy()).contains(cm.email());
        assertThat(responded.description()).isEqualTo("Leavers removed late in two months");
        // the auditor cannot write it; the client cannot write the auditor's fields or results
        assertThatThrownBy(() -> tests.respond(audit.manager(), audit.id(), d1.id(), "x", responded.version()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(403);
        assertThatThrownBy(() -> tests.updateDeviation(cm, audit.id(), t.id(), d1.id(), new DeviationDraft("x", null, null,
                null), responded.version())).isInstanceOf(ApiProblem.class)
                .extracting(TestOfControlServiceTest::status).isEqualTo(403);
        assertThatThrownBy(() -> tests.recordResult(audit.client().admin(), audit.id(), t.id(), new ResultDraft(null,
                "REV-1", "A", ResultOutcome.PASS, null, List.of(), null, null))).isInstanceOf(ApiProblem.class)
                .extracting(TestOfControlServiceTest::status).isEqualTo(403);
        // the test's history shows the response
        assertThat(tests.get(audit.staff(), audit.id(), t.id()).history()).anyMatch(h -> h.action().equals("management response"));

        // correcting D2's only failure withdraws it (kept, never deleted); the client no longer sees it
        ItemResult current = tests.get(audit.staff(), audit.id(), t.id()).result(TestItemRef.manual("REV-4"), "B");
        tests.recordResult(audit.staff(), audit.id(), t.id(), new ResultDraft(null, "REV-4", "B", ResultOutcome.PASS,
                "Re-inspected: removal on day 3", List.of(), null, current.version()));
        TestOfControl corrected = tests.get(audit.staff(), audit.id(), t.id());
        assertThat(corrected.deviations()).extracting(Deviation::status)
                .containsExactly(DeviationStatus.OPEN, DeviationStatus.WITHDRAWN);
        assertThat(tests.engagementDeviations(cm, audit.id())).extracting(Deviation::ref).containsExactly("D1");
        assertThat(tests.engagementDeviations(audit.staff(), audit.id())).hasSize(2);
        assertThat(corrected.evaluation().deviations()).isEqualTo(2);
    }

    @Test
    void resultsLinkOnlyEvidenceTheAuditorCanSee() {
        TestOfControl t = plannedWithItems(INSPECT);
        EvidenceItem inPeriod = evidence.recordLink(audit.client().admin(), EvidenceMetadata.of("March access review",
                Audit.START.plusDays(40)), "https://example.test/march");
        EvidenceItem before = evidence.recordLink(audit.client().admin(), EvidenceMetadata.of("Old review",
                Audit.START.minusDays(200)), "https://example.test/old");
        ItemResult r = tests.recordResult(audit.staff(), audit.id(), t.id(), new ResultDraft(null, "REV-1", "A",
                ResultOutcome.PASS, "Signed by the CTO", List.of(inPeriod.id()), null, null));
        assertThat(r.evidenceIds()).containsExactly(inPeriod.id());
        assertThatThrownBy(() -> tests.recordResult(audit.staff(), audit.id(), t.id(), new ResultDraft(null, "REV-2", "A",
                ResultOutcome.PASS, null, List.of(before.id()), null, null))).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).errors()).extracting(ApiProblem.FieldError::field)
                        .containsExactly("evidenceIds[0]"));
        // unknown items and attributes are named
        assertThatThrownBy(() -> tests.recordResult(audit.staff(), audit.id(), t.id(), new ResultDraft(null, "REV-9", "Z",
                ResultOutcome.PASS, null, List.of(), null, null))).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).errors()).extracting(ApiProblem.FieldError::field)
                        .containsExactly("key", "attribute"));
        // attributes and items with results stay in the plan
        TestOfControl current = tests.get(audit.staff(), audit.id(), t.id());
        assertThatThrownBy(() -> tests.update(audit.staff(), audit.id(), t.id(), new TestPlan(current.procedures(),
                List.of(new TestAttribute("B", "only B")), null, null, List.of(new ManualItem("REV-2", null)),
                current.sizing()), current.version())).isInstanceOf(ApiProblem.class)
                .extracting(TestOfControlServiceTest::status).isEqualTo(409);
    }

    @Test
    void signOffNeedsAnotherReviewerAndClearedNotesThenLocksUntilReopened() {
        TestOfControl t = plannedWithItems(INSPECT);
        for (int i = 1; i <= 5; i++) {
            record(audit.staff(), t, "REV-" + i, "A", ResultOutcome.PASS, null);
        }
        long v = tests.get(audit.staff(), audit.id(), t.id()).version();
        assertThatThrownBy(() -> tests.signOffAsPreparer(audit.staff(), audit.id(), t.id(), v))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("conclusion");
        TestOfControl concluded = tests.conclude(audit.staff(), audit.id(), t.id(), Conclusion.OPERATING_EFFECTIVELY,
                "No exceptions noted.", v);
        // the manager prepares this one; staff can never review
        TestOfControl prepared = tests.signOffAsPreparer(audit.manager(), audit.id(), t.id(), concluded.version());
        assertThat(prepared.preparer().by()).contains(audit.manager().email());
        assertThatThrownBy(() -> tests.signOffAsReviewer(audit.staff(), audit.id(), t.id(), prepared.version()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(403);
        assertThatThrownBy(() -> tests.signOffAsReviewer(audit.manager(), audit.id(), t.id(), prepared.version()))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("another person than the preparer");
        // a review note blocks the sign-off until the preparer answers and the reviewer clears it
        ReviewNote note = tests.addReviewNote(audit.partner(), audit.id(), t.id(), "Attribute B has no results");
        assertThat(note.ref()).isEqualTo("RN1");
        long afterNote = tests.get(audit.partner(), audit.id(), t.id()).version();
        assertThatThrownBy(() -> tests.signOffAsReviewer(audit.partner(), audit.id(), t.id(), afterNote))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("1 review note is not cleared");
        assertThatThrownBy(() -> tests.clearReviewNote(audit.staff(), audit.id(), t.id(), note.id()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(403);
        ReviewNote answered = tests.respondToReviewNote(audit.staff(), audit.id(), t.id(), note.id(),
                "B is covered by the removal tickets; results added");
        assertThat(answered.response()).startsWith("B is covered");
        assertThat(tests.clearReviewNote(audit.partner(), audit.id(), t.id(), note.id()).cleared()).isTrue();
        TestOfControl ready = tests.get(audit.partner(), audit.id(), t.id());
        // answering a note is not a change to the workpaper: the preparer's sign-off stands
        assertThat(ready.preparer()).isNotNull();
        TestOfControl reviewed = tests.signOffAsReviewer(audit.partner(), audit.id(), t.id(), ready.version());
        assertThat(reviewed.locked()).isTrue();
        assertThat(reviewed.status()).isEqualTo(TestStatus.REVIEWED);
        assertThat(reviewed.reviewer().by()).contains(audit.partner().email());

        // locked: results, conclusion, plan, deviations and notes all need a reopening first
        assertThatThrownBy(() -> record(audit.staff(), t, "REV-1", "B", ResultOutcome.PASS, null))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("locked").extracting(TestOfControlServiceTest::status)
                .isEqualTo(409);
        assertThatThrownBy(() -> tests.conclude(audit.staff(), audit.id(), t.id(), Conclusion.NOT_EFFECTIVE, "x",
                reviewed.version())).isInstanceOf(ApiProblem.class).hasMessageContaining("locked");
        assertThatThrownBy(() -> tests.update(audit.staff(), audit.id(), t.id(), TestPlan.empty(), reviewed.version()))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("locked");
        assertThatThrownBy(() -> tests.addReviewNote(audit.partner(), audit.id(), t.id(), "late"))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("locked");
        assertThatThrownBy(() -> tests.reopen(audit.staff(), audit.id(), t.id(), "fix", reviewed.version()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(403);
        assertThatThrownBy(() -> tests.reopen(audit.partner(), audit.id(), t.id(), " ", reviewed.version()))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("reason:");

        TestOfControl reopened = tests.reopen(audit.manager(), audit.id(), t.id(),
                "Client supplied a corrected review for month 3", reviewed.version());
        assertThat(reopened.locked()).isFalse();
        assertThat(reopened.preparer()).isNull();
        assertThat(reopened.reviewer()).isNull();
        assertThat(reopened.conclusion()).isEqualTo(Conclusion.OPERATING_EFFECTIVELY);
        assertThat(reopened.history()).extracting(h -> h.action()).containsSubsequence("signed off as preparer",
                "signed off as reviewer", "reopened", "sign-offs cleared");
        assertThat(reopened.history()).anyMatch(h -> h.action().equals("reopened")
                && h.detail().equals("Client supplied a corrected review for month 3")
                && h.actor().contains(audit.manager().email()));
        List<ActivityEntry> log = activity.recent(audit.client().id(), "control-test", t.id().toString(), 50);
        assertThat(log).extracting(ActivityEntry::action).contains("reopened", "signed-off-reviewer",
                "signed-off-preparer", "concluded", "plan-updated", "planned");
        assertThat(log.stream().filter(e -> e.action().equals("reopened")).findFirst().orElseThrow().after())
                .contains("Client supplied a corrected review");
        // changes are possible again
        record(audit.staff(), t, "REV-1", "B", ResultOutcome.PASS, null);
    }

    @Test
    void aChangeAfterThePreparersSignOffClearsIt() {
        TestOfControl t = plannedWithItems(INSPECT);
        TestOfControl concluded = tests.conclude(audit.staff(), audit.id(), t.id(), Conclusion.EFFECTIVE_WITH_EXCEPTIONS,
                "One exception noted.", t.version());
        TestOfControl prepared = tests.signOffAsPreparer(audit.staff(), audit.id(), t.id(), concluded.version());
        assertThat(prepared.preparer()).isNotNull();
        record(audit.in().second(), t, "REV-1", "A", ResultOutcome.PASS, null);
        TestOfControl changed = tests.get(audit.staff(), audit.id(), t.id());
        assertThat(changed.preparer()).isNull();
        assertThat(changed.history()).anyMatch(h -> h.action().equals("preparer sign-off cleared"));
        // a stale version is refused
        assertThatThrownBy(() -> tests.signOffAsPreparer(audit.staff(), audit.id(), t.id(), prepared.version()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(409);
    }

    @Test
    void anotherFirmOrEngagementSeesNothing() {
        TestOfControl t = plannedWithItems(INSPECT);
        // a second firm granted the same engagement has its own workpapers
        var otherFirm = dev.assayer.testing.TestFirm.create(identity);
        var otherIn = otherFirm.inside(identity, access, audit.client(), audit.id());
        assertThatThrownBy(() -> tests.get(otherIn.user(Role.AUDIT_PARTNER), audit.id(), t.id()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(404);
        assertThat(tests.list(otherIn.user(Role.AUDIT_PARTNER), audit.id())).isEmpty();
        // the same firm in another client's engagement
        Audit elsewhere = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
        assertThatThrownBy(() -> tests.get(elsewhere.partner(), audit.id(), t.id()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(404);
        assertThatThrownBy(() -> tests.get(elsewhere.partner(), elsewhere.id(), t.id()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(404);
        // the client reads no workpaper
        assertThatThrownBy(() -> tests.get(audit.client().admin(), audit.id(), t.id()))
                .isInstanceOf(ApiProblem.class).extracting(TestOfControlServiceTest::status).isEqualTo(403);
    }

    /** Item refs as {@link dev.assayer.fieldwork.TestItem} builds them. */
    static final class TestItemRef {
        static String manual(String key) {
            return dev.assayer.fieldwork.TestItem.manualRef(key);
        }
    }
}
