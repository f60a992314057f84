package dev.assayer.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.people.PeopleService;
import dev.assayer.people.PersonDraft;
import dev.assayer.policy.Policy;
import dev.assayer.policy.PolicyDraft;
import dev.assayer.policy.PolicyService;
import dev.assayer.policy.PolicyVersion;
import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.RiskDraft;
import dev.assayer.risk.RiskService;
import dev.assayer.risk.Treatment;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import dev.assayer.vendor.CriticalityTier;
import dev.assayer.vendor.Opinion;
import dev.assayer.vendor.ReportKind;
import dev.assayer.vendor.ReviewDraft;
import dev.assayer.vendor.Vendor;
import dev.assayer.vendor.VendorCuec;
import dev.assayer.vendor.VendorDraft;
import dev.assayer.vendor.VendorService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Program gaps in GET /api/v1/engagements/{id}/readiness: a risk register without an approved
 * assessment, a mitigated risk without a control, a published policy not everyone acknowledged, a
 * vendor CUEC mapped to no control and overdue training, made through the modules' services.
 */
class ReadinessProgramApiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired ReadinessService readiness;
    @Autowired RiskService risks;
    @Autowired PolicyService policies;
    @Autowired VendorService vendors;
    @Autowired PeopleService people;

    TestOrg acme;
    LocalDate today;
    Engagement soc2;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        today = readiness.today();
        soc2 = engagements.create(acme.admin(), new EngagementDraft("Program SOC 2", Framework.SOC2, ReportType.TYPE2,
                null, today.minusDays(90), today.plusDays(90), List.of(), null, null, null, null, null, null));
        // Fully ready controls for the criteria the program gaps bear on, so that only the program holds them back.
        readyControl("GOV-01", "CC1.1", "CC1.4", "CC2.2", "CC3.1", "CC3.2", "CC3.3", "CC3.4", "CC9.2");
    }

    Control readyControl(String ref, String... criteria) {
        Control c = controls.create(acme.admin(), new ControlDraft(ref, "Control " + ref, null, acme.admin().userId(),
                Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.ANNUAL, false, ImplementationStatus.IMPLEMENTED,
                List.of(criteria), List.of()));
        evidence.upload(acme.admin(), new EvidenceMetadata("Evidence for " + ref, null, List.of(ref), today.minusDays(5),
                null, null, null, null, null, null), ref + ".txt", "text/plain",
                new ByteArrayInputStream((ref + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
        return c;
    }

    ResultActions readinessOf(TestOrg who, Role role, UUID engagementId) throws Exception {
        return mvc.perform(get("/api/v1/engagements/{id}/readiness", engagementId)
                .header("Authorization", who.bearer(role)));
    }

    static String req(String id) {
        return "$.requirements[?(@.id == '" + id + "')]";
    }

    static String program(String kind) {
        return "$.programGaps[?(@.kind == '" + kind + "')]";
    }

    Risk mitigatedRiskWithoutControls() {
        return risks.create(acme.admin(), new RiskDraft("Laptop theft exposes source code", null,
                RiskCategory.values()[0], null, null, null, List.of("SECURITY"), acme.admin().userId(), null, 3, 4, null,
                null, Treatment.MITIGATE, null, null, null, null, List.of()));
    }

    Policy publishedPolicyAcknowledgedOnlyByTheAdmin() {
        Policy p = policies.createFromTemplate(acme.admin(), "acceptable-use", new PolicyDraft(null, null, null,
                List.of(), null));
        policies.submit(acme.admin(), p.id(), 1);
        PolicyVersion v = policies.approve(acme.user(Role.COMPLIANCE_MANAGER), p.id(), 1, null);
        policies.publish(acme.admin(), p.id(), 1);
        policies.acknowledge(acme.admin(), v.id());
        return p;
    }

    Vendor vendorWithAnUnmappedCuec() {
        Vendor v = vendors.create(acme.admin(), new VendorDraft(null, "Cloudhost Ltd", "Hosting", List.of(),
                CriticalityTier.TIER_1, null, null, null, false, null, null, null, null));
        vendors.addReview(acme.admin(), v.id(), new ReviewDraft(ReportKind.SOC2, ReportType.TYPE2,
                today.minusDays(400), today.minusDays(35), null, "Auditors LLP", Opinion.UNMODIFIED, List.of(), null,
                List.of(new VendorCuec("CUEC-1", "Customers restrict their console users.", "GOV-01", null),
                        new VendorCuec("CUEC-2", "Customers rotate their API keys.", null, null)),
                null, null, today.minusDays(2), null, null));
        return v;
    }

    @Test
    void aFreshOrganizationLacksOnlyTheRiskAssessment() throws Exception {
        readinessOf(acme, Role.VIEWER, soc2.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.programGaps", hasSize(1)))
                .andExpect(jsonPath("$.programGaps[0].kind").value("RISK_ASSESSMENT_MISSING"))
                .andExpect(jsonPath("$.programGaps[0].link").value("/risks/assessments"))
                .andExpect(jsonPath("$.programGaps[0].heldBack", contains("CC3.1", "CC3.2", "CC3.3", "CC3.4")))
                .andExpect(jsonPath(req("CC3.1") + ".state").value("PARTIAL"))
                .andExpect(jsonPath(req("CC3.1") + ".gaps[0].kind").value("RISK_ASSESSMENT_MISSING"))
                .andExpect(jsonPath(req("CC3.1") + ".gaps[0].message").value(
                        hasItem(containsString("CC3.1: no risk assessment has been approved yet"))))
                .andExpect(jsonPath(req("CC2.2") + ".state").value("READY"))
                .andExpect(jsonPath(req("CC9.2") + ".state").value("READY"));

        risks.approveAssessment(acme.admin(), null);
        readinessOf(acme, Role.VIEWER, soc2.id())
                .andExpect(jsonPath("$.programGaps", empty()))
                .andExpect(jsonPath(req("CC3.1") + ".state").value("READY"));
    }

    @Test
    void riskPolicyVendorAndTrainingGapsHoldBackTheirCriteria() throws Exception {
        Risk risk = mitigatedRiskWithoutControls();
        Policy policy = publishedPolicyAcknowledgedOnlyByTheAdmin();
        Vendor vendor = vendorWithAnUnmappedCuec();
        var person = people.create(acme.admin(), new PersonDraft("Lena Park", "lena.park@example.test", "Engineer",
                "Engineering", null, today.minusDays(200), null, null));

        readinessOf(acme, Role.AUDITOR, soc2.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.programGaps[*].kind", contains("RISK_ASSESSMENT_MISSING", "RISK_UNMITIGATED",
                        "POLICY_UNACKNOWLEDGED", "VENDOR_CUEC_UNMAPPED", "TRAINING_OVERDUE")))
                // the risk, named, against CC3.2
                .andExpect(jsonPath(program("RISK_UNMITIGATED") + ".subject").value(hasItem(risk.ref()
                        + " Laptop theft exposes source code")))
                .andExpect(jsonPath(program("RISK_UNMITIGATED") + ".link").value(hasItem("/risks/" + risk.id())))
                .andExpect(jsonPath(program("RISK_UNMITIGATED") + ".heldBack[*]", contains("CC3.2")))
                // the policy: 3 of 4 expected members (the auditor is not asked), named
                .andExpect(jsonPath(program("POLICY_UNACKNOWLEDGED") + ".message").value(hasItem(containsString(
                        "Acceptable Use Policy v1: 3 of 4 people have not acknowledged"))))
                .andExpect(jsonPath(program("POLICY_UNACKNOWLEDGED") + ".message").value(hasItem(containsString(
                        acme.user(Role.VIEWER).name()))))
                .andExpect(jsonPath(program("POLICY_UNACKNOWLEDGED") + ".message").value(not(hasItem(containsString(
                        acme.user(Role.AUDITOR).name())))))
                .andExpect(jsonPath(program("POLICY_UNACKNOWLEDGED") + ".link").value(hasItem("/policies/" + policy.id())))
                .andExpect(jsonPath(program("POLICY_UNACKNOWLEDGED") + ".heldBack[*]", contains("CC2.2")))
                // the vendor's one unmapped CUEC, with its text, against CC9.2
                .andExpect(jsonPath(program("VENDOR_CUEC_UNMAPPED") + ".subject").value(hasItem("Cloudhost Ltd: CUEC-2")))
                .andExpect(jsonPath(program("VENDOR_CUEC_UNMAPPED") + ".message").value(hasItem(containsString(
                        "'Customers rotate their API keys.'"))))
                .andExpect(jsonPath(program("VENDOR_CUEC_UNMAPPED") + ".link").value(hasItem("/vendors/" + vendor.id())))
                .andExpect(jsonPath(program("VENDOR_CUEC_UNMAPPED") + ".heldBack[*]", contains("CC9.2")))
                // training against CC1.4 and CC2.2
                .andExpect(jsonPath(program("TRAINING_OVERDUE") + ".subject").value(hasItem("Lena Park")))
                .andExpect(jsonPath(program("TRAINING_OVERDUE") + ".link").value(hasItem("/people/" + person.id())))
                .andExpect(jsonPath(program("TRAINING_OVERDUE") + ".heldBack[*]", contains("CC1.4", "CC2.2")))
                // each criterion is held back and lists its program gaps; the ready control is still ready
                .andExpect(jsonPath(req("CC9.2") + ".state").value("PARTIAL"))
                .andExpect(jsonPath(req("CC9.2") + ".gaps[*].kind", contains("VENDOR_CUEC_UNMAPPED")))
                .andExpect(jsonPath(req("CC9.2") + ".controls[0].ready").value(true))
                .andExpect(jsonPath(req("CC2.2") + ".state").value("PARTIAL"))
                .andExpect(jsonPath(req("CC2.2") + ".gaps[*].kind", contains("POLICY_UNACKNOWLEDGED", "TRAINING_OVERDUE")))
                .andExpect(jsonPath(req("CC1.4") + ".state").value("PARTIAL"))
                .andExpect(jsonPath(req("CC1.1") + ".state").value("READY"))
                .andExpect(jsonPath(req("CC6.1") + ".state").value("GAP"))
                .andExpect(jsonPath("$.gaps[?(@.kind == 'VENDOR_CUEC_UNMAPPED')].requirement", contains("CC9.2")));

        // another organization sees none of it
        TestOrg other = TestOrg.create(identity);
        Engagement theirs = engagements.create(other.admin(), new EngagementDraft("Theirs", Framework.SOC2,
                ReportType.TYPE2, null, today.minusDays(90), today.plusDays(90), List.of(), null, null, null, null, null,
                null));
        readinessOf(other, Role.ADMIN, theirs.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.programGaps[*].kind", contains("RISK_ASSESSMENT_MISSING")));
        readinessOf(other, Role.ADMIN, soc2.id()).andExpect(status().isNotFound());
    }

    @Test
    void aSocOneEngagementListsProgramGapsButCountsNoObjectiveAgainstThem() throws Exception {
        vendorWithAnUnmappedCuec();
        Engagement soc1 = engagements.create(acme.admin(), new EngagementDraft("Payroll SOC 1", Framework.SOC1,
                ReportType.TYPE1, today, null, null, List.of(), null, null, null, null, null, null));
        ReadinessReport report = readiness.forEngagement(acme.admin(), soc1.id());
        assertThat(report.programGaps()).extracting(ReadinessReport.ProgramGap::kind)
                .containsExactly(GapKind.RISK_ASSESSMENT_MISSING, GapKind.VENDOR_CUEC_UNMAPPED);
        assertThat(report.programGaps()).allSatisfy(g -> assertThat(g.heldBack()).isEmpty());
        assertThat(report.gaps()).noneSatisfy(g -> assertThat(g.kind().program()).isTrue());
    }
}
