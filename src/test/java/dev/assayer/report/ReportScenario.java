package dev.assayer.report;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.ComponentType;
import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemComponent;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A client with a SOC 2 Type II engagement (complete system description) audited by a firm, and
 * the firm's tests in every state: none (AC-01); every item passed but no conclusion (AC-02);
 * concluded and signed by the preparer, not reviewed (AC-03); reviewed with "No exceptions noted."
 * (CH-01); reviewed with a deviation management responded to (HR-01); reviewed with a deviation
 * without response (HR-02).
 */
public final class ReportScenario {

    public static final LocalDate START = LocalDate.now().minusMonths(7).withDayOfMonth(1);
    public static final LocalDate END = START.plusMonths(6).minusDays(1);
    public static final String UNREVIEWED_WORDING = "Unreviewed wording: no exceptions noted in AC-03.";
    public static final String CLEAN_WORDING = "No exceptions noted.";
    public static final String RESPONDED_DEVIATION = "EMP-2 was granted access before approval";
    public static final String RESPONSE = "Access is now blocked in the IdP until the approval is recorded";
    public static final String OPEN_DEVIATION = "EMP-4 started before the background check completed";

    public final TestOrg acme;
    public final TestFirm firm;
    public final TestFirm.Inside in;
    public final Engagement engagement;
    public final Control ac01;
    public final Control ac02;
    public final Control ac03;
    public final Control ch01;
    public final Control hr01;
    public final Control hr02;

    public ReportScenario(IdentityService identity, EngagementService engagements, EngagementAccessService access,
            ControlService controls, TestOfControlService tests) {
        acme = TestOrg.create(identity);
        firm = TestFirm.create(identity);
        CurrentUser admin = acme.admin();
        ac01 = control(controls, admin, "AC-01", "Quarterly user access review", "CC6.1");
        ac02 = control(controls, admin, "AC-02", "Access requests are approved", "CC6.2");
        ac03 = control(controls, admin, "AC-03", "Leavers lose access within a day", "CC6.2");
        ch01 = control(controls, admin, "CH-01", "Changes are reviewed before merge", "CC8.1");
        hr01 = control(controls, admin, "HR-01", "New joiners get access only after approval", "CC6.1");
        hr02 = control(controls, admin, "HR-02", "Background checks before start", "CC1.4");
        engagement = engagements.create(admin, draft("SOC 2 Type II " + UUID.randomUUID(), completeSystem()));
        in = firm.inside(identity, access, acme, engagement.id());
        CurrentUser staff = in.user(Role.AUDIT_STAFF);
        CurrentUser manager = in.user(Role.AUDIT_MANAGER);
        UUID e = engagement.id();

        TestOfControl t2 = plan(tests, staff, ac02);
        pass(tests, staff, t2, "EMP-1");
        pass(tests, staff, t2, "EMP-2");

        TestOfControl t3 = plan(tests, staff, ac03);
        pass(tests, staff, t3, "EMP-1");
        pass(tests, staff, t3, "EMP-2");
        t3 = tests.get(staff, e, t3.id());
        t3 = tests.conclude(staff, e, t3.id(), Conclusion.OPERATING_EFFECTIVELY, UNREVIEWED_WORDING, t3.version());
        tests.signOffAsPreparer(staff, e, t3.id(), t3.version());

        TestOfControl t4 = plan(tests, staff, ch01);
        pass(tests, staff, t4, "EMP-1");
        pass(tests, staff, t4, "EMP-2");
        review(tests, staff, manager, t4, Conclusion.OPERATING_EFFECTIVELY, CLEAN_WORDING);

        TestOfControl t5 = plan(tests, staff, hr01);
        pass(tests, staff, t5, "EMP-1");
        UUID d5 = fail(tests, staff, t5, "EMP-2", RESPONDED_DEVIATION);
        review(tests, staff, manager, t5, Conclusion.EFFECTIVE_WITH_EXCEPTIONS,
                "Exception noted: 1 of 2 sampled joiners had access before approval (D1).");
        Deviation dev = tests.engagementDeviations(admin, e).stream().filter(d -> d.id().equals(d5)).findFirst()
                .orElseThrow();
        tests.respond(admin, e, d5, RESPONSE, dev.version());

        TestOfControl t6 = plan(tests, staff, hr02);
        pass(tests, staff, t6, "EMP-3");
        fail(tests, staff, t6, "EMP-4", OPEN_DEVIATION);
        review(tests, staff, manager, t6, Conclusion.EFFECTIVE_WITH_EXCEPTIONS,
                "Exception noted: 1 of 2 sampled starters had no completed background check (D1).");
    }

