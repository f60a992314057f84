package dev.assayer.readiness;

import static dev.assayer.testing.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import dev.assayer.shared.tenancy.Role;
import dev.assayer.vendor.CriticalityTier;
import dev.assayer.vendor.Opinion;
import dev.assayer.vendor.ReportKind;
import dev.assayer.vendor.ReviewDraft;
import dev.assayer.vendor.Vendor;
import dev.assayer.vendor.VendorCuec;
import dev.assayer.vendor.VendorDraft;
import dev.assayer.vendor.VendorService;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The dashboard and the readiness page, rendered for signed-in members. */
class ReadinessUiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired ReadinessService readiness;
    @Autowired VendorService vendors;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }


    Engagement engagementWithOneReadyCriterion() {
        LocalDate today = readiness.today();
        Engagement e = engagements.create(org.admin(), new EngagementDraft("Dashboard SOC 2", Framework.SOC2,
                ReportType.TYPE2, null, today.minusDays(100), today.plusDays(80), List.of("CONFIDENTIALITY"), null,
                null, null, null, null, null));
        var c = controls.create(org.admin(), new ControlDraft("AC-01", "Quarterly access review", null,
                org.admin().userId(), Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, true,
                ImplementationStatus.IMPLEMENTED, List.of("CC6.1"), List.of()));
        controls.create(org.admin(), new ControlDraft("AC-02", "Provisioning", null, null, Nature.MANUAL,
                ControlKind.PREVENTIVE, Frequency.PER_EVENT, false, ImplementationStatus.IN_PROGRESS,
                List.of("CC6.2"), List.of()));
        evidence.upload(org.admin(), new EvidenceMetadata("Q3 review", null, List.of("AC-01"), today.minusDays(3),
                null, null, today.plusDays(10), null, null, null), "review.txt", "text/plain",
                new ByteArrayInputStream("q3 review".getBytes(StandardCharsets.UTF_8)));
        return e;
    }

    @Test
    void viewerWithoutEngagementsSeesTheEmptyStateWithoutTheSetUpLink() throws Exception {
        mvc.perform(get("/").with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No engagement yet")))
                .andExpect(content().string(containsString("href=\"/controls\"")))
                .andExpect(content().string(not(containsString("href=\"/engagements/new\""))))
                .andExpect(content().string(not(containsString("id=\"overall-readiness\""))));
    }

    @Test
    void managerWithoutEngagementsIsOfferedToSetOneUp() throws Exception {
        mvc.perform(get("/").with(as(org.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/engagements/new\"")));
    }

    @Test
    void dashboardShowsFiguresGapsRenewalsAndStatusCountsForEveryRole() throws Exception {
        Engagement e = engagementWithOneReadyCriterion();
        for (Role role : TestOrg.ROLES) {
            mvc.perform(get("/").with(as(org.user(role))))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Dashboard SOC 2")))
                    // 1 of 35 (33 common + 2 confidentiality) rounded down
                    .andExpect(content().string(containsString("<span id=\"overall-readiness\">2%</span>")))
                    .andExpect(content().string(containsString("1 of 35 in-scope requirements ready")))
                    .andExpect(content().string(containsString("id=\"readiness-SECURITY\">3%<")))
                    .andExpect(content().string(containsString("id=\"readiness-CONFIDENTIALITY\">0%<")))
                    .andExpect(content().string(containsString("class=\"meter")))
                    .andExpect(content().string(containsString(
                            "CC6.2: control AC-02 &#39;Provisioning&#39; is not implemented yet (status: in progress)")))
                    .andExpect(content().string(containsString("href=\"/controls?criterion=CC1.1\"")))
                    .andExpect(content().string(containsString("Renewals overdue or due in the next 30 days")))
                    .andExpect(content().string(containsString("Q3 review")))
                    .andExpect(content().string(containsString("id=\"controls-IN_PROGRESS\">1<")))
                    .andExpect(content().string(containsString("/engagements/" + e.id() + "/readiness")));
        }
    }

    @Test
    void readinessPageExplainsEachRequirementWithItsControlsAndEvidence() throws Exception {
        Engagement e = engagementWithOneReadyCriterion();
        mvc.perform(get("/engagements/{id}/readiness", e.id()).with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<span id=\"overall-readiness\">2%</span>")))
                .andExpect(content().string(containsString("id=\"readiness-CONFIDENTIALITY\"")))
                .andExpect(content().string(containsString("<details>")))
                .andExpect(content().string(containsString("id=\"req-CC6.1\"")))
                .andExpect(content().string(containsString(">READY<")))
                .andExpect(content().string(containsString(">PARTIAL<")))
                .andExpect(content().string(containsString(">GAP<")))
                .andExpect(content().string(containsString("1 valid")))
                .andExpect(content().string(containsString("fully ready")));
    }

    @Test
    void dashboardAndReadinessPageListProgramGapsByKindWithLinks() throws Exception {
        Engagement e = engagementWithOneReadyCriterion();
        Vendor v = vendors.create(org.admin(), new VendorDraft(null, "Mailer Inc", "E-mail delivery", List.of(),
                CriticalityTier.TIER_2, null, null, null, false, null, null, null, null));
        vendors.addReview(org.admin(), v.id(), new ReviewDraft(ReportKind.SOC2, ReportType.TYPE2,
                readiness.today().minusDays(300), readiness.today().minusDays(30), null, null, Opinion.UNMODIFIED,
                List.of(), null, List.of(new VendorCuec("CUEC-7", "Customers protect their sending keys.", null, null)),
                null, null, null, null, null));
        mvc.perform(get("/").with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h2 id=\"program-title\">Compliance program</h2>")))
                .andExpect(content().string(containsString("data-kind=\"RISK_ASSESSMENT_MISSING\"")))
                .andExpect(content().string(containsString("No approved risk assessment")))
                .andExpect(content().string(containsString("href=\"/risks/assessments\"")))
                .andExpect(content().string(containsString("— holds back CC3.1, CC3.2, CC3.3, CC3.4")))
                .andExpect(content().string(containsString("data-kind=\"VENDOR_CUEC_UNMAPPED\"")))
                .andExpect(content().string(containsString("href=\"/vendors/" + v.id() + "\"")))
                .andExpect(content().string(containsString("Mailer Inc (VND-1) expects us to operate CUEC-7")));
        mvc.perform(get("/engagements/{id}/readiness", e.id()).with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h2 id=\"program-title\">Compliance program</h2>")))
                .andExpect(content().string(containsString(">Mailer Inc: CUEC-7</a>")))
                .andExpect(content().string(containsString("<span class=\"tag\">CC9.2</span>")))
                // inside the held-back criterion's row, the program gap with its link
                .andExpect(content().string(containsString("CC9.2: Mailer Inc (VND-1) expects us to operate CUEC-7")))
                .andExpect(content().string(containsString("CC3.1: no risk assessment has been approved yet")));
    }

    @Test
    void engagementOfAnotherOrganizationIsNotFoundInTheUi() throws Exception {
        Engagement e = engagementWithOneReadyCriterion();
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/engagements/{id}/readiness", e.id()).with(as(other.admin()))).andExpect(status().isNotFound());
        mvc.perform(get("/").param("engagement", e.id().toString()).with(as(other.admin())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/").with(as(other.user(Role.VIEWER))))
                .andExpect(content().string(containsString("No engagement yet")));
    }

    @Test
    void dashboardRequiresSignIn() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection());
    }
}
