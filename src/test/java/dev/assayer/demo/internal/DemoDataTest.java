package dev.assayer.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.accessreview.AccessReview;
import dev.assayer.accessreview.AccessReviewService;
import dev.assayer.accessreview.AccountFilter;
import dev.assayer.accessreview.CampaignStatus;
import dev.assayer.accessreview.Decision;
import dev.assayer.accessreview.ReviewAccount;
import dev.assayer.accessreview.RosterStatus;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementGrant;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceFilter;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceKind;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.RequestFilter;
import dev.assayer.fieldwork.RequestList;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.RequestStatus;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Organization;
import dev.assayer.people.LateRevocation;
import dev.assayer.people.PeopleFilter;
import dev.assayer.people.PeopleService;
import dev.assayer.people.Person;
import dev.assayer.people.RosterEntry;
import dev.assayer.people.TrainingDue;
import dev.assayer.incident.IncidentFilter;
import dev.assayer.incident.IncidentService;
import dev.assayer.incident.IncidentStatus;
import dev.assayer.policy.Acknowledgement;
import dev.assayer.policy.Policy;
import dev.assayer.policy.PolicyService;
import dev.assayer.policy.VersionStatus;
import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskService;
import dev.assayer.risk.Treatment;
import dev.assayer.vendor.Opinion;
import dev.assayer.vendor.ReportKind;
import dev.assayer.vendor.Vendor;
import dev.assayer.vendor.VendorService;
import dev.assayer.identity.Member;
import dev.assayer.readiness.GapKind;
import dev.assayer.readiness.ReadinessReport;
import dev.assayer.readiness.ReadinessService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.SignedIn;
import dev.assayer.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Starts the application with {@code assayer.demo=true} on its own empty database (not the shared
 * {@code IntegrationTest} context, which is never empty) and checks what a first-time user sees.
 */
