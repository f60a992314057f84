package dev.assayer.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.catalog.CatalogService;
import dev.assayer.catalog.ControlObjective;
import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.readiness.ReadinessReport.RequirementReadiness;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** GET /api/v1/engagements/{id}/readiness against real engagements, controls and evidence. */
class ReadinessApiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired CatalogService catalog;
    @Autowired ReadinessService readiness;

    TestOrg org;
    LocalDate today;
    LocalDate start;
    LocalDate end;
    Engagement soc2;
    Control accessReview;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
        today = readiness.today();
        start = today.minusDays(120);
        end = today.plusDays(60);
        soc2 = engagements.create(org.admin(), new EngagementDraft("FY SOC 2", Framework.SOC2, ReportType.TYPE2, null,
                start, end, List.of("AVAILABILITY"), null, null, null, null, null,
                List.of(new ExcludedCriterion("CC6.4", "Hosting is carved out; no own data centre"))));
        accessReview = control("AC-01", "Quarterly access review", ImplementationStatus.IMPLEMENTED,
                org.user(Role.CONTROL_OWNER).userId(), List.of("CC6.1"), List.of());
    }

    Control control(String ref, String title, ImplementationStatus status, UUID owner, List<String> criteria,
            List<String> objectives) {
        return controls.create(org.admin(), new ControlDraft(ref, title, null, owner, Nature.MANUAL,
                ControlKind.DETECTIVE, Frequency.QUARTERLY, false, status, criteria, objectives));
    }

    void upload(Control c, String title, LocalDate effective, LocalDate renewal) {
        byte[] bytes = (title + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        evidence.upload(org.user(Role.CONTROL_OWNER), new EvidenceMetadata(title, null, List.of(c.ref()), effective,
                null, null, renewal, null, null, null), title + ".txt", "text/plain", new ByteArrayInputStream(bytes));
    }

    ResultActions readinessAs(Role role, UUID engagementId) throws Exception {
        return mvc.perform(get("/api/v1/engagements/{id}/readiness", engagementId).header("Authorization",
                org.bearer(role)));
    }

    static String req(String id) {
        return "$.requirements[?(@.id == '" + id + "')]";
    }

    @Test
    void jsonExplainsEveryPointAndExcludesCriteriaDeclaredNotRelevant() throws Exception {
        readinessAs(Role.VIEWER, soc2.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.engagement.id").value(soc2.id().toString()))
                .andExpect(jsonPath("$.engagement.name").value("FY SOC 2"))
                .andExpect(jsonPath("$.engagement.framework").value("SOC2"))
                .andExpect(jsonPath("$.engagement.reportType").value("TYPE2"))
                .andExpect(jsonPath("$.engagement.window.start").value(start.toString()))
                .andExpect(jsonPath("$.engagement.window.end").value(end.toString()))
                .andExpect(jsonPath("$.referenceDate").value(today.toString()))
                // 33 common criteria + 3 availability criteria - CC6.4 declared not relevant
                .andExpect(jsonPath("$.overall.total").value(35))
                .andExpect(jsonPath("$.overall.ready").value(0))
                .andExpect(jsonPath("$.overall.percent").value(0))
                .andExpect(jsonPath("$.categories[0].code").value("SECURITY"))
                .andExpect(jsonPath("$.categories[0].total").value(32))
                .andExpect(jsonPath("$.categories[1].code").value("AVAILABILITY"))
                .andExpect(jsonPath("$.categories[1].total").value(3))
                .andExpect(jsonPath("$.categories.length()").value(2))
                .andExpect(jsonPath("$.requirements.length()").value(35))
                .andExpect(jsonPath("$.requirements[*].id", not(hasItem("CC6.4"))))
                .andExpect(jsonPath("$.excluded[0].id").value("CC6.4"))
                .andExpect(jsonPath("$.excluded[0].reason").value("Hosting is carved out; no own data centre"))
                .andExpect(jsonPath(req("CC6.1") + ".state").value("PARTIAL"))
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].ref").value("AC-01"))
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].status").value("IMPLEMENTED"))
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].owner").value(org.user(Role.CONTROL_OWNER).name()))
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].evidence.valid").value(0))
                .andExpect(jsonPath(req("CC6.1") + ".gaps[0].kind").value("NO_EVIDENCE"))
                .andExpect(jsonPath(req("CC6.2") + ".state").value("GAP"))
                .andExpect(jsonPath(req("CC6.2") + ".gaps[0].kind").value("NO_CONTROL"))
                .andExpect(jsonPath("$.gaps[?(@.requirement == 'CC6.1')].message").value(
                        hasItem("CC6.1: control AC-01 'Quarterly access review' has no evidence")))
                .andExpect(jsonPath("$.gaps[?(@.requirement == 'CC6.1')].control").value(hasItem("AC-01")))
                .andExpect(jsonPath("$.controlSummary.total").value(1))
                .andExpect(jsonPath("$.controlSummary.implemented").value(1))
                .andExpect(jsonPath("$.controlSummary.withOwner").value(1))
                .andExpect(jsonPath("$.controlSummary.withValidEvidence").value(0))
                .andExpect(jsonPath("$.controlSummary.byStatus.IMPLEMENTED").value(1));
    }

    @Test
    void evidenceOutsideThenExpiredThenValidTurnsTheCriterionReadyAndRaisesThePercent() throws Exception {
        upload(accessReview, "Review of last year", start.minusDays(60), null);
        readinessAs(Role.AUDITOR, soc2.id())
                .andExpect(jsonPath(req("CC6.1") + ".state").value("PARTIAL"))
                .andExpect(jsonPath(req("CC6.1") + ".gaps[0].kind").value("EVIDENCE_OUTSIDE_PERIOD"))
                .andExpect(jsonPath(req("CC6.1") + ".gaps[0].message").value(
                        "CC6.1: control AC-01 'Quarterly access review' has evidence only outside the period "
                                + start + " – " + end))
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].evidence.outsideWindow").value(1));

        upload(accessReview, "Stale review", start.plusDays(5), today.minusDays(1));
        readinessAs(Role.AUDITOR, soc2.id())
                .andExpect(jsonPath(req("CC6.1") + ".state").value("PARTIAL"))
                .andExpect(jsonPath(req("CC6.1") + ".gaps[0].kind").value("EVIDENCE_EXPIRED"))
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].evidence.expired").value(1));

        upload(accessReview, "Q3 access review", today.minusDays(10), today.plusDays(80));
        readinessAs(Role.AUDITOR, soc2.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath(req("CC6.1") + ".state").value("READY"))
                .andExpect(jsonPath(req("CC6.1") + ".gaps[*]").isEmpty())
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].evidence.valid").value(1))
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].evidence.latestValidId").isNotEmpty())
                .andExpect(jsonPath(req("CC6.1") + ".controls[0].evidence.nextRenewal").value(today.plusDays(80).toString()))
                .andExpect(jsonPath("$.overall.ready").value(1))
                .andExpect(jsonPath("$.overall.percent").value(2)) // 1 of 35, rounded down
                .andExpect(jsonPath("$.categories[0].ready").value(1))
                .andExpect(jsonPath("$.categories[0].percent").value(3)) // 1 of 32
                .andExpect(jsonPath("$.gaps[*].requirement", not(hasItem("CC6.1"))))
                .andExpect(jsonPath("$.controlSummary.withValidEvidence").value(1))
                .andExpect(jsonPath("$.controlSummary.fullyReady").value(1));
    }

    @Test
    void statusAndOwnerGapsAndNotApplicableControls() throws Exception {
        control("AC-02", "Access provisioning", ImplementationStatus.IN_PROGRESS, null, List.of("CC6.2"), List.of());
        control("PHY-01", "Badge access to the office", ImplementationStatus.NOT_APPLICABLE, null,
                List.of("CC6.5"), List.of());
        readinessAs(Role.COMPLIANCE_MANAGER, soc2.id())
                .andExpect(jsonPath(req("CC6.2") + ".state").value("PARTIAL"))
                .andExpect(jsonPath(req("CC6.2") + ".gaps[*].kind").value(
                        contains("NOT_IMPLEMENTED", "NO_OWNER", "NO_EVIDENCE")))
                .andExpect(jsonPath(req("CC6.5") + ".state").value("GAP"))
                .andExpect(jsonPath(req("CC6.5") + ".controls[0].counted").value(false))
                .andExpect(jsonPath(req("CC6.5") + ".gaps[0].message").value(hasItem(containsString("PHY-01 is marked not applicable"))))
                .andExpect(jsonPath("$.controlSummary.notApplicable").value(1))
                .andExpect(jsonPath("$.controlSummary.byStatus.IN_PROGRESS").value(1));
    }

    @Test
    void typeOneUsesTheAsOfDate() {
        Engagement type1 = engagements.create(org.admin(), new EngagementDraft("Type I", Framework.SOC2,
                ReportType.TYPE1, today.minusDays(30), null, null, List.of(), null, null, null, null, null, null));
        upload(accessReview, "Written after the as-of date", today.minusDays(5), null);
        ReadinessReport report = readiness.forEngagement(org.user(Role.VIEWER), type1.id());
        assertThat(report.engagement().window().start()).isNull();
        assertThat(report.engagement().window().end()).isEqualTo(today.minusDays(30));
        assertThat(report.overall().total()).isEqualTo(33);
        RequirementReadiness cc61 = report.requirements().stream().filter(r -> r.id().equals("CC6.1")).findFirst()
                .orElseThrow();
        assertThat(cc61.gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.EVIDENCE_OUTSIDE_PERIOD);
            assertThat(g.message()).endsWith("has evidence only dated after the as-of date " + today.minusDays(30));
        });
        upload(accessReview, "Written before the as-of date", today.minusDays(40), null);
        assertThat(readiness.forEngagement(org.user(Role.VIEWER), type1.id()).overall().ready()).isEqualTo(1);
    }

    @Test
    void socOneEngagementMeasuresTheOrganizationsControlObjectives() throws Exception {
        List<ControlObjective> objectives = catalog.adoptStarterObjectives(org.admin());
        assertThat(objectives).isNotEmpty();
        ControlObjective first = objectives.getFirst();
        Control c = control("ITGC-01", "User access approval", ImplementationStatus.IMPLEMENTED,
                org.user(Role.CONTROL_OWNER).userId(), List.of(), List.of(first.ref()));
        upload(c, "Approval log", today.minusDays(3), null);
        Engagement soc1 = engagements.create(org.admin(), new EngagementDraft("FY SOC 1", Framework.SOC1,
                ReportType.TYPE2, null, start, end, List.of(), null, null, null, null, null, null));
        readinessAs(Role.VIEWER, soc1.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.engagement.framework").value("SOC1"))
                .andExpect(jsonPath("$.overall.total").value(objectives.size()))
                .andExpect(jsonPath("$.overall.ready").value(1))
                .andExpect(jsonPath(req(first.ref()) + ".state").value("READY"))
                .andExpect(jsonPath(req(first.ref()) + ".controls[0].ref").value("ITGC-01"))
                .andExpect(jsonPath("$.gaps[0].message").value(containsString("no control is mapped to this control objective")));
    }

    @Test
    void everyRoleMayReadReadinessAndAnonymousCallersMayNot() throws Exception {
        for (Role role : TestOrg.ROLES) {
            assertThat(role.can(Permission.READINESS_READ)).isTrue();
            readinessAs(role, soc2.id()).andExpect(status().isOk());
        }
        mvc.perform(get("/api/v1/engagements/{id}/readiness", soc2.id())).andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationsEngagementIsNotFound() throws Exception {
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/api/v1/engagements/{id}/readiness", soc2.id()).header("Authorization",
                other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("was not found")));
        readinessAs(Role.ADMIN, UUID.randomUUID()).andExpect(status().isNotFound());
        Assertions.assertThatThrownBy(() -> readiness.forEngagement(other.admin(), soc2.id()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(404));
    }

    @Test
    void otherOrganizationsControlsAndEvidenceNeverCount() {
        TestOrg other = TestOrg.create(identity);
        Control theirs = controls.create(other.admin(), new ControlDraft("AC-01", "Their review", null,
                other.admin().userId(), Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, false,
                ImplementationStatus.IMPLEMENTED, List.of("CC6.2"), List.of()));
        evidence.upload(other.admin(), EvidenceMetadata.of("Their evidence", today.minusDays(2), theirs.ref()),
                "x.txt", "text/plain", new ByteArrayInputStream("theirs".getBytes(StandardCharsets.UTF_8)));
        ReadinessReport mine = readiness.forEngagement(org.admin(), soc2.id());
        assertThat(mine.controlSummary().total()).isEqualTo(1);
        assertThat(mine.requirements().stream().filter(r -> r.id().equals("CC6.2")).findFirst().orElseThrow().state())
                .isEqualTo(RequirementState.GAP);
    }
}
