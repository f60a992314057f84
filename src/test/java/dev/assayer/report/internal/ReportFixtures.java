package dev.assayer.report.internal;

import dev.assayer.control.Control;
import dev.assayer.control.ControlKind;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.ComponentType;
import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementStatus;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemChange;
import dev.assayer.engagement.SystemComponent;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.DeviationStatus;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.SignOff;
import dev.assayer.fieldwork.TestHistoryEntry;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.TestStatus;
import dev.assayer.incident.CustomerNotification;
import dev.assayer.incident.Incident;
import dev.assayer.incident.IncidentStatus;
import dev.assayer.incident.Severity;
import dev.assayer.report.ReportKind;
import dev.assayer.report.internal.ReportFacts.ScopeItem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Hand-built facts for the pure assembly and checker tests: a complete SOC 2 Type II engagement and parts of it. */
final class ReportFixtures {

    static final Instant NOW = Instant.parse("2026-08-01T10:00:00Z");
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 6, 30);
    static final UUID FIRM = UUID.randomUUID();

    private ReportFixtures() {
    }

    static SystemDescription completeSystem() {
        return new SystemDescription("Acme Payroll Platform",
                "Acme runs a hosted payroll service for small and mid-sized employers: it calculates gross-to-net pay, "
                        + "files payroll taxes, pays employees by bank transfer and gives employers and employees a web portal.",
                List.of("Payroll runs complete by the employer's pay date", "Customer data is encrypted in transit and at rest",
                        "The portal is available 99.9% of each month"),
                "The system covers the payroll application, its databases and the people and procedures that run them; "
                        + "customers' own HR systems are outside it.",
                List.of(new SystemComponent(ComponentType.INFRASTRUCTURE, "AWS eu-west-1", "Virtual machines and managed databases"),
                        new SystemComponent(ComponentType.SOFTWARE, "Payroll engine", "Calculates pay and taxes"),
                        new SystemComponent(ComponentType.PEOPLE, "Operations team", "Runs payroll and support"),
                        new SystemComponent(ComponentType.PROCEDURES, "Change management", "Reviewed, tested, approved changes"),
                        new SystemComponent(ComponentType.DATA, "Employee records", "Pay, bank and tax details")));
    }

    static Engagement engagement(Framework fw, ReportType type, SystemDescription system,
            List<SubserviceOrganization> subs, List<Cuec> cuecs, List<ExcludedCriterion> excluded) {
        return new Engagement(UUID.randomUUID(), "FY2026 " + fw.label() + " " + type.label(), fw, type,
                type == ReportType.TYPE1 ? END : null, type == ReportType.TYPE2 ? START : null,
                type == ReportType.TYPE2 ? END : null, fw == Framework.SOC2 ? Set.of("SECURITY") : Set.of(),
                EngagementStatus.FIELDWORK, "Example CPA LLP", system, subs, cuecs, excluded, List.of(), 0, NOW, NOW);
    }

    static Engagement completeEngagement(Framework fw, ReportType type) {
        return engagement(fw, type, completeSystem(),
                List.of(new SubserviceOrganization("Amazon Web Services", "Hosting", SubserviceMethod.CARVE_OUT,
                        List.of("Physical access to data centers is restricted"), List.of("CC6.4"))),
                List.of(new Cuec("CUEC-1", "Customers manage their own users in the portal", List.of("CC6.1"))),
                List.of(new ExcludedCriterion("CC6.4", "Physical access is carved out to AWS, which runs the data centers")));
    }

    static Control control(String ref, String title, String... criteria) {
        return new Control(UUID.randomUUID(), ref, title, "How " + title.toLowerCase() + " works", null, null,
                Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.MONTHLY, true, ImplementationStatus.IMPLEMENTED,
                List.of(criteria), List.of(), 0, NOW, NOW);
    }

    static Control soc1Control(String ref, String title, String... objectives) {
        return new Control(UUID.randomUUID(), ref, title, null, null, null, Nature.MANUAL, ControlKind.PREVENTIVE,
                Frequency.MONTHLY, true, ImplementationStatus.IMPLEMENTED, List.of(), List.of(objectives), 0, NOW, NOW);
    }

    /** A test of {@code control} in the given state; {@code reviewed} implies concluded. */
    static TestOfControl test(Control c, TestKind kind, String wording, String concludedBy, Instant concludedAt,
            boolean reviewed, List<Deviation> deviations, List<TestHistoryEntry> history) {
        UUID id = UUID.randomUUID();
        SignOff prep = wording == null ? null : new SignOff(UUID.randomUUID(), "Staff <staff@firm.test> (Firm)", concludedAt);
        SignOff rev = reviewed ? new SignOff(UUID.randomUUID(), "Manager <manager@firm.test> (Firm)", concludedAt.plusSeconds(60)) : null;
        TestStatus status = reviewed ? TestStatus.REVIEWED : wording != null ? TestStatus.CONCLUDED : TestStatus.IN_PROGRESS;
        List<Deviation> devs = deviations.stream().map(d -> new Deviation(d.id(), d.engagementId(), id, c.id(), c.ref(),
                c.title(), kind, d.ref(), d.items(), d.description(), d.cause(), d.nature(), d.compensatingControls(),
                d.managementResponse(), d.respondedBy(), d.respondedAt(), d.status(), d.createdBy(), d.createdAt(),
                d.version())).toList();
        return new TestOfControl(id, UUID.randomUUID(), FIRM, c.id(), c.ref(), c.title(), kind, status,
                List.of(new Procedure(TestMethod.INSPECTION, "Inspect evidence of " + c.title().toLowerCase())),
                List.of(), "Population of " + c.ref(), null, List.of(), TestSizing.judgmental(25, "firm table"), List.of(),
                List.of(), devs, null, wording == null ? null : Conclusion.EFFECTIVE_WITH_EXCEPTIONS, wording,
                wording == null ? null : concludedBy, wording == null ? null : concludedAt, prep, rev, List.of(), List.of(),
                history, reviewed, "Staff <staff@firm.test> (Firm)", NOW, NOW, 1);
    }

    static Deviation deviation(String ref, String description, String response, String respondedBy, Instant respondedAt,
            String createdBy, Instant createdAt) {
        return new Deviation(UUID.randomUUID(), null, null, null, null, null, null, ref, List.of("EMP-7"), description,
                null, null, null, response, respondedBy, respondedAt, DeviationStatus.OPEN, createdBy, createdAt, 1);
    }

    static Incident incident(String ref, String summary) {
        return new Incident(UUID.randomUUID(), ref, "Credential stuffing against the portal", Instant.parse("2026-03-03T08:00:00Z"),
                "On-call engineer", Severity.HIGH, true, List.of("Portal"), List.of("Logins"), List.of(), summary, null,
                null, CustomerNotification.none(), IncidentStatus.CLOSED, List.of(), List.of(), List.of(), 0, NOW, NOW);
    }

    static SystemChange change(String description) {
        return new SystemChange(UUID.randomUUID(), null, LocalDate.of(2026, 4, 2), "software", description, true,
                "manual", "Admin <admin@acme.test>", NOW);
    }

    static List<ScopeItem> scope(String... ids) {
        List<ScopeItem> out = new ArrayList<>();
        for (String id : ids) {
            out.add(new ScopeItem(id, "Title of " + id));
        }
        return out;
    }

    static ReportFacts facts(Engagement e, ReportKind kind, List<ScopeItem> scope, List<Control> controls,
            List<TestOfControl> tests) {
        return new ReportFacts("Acme Corp", e, kind, 3, NOW, scope, controls, tests, List.of(incident("INC-4",
                "Blocked the source addresses and forced password resets")), e.subserviceOrganizations(),
                List.of(change("Moved the payroll engine to a new queue service")), null, null, null);
    }
}
