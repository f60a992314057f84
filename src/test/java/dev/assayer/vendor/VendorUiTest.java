package dev.assayer.vendor;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class VendorUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired VendorService vendors;
    @Autowired ControlService controls;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }


    @Test
    void aVendorIsCreatedReviewedAndItsGapsShown() throws Exception {
        Control ac = controls.create(org.admin(), new ControlDraft("AC-01", "User access", null, null, Nature.MANUAL,
                ControlKind.PREVENTIVE, Frequency.QUARTERLY, false, ImplementationStatus.IMPLEMENTED, List.of(), List.of()));
        mvc.perform(get("/vendors/new").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"create-vendor\""),
                        Matchers.containsString("name=\"_csrf\""), Matchers.containsString("id=\"csocs\""))));
        String location = mvc.perform(post("/vendors").with(as(org.user(Role.COMPLIANCE_MANAGER))).with(csrf())
                        .param("name", "Cloud Host Inc").param("tier", "TIER_1").param("serviceProvided", "IaaS")
                        .param("dataAccessed", "Customer PII\n\nLogs").param("contractStart", "2025-01-01")
                        .param("subservice", "true").param("subserviceMethod", "CARVE_OUT")
                        .param("csocs", "Physical access is restricted"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/vendors/*"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/vendors/".length()));
        Vendor v = vendors.get(org.admin(), id);
        assertThat(v.dataAccessed()).containsExactly("Customer PII", "Logs");
        assertThat(v.csocs()).containsExactly("Physical access is restricted");
        mvc.perform(post(location + "/reviews").with(as(org.admin())).with(csrf())
                        .param("reportKind", "SOC2").param("reportType", "TYPE2").param("periodStart", "2025-01-01")
                        .param("periodEnd", "2025-12-31").param("opinion", "UNMODIFIED")
                        .param("cuecs[0].description", "Customers manage their users").param("cuecs[0].control", "AC-01")
                        .param("cuecs[1].ref", "").param("cuecs[1].description", "")
                        .param("cuecs[2].ref", "CUEC-9").param("cuecs[2].description", "Customers rotate keys"))
                .andExpect(status().is3xxRedirection());
        assertThat(vendors.reviews(org.admin(), id)).singleElement()
                .satisfies(r -> assertThat(r.cuecs()).extracting(VendorCuec::controlId).containsExactly(ac.id(), null));
        mvc.perform(get(location).with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Cloud Host Inc"),
                        Matchers.containsString("Subservice organization"), Matchers.containsString("class=\"gap-row\""),
                        Matchers.containsString("Gap — no control"), Matchers.containsString(">AC-01<"),
                        Matchers.not(Matchers.containsString("id=\"review-form\"")))));
        mvc.perform(get("/vendors").with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Cloud Host Inc"),
                        Matchers.containsString("Subservice (carve-out)"), Matchers.containsString("Customers rotate keys"),
                        Matchers.not(Matchers.containsString("id=\"new-vendor\"")))));
    }

    @Test
    void errorsAreShownWithTheValuesKeptAndOverdueVendorsFlagged() throws Exception {
        mvc.perform(post("/vendors").with(as(org.admin())).with(csrf())
                        .param("name", "Mailer").param("tier", "TIER_2").param("contractStart", "2026-02-01")
                        .param("contractEnd", "2025-01-01"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("contractEnd"), Matchers.containsString("value=\"Mailer\""))));
        mvc.perform(post("/vendors").with(as(org.admin())).with(csrf())
                        .param("name", "Mailer").param("tier", "TIER_2").param("contractStart", "01/02/2026"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("is not a date")));
        assertThat(vendors.list(org.admin())).isEmpty();
        Vendor v = vendors.create(org.admin(), new VendorDraft(null, "Old vendor", null, null, CriticalityTier.TIER_3,
                null, java.time.LocalDate.of(2020, 1, 1), null, false, null, null, null, null));
        mvc.perform(get("/vendors").with(as(org.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Old vendor"),
                        Matchers.containsString("overdue-badge"))));
        mvc.perform(post("/vendors/" + v.id() + "/reviews").with(as(org.admin())).with(csrf())
                        .param("reportKind", "SOC2").param("reportType", "TYPE1"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("asOfDate"))));
    }

    @Test
    void readersCannotOpenTheFormsAndOtherOrganizationsGetNotFound() throws Exception {
        Vendor v = vendors.create(org.admin(), new VendorDraft(null, "Host", null, null, CriticalityTier.TIER_1,
                null, null, null, false, null, null, null, null));
        mvc.perform(get("/vendors/new").with(as(org.user(Role.CONTROL_OWNER)))).andExpect(status().isForbidden());
        mvc.perform(post("/vendors/" + v.id() + "/reviews").with(as(org.user(Role.AUDITOR))).with(csrf())
                .param("reportKind", "OTHER")).andExpect(status().isForbidden());
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/vendors/" + v.id()).with(as(other.admin()))).andExpect(status().isNotFound());
        mvc.perform(get("/vendors").with(as(other.admin())))
                .andExpect(content().string(Matchers.not(Matchers.containsString(v.id().toString()))));
    }

    @Test
    void theEditFormSavesWithTheVersionAndRejectsAStaleOne() throws Exception {
        Vendor v = vendors.create(org.admin(), new VendorDraft(null, "Host", "IaaS", List.of("PII"),
                CriticalityTier.TIER_1, null, java.time.LocalDate.of(2025, 1, 1), null, false, null, null, null, null));
        mvc.perform(get("/vendors/" + v.id() + "/edit").with(as(org.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"save-vendor\""),
                        Matchers.containsString("value=\"2025-01-01\""), Matchers.containsString("value=\"Host\""))));
        mvc.perform(post("/vendors/" + v.id()).with(as(org.admin())).with(csrf()).param("version", "0")
                        .param("name", "Host renamed").param("tier", "TIER_3").param("status", "ACTIVE"))
                .andExpect(status().is3xxRedirection());
        Vendor after = vendors.get(org.admin(), v.id());
        assertThat(after.name()).isEqualTo("Host renamed");
        assertThat(after.ref()).isEqualTo(v.ref());
        assertThat(after.tier()).isEqualTo(CriticalityTier.TIER_3);
        mvc.perform(post("/vendors/" + v.id()).with(as(org.admin())).with(csrf()).param("version", "0")
                        .param("name", "Stale").param("tier", "TIER_3"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("changed by someone else")));
        assertThat(vendors.get(org.admin(), v.id()).name()).isEqualTo("Host renamed");
    }
}
