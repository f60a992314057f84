package dev.assayer.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceFilter;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceKind;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.readiness.GapKind;
import dev.assayer.readiness.ReadinessReport;
import dev.assayer.readiness.ReadinessService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final Pattern SIGN_IN = Pattern.compile(
            "^ {3}(Admin|Compliance manager|Control owner|Auditor|Viewer) +(\\S+@\\S+) +(\\S+) +(.+)$", Pattern.MULTILINE);

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
    ActivityLog activity;
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
        List<EvidenceItem> files = items.stream().filter(i -> i.kind() == EvidenceKind.FILE).toList();
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

        // the activity log recorded it all and its chain verifies
        assertThat(activity.verify(cm.orgId()).ok()).isTrue();
        assertThat(activity.verify(cm.orgId()).entries()).isGreaterThan(200);

        // the printed sign-ins work: every one of them gets an API token
        Map<String, String> signIns = new LinkedHashMap<>();
        Matcher m = SIGN_IN.matcher(output.getOut());
        while (m.find()) {
            signIns.put(m.group(2), m.group(3));
        }
        assertThat(signIns).hasSizeBetween(6, 8).containsKey("rafael.ibarra@lumenfold.example");
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
        assertThat(jdbc.sql("SELECT COUNT(*) FROM organization").query(Long.class).single()).isEqualTo(1L);
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