    static Control control(ControlService controls, CurrentUser admin, String ref, String title, String criterion) {
        return controls.create(admin, new ControlDraft(ref, title, "What " + title.toLowerCase() + " means", null,
                Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.PER_EVENT, true, ImplementationStatus.IMPLEMENTED,
                List.of(criterion), List.of()));
    }

    public static SystemDescription completeSystem() {
        return new SystemDescription("Acme Payroll Platform",
                "Acme runs a hosted payroll service for small and mid-sized employers: it calculates gross-to-net pay, "
                        + "files payroll taxes, pays employees by bank transfer and offers employers and employees a portal.",
                List.of("Payroll runs complete by the pay date", "Customer data is encrypted in transit and at rest"),
                "The payroll application, its databases, and the people and procedures that run them.",
                List.of(new SystemComponent(ComponentType.INFRASTRUCTURE, "AWS eu-west-1", "Managed databases"),
                        new SystemComponent(ComponentType.SOFTWARE, "Payroll engine", "Calculates pay"),
                        new SystemComponent(ComponentType.PEOPLE, "Operations team", "Runs payroll"),
                        new SystemComponent(ComponentType.PROCEDURES, "Change management", "Reviewed changes"),
                        new SystemComponent(ComponentType.DATA, "Employee records", "Pay and bank details")));
    }

    public static EngagementDraft draft(String name, SystemDescription system) {
        return new EngagementDraft(name, Framework.SOC2, ReportType.TYPE2, null, START, END, List.of(), null,
                "Example CPA LLP", system,
                List.of(new SubserviceOrganization("Amazon Web Services", "Hosting", SubserviceMethod.CARVE_OUT,
                        List.of("Physical access to the data centers is restricted"), List.of("CC6.4"))),
                List.of(new Cuec("CUEC-1", "Customers manage their own users in the portal", List.of("CC6.1"))),
                List.of());
    }

    private TestOfControl plan(TestOfControlService tests, CurrentUser staff, Control c) {
        return tests.create(staff, engagement.id(), c.id(), TestKind.OPERATING_EFFECTIVENESS, new TestPlan(
                List.of(new Procedure(TestMethod.INSPECTION, "Inspect the record of " + c.title().toLowerCase())),
                List.of(new TestAttribute(null, "Done as the control says")), "Events of " + c.ref() + " in the period",
                null, List.of(new ManualItem("EMP-1", "first"), new ManualItem("EMP-2", "second"),
                        new ManualItem("EMP-3", "third"), new ManualItem("EMP-4", "fourth")),
                TestSizing.judgmental(2, "two per control in this test")));
    }

    private void pass(TestOfControlService tests, CurrentUser staff, TestOfControl t, String key) {
        tests.recordResult(staff, engagement.id(), t.id(), new ResultDraft(null, key, "A", ResultOutcome.PASS, null,
                List.of(), null, null));
    }

    private UUID fail(TestOfControlService tests, CurrentUser staff, TestOfControl t, String key, String note) {
        UUID deviation = tests.recordResult(staff, engagement.id(), t.id(), new ResultDraft(null, key, "A",
                ResultOutcome.FAIL, note, List.of(), null, null)).deviationId();
        Deviation d = tests.deviations(staff, engagement.id(), t.id()).stream().filter(x -> x.id().equals(deviation))
                .findFirst().orElseThrow();
        tests.updateDeviation(staff, engagement.id(), t.id(), deviation,
                new dev.assayer.fieldwork.DeviationDraft(note, "Manual step skipped", null, null), d.version());
        return deviation;
    }

    private void review(TestOfControlService tests, CurrentUser staff, CurrentUser manager, TestOfControl t,
            Conclusion c, String wording) {
        UUID e = engagement.id();
        TestOfControl now = tests.get(staff, e, t.id());
        now = tests.conclude(staff, e, t.id(), c, wording, now.version());
        now = tests.signOffAsPreparer(staff, e, t.id(), now.version());
        tests.signOffAsReviewer(manager, e, t.id(), now.version());
    }
}