@Tag("persistence")
@SpringBootTest(properties = {"assayer.demo=true", "assayer.security.bcrypt-strength=4", "logging.level.root=WARN",
        "assayer.admin.email=Operator@Example.test", "assayer.admin.password=operator-password-for-tests"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class DemoDataTest {

    /** The exports the demo's monitoring imports (dev.assayer.demo.DemoMonitoring). */
    static final java.util.Set<String> MONITORING_IMPORTS = java.util.Set.of("iam-credential-report.csv",
            "github-branch-protection.json", "k8s-production.yaml");


    private static final Pattern SIGN_IN = Pattern.compile(
            "^ {3}(Admin|Compliance manager|Control owner|Auditor|Viewer|Audit partner|Audit manager|Audit staff) +(\\S+@\\S+)"
                    + " +(\\S+) +(.+)$", Pattern.MULTILINE);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    IdentityService identity;
    @Autowired
    ControlService controls;
    @Autowired
    EngagementService engagements;
    @Autowired
    EvidenceService evidence;
    @Autowired
    ReadinessService readiness;
    @Autowired
    RiskService risks;
    @Autowired
    PolicyService policies;
    @Autowired
    VendorService vendors;
    @Autowired
    IncidentService incidents;
    @Autowired
    ActivityLog activity;
    @Autowired
    PeopleService people;
    @Autowired
    AccessReviewService accessReviews;
    @Autowired
    EngagementAccessService access;
    @Autowired
    RequestListService requestLists;
    @Autowired
    PopulationService populations;
    @Autowired
    TestOfControlService tests;
    @Autowired
    dev.assayer.engagement.SystemChangeService systemChanges;
    @Autowired
    DemoLoader loader;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    /** The demo's compliance manager, acting in the demo organization (found without a password). */
    private CurrentUser complianceManager() {
        Map.Entry<java.util.UUID, String> org = jdbc.sql("SELECT id, name FROM organization WHERE name = 'Lumenfold'")
                .query((rs, n) -> Map.entry(rs.getObject(1, java.util.UUID.class), rs.getString(2))).single();
        Member m = identity.memberByEmail(org.getKey(), "hannah.okafor@lumenfold.example").orElseThrow();
        return new CurrentUser(m.userId(), m.email(), m.name(), org.getKey(), org.getValue(), m.role());
    }

    @Test
    void loadsTheDemoOrganizationAndPrintsWorkingSignIns(CapturedOutput output) throws Exception {
        DemoLoader.Background background = loader.program().get(120, TimeUnit.SECONDS); // loads in the background
        System.out.println("DemoDataTest: background load took " + background.millis() + " ms (compliance program "
                + background.programMillis() + " ms, roster and access reviews " + background.peopleMillis()
                + " ms, audit firm's fieldwork " + background.auditMillis() + " ms)");
        CurrentUser cm = complianceManager();
        assertThat(cm.role()).isEqualTo(Role.COMPLIANCE_MANAGER);

        // ~90 active controls; privacy and processing integrity not applicable; a realistic mix of statuses
        List<Control> all = controls.all(cm.orgId());
        assertThat(all).hasSize(107);
        Map<ImplementationStatus, Long> byStatus = all.stream()
                .collect(Collectors.groupingBy(Control::status, Collectors.counting()));
        assertThat(byStatus.get(ImplementationStatus.NOT_APPLICABLE)).isEqualTo(16);
        assertThat(all.size() - byStatus.get(ImplementationStatus.NOT_APPLICABLE)).isBetween(85L, 95L);
        assertThat(byStatus.get(ImplementationStatus.IMPLEMENTED)).isGreaterThan(60);
        assertThat(byStatus.get(ImplementationStatus.IN_PROGRESS)).isPositive();
        assertThat(byStatus.get(ImplementationStatus.NOT_STARTED)).isPositive();
        assertThat(all.stream().filter(c -> c.ownerId() == null && c.status() != ImplementationStatus.NOT_APPLICABLE))
                .as("ownerless controls (starter roles nobody holds)").isNotEmpty();

        // one live Type II engagement: today inside the period
        List<Engagement> list = engagements.list(cm);
        assertThat(list).hasSize(1);
        Engagement e = list.getFirst();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(e.reportType()).isEqualTo(ReportType.TYPE2);
        assertThat(e.categories()).containsExactlyInAnyOrder("SECURITY", "AVAILABILITY", "CONFIDENTIALITY");
        assertThat(e.name()).isEqualTo("SOC 2 Type II " + e.periodEnd().getYear());
        assertThat(e.periodStart().getDayOfMonth()).isEqualTo(1);
        assertThat(e.periodStart()).isEqualTo(today.withDayOfMonth(1).minusMonths(5));
        assertThat(e.periodEnd()).isEqualTo(e.periodStart().plusMonths(6).minusDays(1));
        assertThat(e.system().components()).extracting(c -> c.type().name())
                .contains("INFRASTRUCTURE", "SOFTWARE", "PEOPLE", "PROCEDURES", "DATA");
        assertThat(e.subserviceOrganizations()).isNotEmpty();
        assertThat(e.cuecs()).hasSizeBetween(3, 5);

        // evidence: the stored bytes are the classpath files with their dates filled in
        List<EvidenceItem> items = evidence.list(cm, EvidenceFilter.all());
        assertThat(items).hasSizeGreaterThanOrEqualTo(30);
        DemoDates dates = new DemoDates(e.periodStart(), e.periodEnd(), today);
        // (approved policy versions are filed as PDFs by the policy module, not from demo files)
        // (nor are signed-off access reviews, filed by the access review module)
        List<EvidenceItem> files = items.stream().filter(i -> i.kind() == EvidenceKind.FILE)
                .filter(i -> !"Assayer policies".equals(i.sourceSystem()))
                .filter(i -> !"Assayer access reviews".equals(i.sourceSystem()))
                // (nor are monitoring imports and runs, filed by the monitoring module in the background)
                .filter(i -> !i.filename().startsWith("monitoring-run-") && !MONITORING_IMPORTS.contains(i.filename()))
                .toList();
        assertThat(files).hasSizeGreaterThanOrEqualTo(25);
        for (EvidenceItem f : files) {
            byte[] expected = dates.render(DemoContent.evidenceText(f.filename())).getBytes(StandardCharsets.UTF_8);
            assertThat(f.sha256()).as(f.filename()).isEqualTo(Hashing.sha256Hex(expected));
            assertThat(f.size()).isEqualTo(expected.length);
        }
        assertThat(items).filteredOn(i -> i.kind() == EvidenceKind.LINK).isNotEmpty();
        assertThat(items).filteredOn(EvidenceItem::withdrawn).singleElement()
                .satisfies(i -> assertThat(i.withdrawnReason()).isNotBlank());
        assertThat(items).filteredOn(EvidenceItem::reviewed).hasSizeGreaterThan(10)
                .allSatisfy(i -> assertThat(i.reviewedBy()).isNotEqualTo(i.uploadedBy()));
        assertThat(items).filteredOn(i -> i.expiredOn(today)).isNotEmpty();
        assertThat(items).allSatisfy(i -> {
            assertThat(i.collectedBy()).isNotBlank();
            assertThat(i.sourceSystem()).isNotBlank();
            assertThat(i.collectionMethod()).isNotNull();
        });

        // readiness: partly ready, with gaps of several kinds
        ReadinessReport report = readiness.forEngagement(cm, e.id());
        assertThat(report.overall().percent()).isBetween(30, 90);
        Set<GapKind> kinds = report.gaps().stream().map(ReadinessReport.Gap::kind).collect(Collectors.toSet());
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(4);

        assertTheComplianceProgram(cm, e, today, report);
        // changes to the system in the period (DC9), each recorded by a person
        assertThat(systemChanges.list(cm.orgId(), e.id())).hasSizeBetween(3, 4).allSatisfy(c -> {
            assertThat(c.changedOn()).isBetween(e.periodStart(), e.periodEnd());
            assertThat(c.recordedBy()).contains("Hannah Okafor");
            assertThat(c.description()).isNotBlank();
        }).anyMatch(dev.assayer.engagement.SystemChange::significant);
        assertTheRosterAndAccessReviews(cm, e, today, report);
        Organization firm = assertTheAuditFirmsFieldwork(cm, e, today);

        // the activity log recorded it all and its chain verifies
        assertThat(activity.verify(cm.orgId()).ok()).isTrue();
        assertThat(activity.verify(cm.orgId()).entries()).isGreaterThan(200);

        // the printed sign-ins work: every one of them gets an API token
        Map<String, String> signIns = new LinkedHashMap<>();
        Matcher m = SIGN_IN.matcher(output.getOut());
        while (m.find()) {
            signIns.put(m.group(2), m.group(3));
        }
        assertThat(signIns).hasSizeBetween(9, 11).containsKeys("rafael.ibarra@lumenfold.example",
                "eleanor.pike@halvorsen-pike.example", "marek.nowicki@halvorsen-pike.example",
                "zoe.lindahl@halvorsen-pike.example");
        assertThat(signIns.values()).allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(16)).doesNotHaveDuplicates();
        for (Map.Entry<String, String> s : signIns.entrySet()) {
            mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"email\":\"" + s.getKey() + "\",\"password\":\"" + s.getValue() + "\"}"))
                    .andExpect(status().isCreated());
        }
        mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"rafael.ibarra@lumenfold.example\",\"password\":\"not-the-printed-one\"}"))
                .andExpect(status().is4xxClientError());

        // ASSAYER_ADMIN_* joined the demo organization as admin; first start created nothing else
        assertThat(output.getOut()).contains("operator@example.test").doesNotContain("/setup?token=");
        assertThat(identity.memberByEmail(cm.orgId(), "operator@example.test")).get()
                .extracting(Member::role).isEqualTo(Role.ADMIN);
        // the demo organization and its audit firm, nothing else
        assertThat(jdbc.sql("SELECT COUNT(*) FROM organization").query(Long.class).single()).isEqualTo(2L);
        assertThat(activity.verify(firm.id()).ok()).isTrue();
    }

    /** The personnel roster, its checklists and training, and the access reviews, as readiness and auditors see them. */
    private void assertTheRosterAndAccessReviews(CurrentUser cm, Engagement e, LocalDate today, ReadinessReport report)
            throws Exception {
        // a roster of the whole company: every demo sign-in but the external auditor's seat, with the same e-mail
        List<Person> roster = people.roster(cm.orgId());
        assertThat(roster).hasSizeBetween(40, 46);
        for (DemoContent.DemoUser u : DemoContent.load().company().users()) {
            assertThat(people.findByEmail(cm.orgId(), u.email())).as(u.email())
                    .matches(p -> u.role() == Role.AUDITOR ? p.isEmpty() : p.isPresent());
        }
        assertThat(roster).filteredOn(p -> p.managerEmail() == null).extracting(Person::name)
                .containsExactly("Nadia Lindqvist");
        assertThat(roster).filteredOn(p -> p.startDate().isBefore(e.periodStart())).hasSizeGreaterThan(30);
        assertThat(roster).as("new hires in the period")
                .filteredOn(p -> !p.startDate().isBefore(e.periodStart()) && !p.startDate().isAfter(today))
                .hasSizeBetween(3, 6);
        assertThat(roster).filteredOn(p -> p.endDate() != null).hasSizeBetween(2, 3)
                .allSatisfy(p -> assertThat(p.endDate()).isBetween(e.periodStart(), today));

        // exactly one late revocation (beyond the grace days); the other leavers were revoked on time
        List<LateRevocation> late = people.lateRevocations(cm.orgId(), today);
        assertThat(late).singleElement().satisfies(l -> {
            assertThat(l.email()).isEqualTo("r.dasilva@partner-dev.example");
            assertThat(l.revokedOn()).isNotNull().isAfter(l.dueOn());
            assertThat(l.daysLate()).isPositive();
        });
        // one person's training is overdue; everyone else's checklists show nothing overdue
        assertThat(people.overdueTraining(cm.orgId(), today)).extracting(TrainingDue::name).containsExactly("Kenji Mori");
        assertThat(people.list(cm, PeopleFilter.all())).filteredOn(r -> !r.flags().isEmpty())
                .extracting(RosterEntry::email)
                .containsExactlyInAnyOrder("kenji.mori@lumenfold.example", "r.dasilva@partner-dev.example");
        assertThat(report.programGaps()).filteredOn(g -> g.kind() == GapKind.TRAINING_OVERDUE).singleElement()
                .satisfies(g -> assertThat(g.subject()).isEqualTo("Kenji Mori"));

        // a completed AWS review signed off and filed as evidence for the access review control; a GitHub one under way
        List<AccessReview> campaigns = accessReviews.list(cm);
        assertThat(campaigns).hasSize(2);
        AccessReview aws = campaigns.stream().filter(r -> r.status() == CampaignStatus.SIGNED_OFF).findFirst()
                .orElseThrow();
        assertThat(aws.system()).startsWith("AWS production");
        assertThat(aws.asOfDate()).isBetween(e.periodStart(), today);
        assertThat(aws.controlRefs()).containsExactly("AC-04");
        assertThat(aws.progress().accounts()).isBetween(10, 14);
        assertThat(aws.progress().undecided()).isZero();
        assertThat(aws.progress().revoked()).isEqualTo(1);
        assertThat(aws.progress().changed()).isEqualTo(1);
        assertThat(aws.progress().tasksDone()).isEqualTo(2);
        EvidenceItem filed = evidence.get(cm, aws.evidenceId());
        assertThat(filed.controls()).extracting(c -> c.ref()).containsExactly("AC-04");
        assertThat(filed.effectiveDate()).isEqualTo(aws.asOfDate());
        List<ReviewAccount> accounts = accessReviews.accounts(cm, aws.id(), AccountFilter.all());
        assertThat(accounts).filteredOn(a -> a.decision() == Decision.REVOKE).singleElement().satisfies(a -> {
            assertThat(a.email()).isEqualTo("r.dasilva@partner-dev.example");
            assertThat(a.rosterStatus()).isEqualTo(RosterStatus.LEFT);
            assertThat(a.justification()).isNotBlank();
            assertThat(a.decidedBy()).contains("Jonas Weber"); // the contractor's manager
            assertThat(a.task().ticket()).isEqualTo("ITS-2444");
            assertThat(a.task().doneOn()).isEqualTo(late.getFirst().revokedOn());
        });
        assertThat(accounts).extracting(ReviewAccount::reviewer).anySatisfy(r -> assertThat(r).contains("Rafael Ibarra"))
                .anySatisfy(r -> assertThat(r).contains("Sofia Alvarez"));
        assertThat(campaigns).filteredOn(r -> r.status() == CampaignStatus.OPEN).singleElement()
                .satisfies(r -> assertThat(r.progress().undecided()).isPositive());

        // and the pages show them
        mvc.perform(get("/people").with(SignedIn.as(cm))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Rodrigo da Silva")));
        mvc.perform(get("/access-reviews/" + aws.id()).with(SignedIn.as(cm))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("ITS-2444")));
    }

    /** The audit firm with its grant, and what its staff member sees inside the engagement. */
    private Organization assertTheAuditFirmsFieldwork(CurrentUser cm, Engagement e, LocalDate today) throws Exception {
        Organization firm = identity.auditFirms().stream().filter(f -> f.name().equals("Halvorsen & Pike LLP"))
                .findFirst().orElseThrow();
        assertThat(e.serviceAuditor()).isEqualTo(firm.name());
        EngagementGrant grant = access.grants(cm, e.id()).stream().filter(g -> g.firmId().equals(firm.id()))
                .filter(g -> g.activeOn(today)).findFirst().orElseThrow();
        Member m = identity.memberByEmail(firm.id(), "zoe.lindahl@halvorsen-pike.example").orElseThrow();
        assertThat(m.role()).isEqualTo(Role.AUDIT_STAFF);
        CurrentUser staff = new CurrentUser(m.userId(), m.email(), m.name(), firm.id(), firm.name(), m.role());
        mvc.perform(get("/firm").with(SignedIn.as(staff))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("open-" + grant.id())));
        CurrentUser inside = identity.openEngagement(staff, grant.id());

        // the request list in mixed states
        RequestList list = requestLists.list(inside, e.id(), RequestFilter.all());
        assertThat(list.total()).isEqualTo(8);
        assertThat(list.counts().get(RequestStatus.ACCEPTED)).isEqualTo(2);
        assertThat(list.counts().get(RequestStatus.FLAGGED)).isEqualTo(1);
        assertThat(list.counts().get(RequestStatus.SUBMITTED)).isEqualTo(2);
        assertThat(list.overdue()).isEqualTo(1);
        assertThat(list.requests()).filteredOn(r -> r.status() == RequestStatus.FLAGGED).singleElement()
                .satisfies(r -> assertThat(r.lastFlagReason()).contains("ITS-2444"));
        assertThat(list.requests()).filteredOn(r -> r.status() != RequestStatus.OPEN)
                .allSatisfy(r -> assertThat(r.evidenceIds()).as(r.ref()).isNotEmpty());
        InformationRequest reviews = list.requests().stream().filter(r -> r.ref().equals("PBC-002")).findFirst()
                .orElseThrow();
        assertThat(reviews.evidenceIds()).contains(accessReviews.list(cm).stream()
                .filter(r -> r.status() == CampaignStatus.SIGNED_OFF).findFirst().orElseThrow().evidenceId());

        // the population with its out-of-period rows flagged and a random sample of 25 with its seed
        assertThat(populations.list(inside, e.id())).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Changes merged to main");
            assertThat(p.latest().rows()).isBetween(250L, 350L);
            assertThat(p.latest().keyColumn()).isEqualTo("pr_number");
            assertThat(p.latest().outOfPeriod()).isEqualTo(2);
            assertThat(p.latest().lastDate()).isBeforeOrEqualTo(today);
            assertThat(p.samples()).singleElement().satisfies(s -> {
                assertThat(s.method()).isEqualTo("random");
                assertThat(s.seed()).isEqualTo("LUM-CHG-interim-" + e.periodEnd().getYear());
                assertThat(s.items()).hasSize(25);
            });
        });
        PopulationRecord population = populations.list(inside, e.id()).getFirst();
        mvc.perform(get("/engagements/" + e.id() + "/requests").with(SignedIn.as(inside))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("PBC-008")));
        mvc.perform(get("/engagements/" + e.id() + "/populations/" + population.id()).with(SignedIn.as(inside)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Changes merged to main")));
        mvc.perform(get("/engagements/" + e.id() + "/samples/" + population.samples().getFirst().id())
                .with(SignedIn.as(inside))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("LUM-CHG-interim")));
        assertThat(populations.verify(inside, e.id(), population.samples().getFirst().id()).matches()).isTrue();

        // tests of operating effectiveness across CC6, CC7 and CC8: every item's results recorded by the firm's
        // staff, the auditor's own conclusion and wording, signed off by the staff member and reviewed by the manager
        List<dev.assayer.fieldwork.TestOfControl> all = tests.list(inside, e.id()).stream()
                .map(t -> tests.get(inside, e.id(), t.id())).toList();
        assertThat(all).hasSizeBetween(8, 10).allSatisfy(t -> {
            assertThat(t.kind()).isEqualTo(TestKind.OPERATING_EFFECTIVENESS);
            assertThat(t.items()).as(t.controlRef()).isNotEmpty();
            assertThat(t.results()).as(t.controlRef()).hasSize(t.items().size() * t.attributes().size());
            assertThat(t.results()).allSatisfy(r -> assertThat(r.recordedBy()).contains("Zoe Lindahl"));
            assertThat(t.conclusion()).as(t.controlRef()).isNotNull();
            assertThat(t.resultWording()).isNotBlank();
            assertThat(t.concludedBy()).contains("Zoe Lindahl");
            assertThat(t.preparer().by()).contains("Zoe Lindahl");
            assertThat(t.reviewer().by()).contains("Marek Nowicki");
        });
        assertThat(all).extracting(dev.assayer.fieldwork.TestOfControl::controlRef)
                .anyMatch(r -> r.startsWith("AC-")).anyMatch(r -> r.startsWith("OPS-")).contains("CHG-01");
        assertThat(all).filteredOn(t -> t.controlRef().equals("CHG-01")).singleElement().satisfies(t -> {
            assertThat(t.sampleId()).isEqualTo(population.samples().getFirst().id());
            assertThat(t.results()).hasSize(50);
            assertThat(t.results()).filteredOn(r -> r.outcome() == ResultOutcome.FAIL).hasSize(1);
            assertThat(t.conclusion()).isEqualTo(dev.assayer.fieldwork.Conclusion.EFFECTIVE_WITH_EXCEPTIONS);
            assertThat(t.resultWording()).contains("1 of 25");
            assertThat(t.deviations()).singleElement().satisfies(d -> {
                assertThat(d.cause()).isNotBlank();
                assertThat(d.managementResponse()).isNotBlank();
            });
        });
        assertThat(all).filteredOn(t -> !t.controlRef().equals("CHG-01")).allSatisfy(t -> {
            assertThat(t.deviations()).isEmpty();
            assertThat(t.results()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(ResultOutcome.PASS));
        });
        java.util.UUID chg01 = all.stream().filter(t -> t.controlRef().equals("CHG-01")).findFirst().orElseThrow().id();
        mvc.perform(get("/engagements/" + e.id() + "/tests/" + chg01)
                .with(SignedIn.as(inside))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("CHG-01")));
        return firm;
    }

    /** The risk register and its assessment, the policies, the vendors, the incident, and what readiness makes of them. */
    private void assertTheComplianceProgram(CurrentUser cm, Engagement e, LocalDate today, ReadinessReport report) {
        // risks: the starter library adopted, a handful reassessed, one accepted, a signed-off assessment in the period
        List<Risk> register = risks.list(cm);
        assertThat(register).hasSize(42).allSatisfy(r -> assertThat(r.starterKey()).isNotNull());
        assertThat(register).filteredOn(r -> r.residual().score() < r.inherent().score()).hasSizeBetween(5, 15);
        assertThat(register).filteredOn(r -> r.treatment() == Treatment.MITIGATE)
                .allSatisfy(r -> assertThat(r.controlRefs()).as(r.ref()).isNotEmpty());
        assertThat(register).filteredOn(r -> r.starterKey().equals("SR-11")).singleElement()
                .satisfies(r -> assertThat(r.controlRefs()).contains("BCP-05", "BCP-04"));
        assertThat(register).filteredOn(r -> r.treatment() == Treatment.ACCEPT).singleElement().satisfies(r -> {
            assertThat(r.ownerId()).isNotNull();
            assertThat(r.acceptanceApproverId()).isNotNull().isNotEqualTo(r.ownerId());
            assertThat(r.acceptanceReason()).isNotBlank();
            assertThat(r.acceptanceExpires()).isAfter(today);
        });
        assertThat(risks.assessments(cm)).singleElement().satisfies(a -> {
            assertThat(a.approvedBy()).contains("Hannah Okafor");
            assertThat(a.asOf()).isBetween(e.periodStart(), e.periodEnd());
            assertThat(a.riskCount()).isEqualTo(42);
            assertThat(a.title()).isEqualTo("Annual risk assessment " + e.periodEnd().getYear());
        });

        // policies: from the starter templates, most published, one in review, some acknowledgements outstanding
        List<Policy> all = policies.list(cm);
        assertThat(all).hasSizeGreaterThanOrEqualTo(10).allSatisfy(p -> assertThat(p.template()).isNotNull());
        assertThat(all).filteredOn(p -> p.currentVersion() != null).hasSizeGreaterThanOrEqualTo(10);
        assertThat(all).filteredOn(p -> p.latestStatus() == VersionStatus.IN_REVIEW).singleElement()
                .satisfies(p -> assertThat(p.currentVersion()).isNull());
        assertThat(all).filteredOn(p -> p.currentVersion() != null)
                .allSatisfy(p -> assertThat(p.acknowledged()).as(p.title()).isPositive());
        assertThat(policies.acknowledgementGaps(cm)).filteredOn(g -> g.key().equals("information-security"))
                .singleElement().satisfies(g -> assertThat(g.outstanding()).extracting(Acknowledgement::name)
                        .contains("Owen Castellanos", "Sofia Alvarez").doesNotContain("Hannah Okafor", "Daniel Achterberg"));

        // vendors: AWS and Postmark as the engagement's carve-outs, with reviewed reports; ordinary vendors with tiers
        List<Vendor> register2 = vendors.list(cm);
        assertThat(register2).hasSizeGreaterThanOrEqualTo(4);
        assertThat(register2).filteredOn(v -> !v.subservice()).hasSizeBetween(2, 3)
                .allSatisfy(v -> assertThat(v.tier()).isNotNull());
        assertThat(vendors.subserviceOrganizations(cm.orgId(), e.id())).extracting(s -> s.name())
                .containsExactlyInAnyOrderElementsOf(e.subserviceOrganizations().stream().map(s -> s.name()).toList());
        Vendor aws = register2.stream().filter(v -> v.name().startsWith("Amazon Web Services")).findFirst().orElseThrow();
        assertThat(aws.subserviceMethod()).isEqualTo(SubserviceMethod.CARVE_OUT);
        assertThat(aws.engagementIds()).containsExactly(e.id());
        assertThat(aws.csocs()).isEqualTo(e.subserviceOrganizations().stream()
                .filter(s -> s.name().equals(aws.name())).findFirst().orElseThrow().csocs());
        assertThat(vendors.reviews(cm, aws.id())).singleElement().satisfies(r -> {
            assertThat(r.reportKind()).isEqualTo(ReportKind.SOC2);
            assertThat(r.reportType()).isEqualTo(ReportType.TYPE2);
            assertThat(r.opinion()).isEqualTo(Opinion.UNMODIFIED);
            assertThat(r.exceptions()).hasSize(1);
            assertThat(r.exceptionsEffect()).isNotBlank();
            assertThat(r.gapCount()).isEqualTo(1);
            assertThat(r.cuecs()).hasSizeGreaterThan(3);
            assertThat(evidence.get(cm, r.evidenceId()).filename()).isEqualTo("vendor-soc-report-review-aws.md");
        });
        Vendor postmark = register2.stream().filter(v -> v.name().startsWith("Postmark")).findFirst().orElseThrow();
        assertThat(vendors.reviews(cm, postmark.id())).singleElement()
                .satisfies(r -> assertThat(r.gapCount()).isZero());
        assertThat(vendors.cuecGaps(cm.orgId())).singleElement()
                .satisfies(g -> assertThat(g.vendorId()).isEqualTo(aws.id()));

        // one resolved incident with its timeline, root cause and lessons, linked to controls
        assertThat(incidents.list(cm, IncidentFilter.all())).singleElement().extracting(i -> incidents.get(cm, i.id()))
                .satisfies(i -> {
            assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(i.rootCause()).isNotBlank();
            assertThat(i.lessonsLearned()).isNotBlank();
            assertThat(i.timeline()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(i.controlRefs()).contains("OPS-06");
            assertThat(i.detectedAt()).isBetween(e.periodStart().atStartOfDay().toInstant(ZoneOffset.UTC),
                    today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        });

        // readiness shows the program gaps: exactly one unmapped CUEC, the outstanding acknowledgements, and
        // no risk assessment gap
        assertThat(report.programGaps()).extracting(ReadinessReport.ProgramGap::kind)
                .doesNotContain(GapKind.RISK_ASSESSMENT_MISSING, GapKind.RISK_ASSESSMENT_STALE, GapKind.RISK_UNMITIGATED)
                .contains(GapKind.POLICY_UNACKNOWLEDGED);
        assertThat(report.programGaps()).filteredOn(g -> g.kind() == GapKind.VENDOR_CUEC_UNMAPPED).singleElement()
                .satisfies(g -> {
                    assertThat(g.subject()).isEqualTo(aws.name() + ": CUEC-6");
                    assertThat(g.link()).isEqualTo("/vendors/" + aws.id());
                    assertThat(g.heldBack()).containsExactly("CC9.2");
                });
        assertThat(report.programGaps()).filteredOn(g -> g.subject().startsWith("Information Security Policy"))
                .singleElement().satisfies(g -> assertThat(g.message()).contains("Owen Castellanos", "Sofia Alvarez"));
        for (String criterion : List.of("CC9.2", "CC2.2")) {
            ReadinessReport.RequirementReadiness r = report.requirements().stream()
                    .filter(x -> x.id().equals(criterion)).findFirst().orElseThrow();
            assertThat(r.state()).as(criterion).isNotEqualTo(dev.assayer.readiness.RequirementState.READY);
            assertThat(r.gaps()).as(criterion).anySatisfy(g -> assertThat(g.kind().program()).isTrue());
        }
    }

    @Test
    void doesNothingWhenTheDatabaseIsNotEmpty(CapturedOutput output) throws Exception {
        long orgs = jdbc.sql("SELECT COUNT(*) FROM organization").query(Long.class).single();
        long users = jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
        long entries = jdbc.sql("SELECT COUNT(*) FROM activity_entry").query(Long.class).single();
        assertThat(users).isPositive();

        loader.run(null);

        assertThat(output.getOut()).contains("Demo data not loaded: the database is not empty");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM organization").query(Long.class).single()).isEqualTo(orgs);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single()).isEqualTo(users);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM activity_entry").query(Long.class).single()).isEqualTo(entries);
    }
}
