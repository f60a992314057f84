package dev.assayer.fieldwork.export;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.DeviationDraft;
import dev.assayer.fieldwork.DeviationNature;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.RequestDraft;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.ReviewNote;
import dev.assayer.fieldwork.SampleDetail;
import dev.assayer.fieldwork.SampleRequest;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A Type II engagement worked through: AC-01 (monthly) has a test of design left unconcluded and a
 * test of operating effectiveness over three listed months with one failed attribute (deviation D1,
 * assessed by the auditor, answered by the client), concluded, reviewed with a cleared note and
 * signed off by two people; HR-02 (per event) is tested on a random sample of an imported
 * population. Two requests: one for each control.
 */
record Workpaper(TestOrg client, TestFirm firm, Engagement engagement, TestFirm.Inside in, Control monthly,
        Control perEvent, TestOfControl design, TestOfControl concluded, TestOfControl sampled, Deviation deviation,
        PopulationRecord population, SampleDetail sample, InformationRequest requestAc, InformationRequest requestHr,
        String populationCsv) {

    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);

    static final String WORDING = "Except for the review of month 2, which was not signed, reviews were signed on time.";
    static final String DESCRIPTION = "The review of month 2 was not signed";
    /** Begins with "=": the workbook must keep it as text. */
    static final String CAUSE = "=reviewer on leave; no delegate named";
    static final String RESPONSE = "A delegate now signs reviews when the reviewer is away.";

    static Workpaper create(IdentityService identity, EngagementService engagements, EngagementAccessService access,
            ControlService controls, TestOfControlService tests, PopulationService populations,
            RequestListService requests) {
        TestOrg client = TestOrg.create(identity);
        Control monthly = controls.create(client.admin(), new ControlDraft("AC-01", "Monthly access review", null, null,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.MONTHLY, true, ImplementationStatus.IMPLEMENTED, List.of(),
                List.of()));
        Control perEvent = controls.create(client.admin(), new ControlDraft("HR-02", "New hires sign the code of conduct",
                null, null, Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.PER_EVENT, true,
                ImplementationStatus.IMPLEMENTED, List.of(), List.of()));
        Engagement e = engagements.create(client.admin(), new EngagementDraft("SOC 2 Type II " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, START, END, List.of(), null, null, null, null, null, null));
        TestFirm firm = TestFirm.create(identity);
        TestFirm.Inside in = firm.inside(identity, access, client, e.id());
        CurrentUser staff = in.user(Role.AUDIT_STAFF);
        CurrentUser manager = in.user(Role.AUDIT_MANAGER);

        TestOfControl design = tests.create(staff, e.id(), monthly.id(), TestKind.DESIGN, null);

        TestOfControl oe = tests.create(staff, e.id(), monthly.id(), TestKind.OPERATING_EFFECTIVENESS, null);
        oe = tests.update(staff, e.id(), oe.id(), new TestPlan(
                List.of(new Procedure(TestMethod.INQUIRY, "Ask the IT manager how reviews run"),
                        new Procedure(TestMethod.INSPECTION, "Inspect each review's sign-off")),
                List.of(new TestAttribute(null, "Reviewer signed the review"),
                        new TestAttribute(null, "Removals done within 5 days")),
                "Monthly access reviews of the period", null,
                List.of(new ManualItem("REV-1", "Month 1"), new ManualItem("REV-2", "Month 2"),
                        new ManualItem("REV-3", "Month 3")),
                TestSizing.judgmental(3, "Three of six months")), oe.version());
        for (String item : List.of("REV-1", "REV-2", "REV-3")) {
            for (String attribute : List.of("A", "B")) {
                boolean fail = item.equals("REV-2") && attribute.equals("A");
                tests.recordResult(staff, e.id(), oe.id(), new ResultDraft(null, item, attribute,
                        fail ? ResultOutcome.FAIL : ResultOutcome.PASS, fail ? "Not signed" : null, List.of(), null,
                        null));
            }
        }
        Deviation d1 = tests.get(staff, e.id(), oe.id()).deviations().getFirst();
        d1 = tests.updateDeviation(staff, e.id(), oe.id(), d1.id(), new DeviationDraft(DESCRIPTION, CAUSE,
                DeviationNature.ISOLATED, "Quarterly SSO reconciliation"), d1.version());
        d1 = tests.respond(client.user(Role.COMPLIANCE_MANAGER), e.id(), d1.id(), RESPONSE, d1.version());
        oe = tests.get(staff, e.id(), oe.id());
        oe = tests.conclude(staff, e.id(), oe.id(), Conclusion.EFFECTIVE_WITH_EXCEPTIONS, WORDING, oe.version());
        oe = tests.signOffAsPreparer(staff, e.id(), oe.id(), oe.version());
        ReviewNote note = tests.addReviewNote(manager, e.id(), oe.id(), "Tie REV-2 to its ticket");
        tests.respondToReviewNote(staff, e.id(), oe.id(), note.id(), "Ticket ITSM-88 attached");
        tests.clearReviewNote(manager, e.id(), oe.id(), note.id());
        oe = tests.get(staff, e.id(), oe.id());
        oe = tests.signOffAsReviewer(manager, e.id(), oe.id(), oe.version());

        String csv = hires(12);
        PopulationRecord pop = populations.importPopulation(staff, e.id(), new PopulationMetadata("New hires",
                List.of("HR-02"), "Workday", "Report: hires by start date", "period start to end",
                "P. Lee, HR systems", Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), START, END,
                "id", "hired_on", null), "hires.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        SampleDetail sample = populations.select(staff, e.id(), pop.id(), 1, SampleRequest.random(4, "wp-2026"));
        TestOfControl sampled = tests.create(staff, e.id(), perEvent.id(), TestKind.OPERATING_EFFECTIVENESS,
                new TestPlan(List.of(new Procedure(TestMethod.INSPECTION, "Inspect the signed code of conduct")),
                        List.of(new TestAttribute(null, "Signed before the start date")), "New hires of the period",
                        sample.sample().id(), List.of(), TestSizing.judgmental(4, "Small population")));
        pop = populations.get(staff, e.id(), pop.id());

        InformationRequest ac = requests.create(staff, e.id(), new RequestDraft(null, "Access reviews of the period",
                "Signed monthly reviews", List.of(), List.of("AC-01"), null, null, END.plusDays(10)));
        InformationRequest hr = requests.create(staff, e.id(), new RequestDraft(null, "New hire list",
                "All hires of the period", List.of(), List.of("HR-02"), null, null, END.plusDays(10)));
        return new Workpaper(client, firm, e, in, monthly, perEvent, tests.get(staff, e.id(), design.id()),
                tests.get(staff, e.id(), oe.id()), tests.get(staff, e.id(), sampled.id()), d1, pop, sample, ac, hr, csv);
    }

    UUID id() {
        return engagement.id();
    }

    CurrentUser staff() {
        return in.user(Role.AUDIT_STAFF);
    }

    static String hires(int rows) {
        StringBuilder b = new StringBuilder("id,hired_on,name\n");
        long days = END.toEpochDay() - START.toEpochDay();
        for (int i = 1; i <= rows; i++) {
            b.append("EMP-").append(i).append(',').append(START.plusDays(i * days / (rows + 2))).append(",Person ")
                    .append(i).append('\n');
        }
        return b.toString();
    }
}
