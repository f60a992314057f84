package dev.assayer.packaging;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** /settings/signing-key: the published fingerprint for every member and the auditor inside, rotation, download. */
class SigningKeyUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired PopulationService populations;
    @Autowired SigningKeyService keys;
    @Autowired MockMvc mvc;

    @TempDir Path tmp;
    PackageFixture fx;

    @BeforeEach
    void setUp() {
        fx = PackageFixture.create(identity, engagements, access, controls, evidence, populations);
    }

    String page(dev.assayer.shared.tenancy.CurrentUser user) throws Exception {
        return mvc.perform(get("/settings/signing-key").with(as(user))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    @Test
    void everyMemberAndTheAuditorInsideSeeTheSameFingerprintOnlyAdminsMayRotate() throws Exception {
        SigningKey k = keys.current(fx.client().admin());
        for (Role role : TestOrg.ROLES) {
            String html = page(fx.client().user(role));
            assertThat(html).as(role.name()).contains(k.groupedFingerprint()).contains("-----BEGIN PUBLIC KEY-----");
            assertThat(html.contains("id=\"rotate\"")).as(role.name()).isEqualTo(role == Role.ADMIN);
            assertThat(html.contains("Download evidence package")).as(role.name())
                    .isEqualTo(role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER);
        }
        String auditor = page(fx.in().user(Role.AUDIT_STAFF));
        assertThat(auditor).contains(k.groupedFingerprint()).doesNotContain("id=\"rotate\"")
                .contains("package-" + fx.id());

        mvc.perform(post("/settings/signing-key/rotate").with(as(fx.client().user(Role.COMPLIANCE_MANAGER))).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/settings/signing-key/rotate").with(as(fx.in().user(Role.AUDIT_PARTNER))).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/settings/signing-key/rotate").with(as(fx.client().admin())).with(csrf()))
                .andExpect(redirectedUrl("/settings/signing-key"));
        SigningKey fresh = keys.current(fx.client().admin());
        assertThat(fresh.id()).isNotEqualTo(k.id());
        String after = page(fx.client().user(Role.VIEWER));
        assertThat(after).contains(fresh.groupedFingerprint()).contains(k.groupedFingerprint()).contains("Retired");
    }

    @Test
    void theKeyAndThePackageDownloadFromThePage() throws Exception {
        String pem = mvc.perform(get("/settings/signing-key.pem").with(as(fx.client().user(Role.VIEWER))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(pem).isEqualTo(keys.current(fx.client().admin()).publicKeyPem());
        byte[] zip = mvc.perform(get("/engagements/" + fx.id() + "/evidence-package.zip").with(as(fx.in().user(Role.AUDIT_STAFF))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        java.nio.file.Path key = java.nio.file.Files.writeString(tmp.resolve("k.pem"), pem);
        assertThat(Zips.verify(tmp, zip, "--key", key.toString()).code()).isZero();
        mvc.perform(get("/engagements/" + fx.id() + "/evidence-package.zip").with(as(fx.client().user(Role.VIEWER))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/engagements/" + fx.id() + "/evidence-package.zip").with(as(TestOrg.create(identity).admin())))
                .andExpect(status().isNotFound());
    }
}
