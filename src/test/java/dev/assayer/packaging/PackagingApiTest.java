package dev.assayer.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.identity.IdentityService;
import dev.assayer.packaging.verify.Ed25519Keys;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Roles and tenant isolation of the package and signing-key endpoints, and rotation keeping old packages verifiable. */
class PackagingApiTest extends IntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired PopulationService populations;
    @Autowired MockMvc mvc;

    @TempDir Path tmp;
    PackageFixture fx;

    @BeforeEach
    void setUp() {
        fx = PackageFixture.create(identity, engagements, access, controls, evidence, populations);
    }

    int exportStatus(String bearer, UUID engagementId) throws Exception {
        return mvc.perform(get("/api/v1/engagements/" + engagementId + "/evidence-package").header("Authorization", bearer))
                .andReturn().getResponse().getStatus();
    }

    @Test
    void exportFollowsTheRoleMatrix() throws Exception {
        Map<Role, Integer> expected = Map.of(Role.ADMIN, 200, Role.COMPLIANCE_MANAGER, 200, Role.CONTROL_OWNER, 403,
                Role.AUDITOR, 403, Role.VIEWER, 403);
        for (Role role : TestOrg.ROLES) {
            assertThat(exportStatus(fx.client().bearer(role), fx.id())).as(role.name()).isEqualTo(expected.get(role));
        }
        for (Role role : TestFirm.ROLES) {
            assertThat(exportStatus(fx.in().bearer(role), fx.id())).as(role.name() + " inside").isEqualTo(200);
        }
    }

    @Test
    void anotherOrganizationAndAuditorsOutsideTheEngagementGetNotFound() throws Exception {
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get(fx.url()).header("Authorization", other.bearer(Role.ADMIN))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
        // the firm's partner in the firm itself, not inside the engagement
        String outside = "Bearer " + identity.issueToken(fx.firm().user(Role.AUDIT_PARTNER), "t").token();
        assertThat(exportStatus(outside, fx.id())).isEqualTo(404);
        // the firm inside another engagement of the same client
        Engagement second = engagements.create(fx.client().admin(), new EngagementDraft("Second " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE1, PackageFixture.END, null, null, List.of(), null, null, null, null, null,
                null));
        TestFirm.Inside elsewhere = fx.firm().inside(identity, access, fx.client(), second.id());
        assertThat(exportStatus(elsewhere.bearer(Role.AUDIT_STAFF), fx.id())).isEqualTo(404);
        assertThat(exportStatus(fx.client().bearer(Role.ADMIN), UUID.randomUUID())).isEqualTo(404);
    }

    @Test
    void everyMemberReadsThePublicKeyOnlyAnAdminRotatesAndOldPackagesStillVerify() throws Exception {
        for (Role role : TestOrg.ROLES) {
            mvc.perform(get("/api/v1/signing-keys").header("Authorization", fx.client().bearer(role)))
                    .andExpect(status().isOk()).andExpect(jsonPath("$[0].status").value("ACTIVE"))
                    .andExpect(jsonPath("$[0].algorithm").value("Ed25519"));
        }
        for (Role role : TestFirm.ROLES) {
            mvc.perform(get("/api/v1/signing-keys").header("Authorization", fx.in().bearer(role)))
                    .andExpect(status().isOk());
        }
        JsonNode before = JSON.readTree(mvc.perform(get("/api/v1/signing-keys")
                .header("Authorization", fx.client().bearer(Role.VIEWER))).andReturn().getResponse().getContentAsString());
        assertThat(before).hasSize(1);
        String oldPem = before.get(0).path("publicKeyPem").asString();
        String oldFp = before.get(0).path("fingerprint").asString();
        assertThat(Ed25519Keys.fingerprint(Ed25519Keys.parse(oldPem))).isEqualTo(oldFp);
        String pem = mvc.perform(get("/api/v1/signing-keys/current.pem").header("Authorization", fx.in().bearer(Role.AUDIT_STAFF)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(pem).isEqualTo(oldPem);

        byte[] oldPackage = mvc.perform(get(fx.url()).header("Authorization", fx.client().bearer(Role.ADMIN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        for (Role role : List.of(Role.COMPLIANCE_MANAGER, Role.CONTROL_OWNER, Role.AUDITOR, Role.VIEWER)) {
            mvc.perform(post("/api/v1/signing-keys/rotate").header("Authorization", fx.client().bearer(role)))
                    .andExpect(status().isForbidden());
        }
        for (Role role : TestFirm.ROLES) {
            mvc.perform(post("/api/v1/signing-keys/rotate").header("Authorization", fx.in().bearer(role)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/api/v1/signing-keys/rotate").header("Authorization", fx.client().bearer(Role.ADMIN)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        JsonNode after = JSON.readTree(mvc.perform(get("/api/v1/signing-keys")
                .header("Authorization", fx.client().bearer(Role.VIEWER))).andReturn().getResponse().getContentAsString());
        assertThat(after).hasSize(2);
        assertThat(after.get(0).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(after.get(0).path("fingerprint").asString()).isNotEqualTo(oldFp);
        assertThat(after.get(1).path("fingerprint").asString()).isEqualTo(oldFp);
        assertThat(after.get(1).path("status").asString()).isEqualTo("RETIRED");
        assertThat(after.get(1).path("retiredBy").asString()).isEqualTo(fx.client().admin().label());

        Path oldKey = Files.writeString(tmp.resolve("old.pem"), oldPem);
        Path newKey = Files.writeString(tmp.resolve("new.pem"), after.get(0).path("publicKeyPem").asString());
        assertThat(Zips.verify(tmp, oldPackage, "--key", oldKey.toString()).code()).isZero();
        Zips.Run wrong = Zips.verify(tmp, oldPackage, "--key", newKey.toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.out()).contains("public-key.pem: is key " + oldFp).contains("signature invalid");

        byte[] newPackage = mvc.perform(get(fx.url()).header("Authorization", fx.client().bearer(Role.ADMIN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(Zips.verify(tmp, newPackage, "--key", newKey.toString()).code()).isZero();
    }

    @Test
    void eachOrganizationHasItsOwnKey() throws Exception {
        TestOrg other = TestOrg.create(identity);
        JsonNode mine = JSON.readTree(mvc.perform(get("/api/v1/signing-keys").header("Authorization",
                fx.client().bearer(Role.ADMIN))).andReturn().getResponse().getContentAsString());
        JsonNode theirs = JSON.readTree(mvc.perform(get("/api/v1/signing-keys").header("Authorization",
                other.bearer(Role.ADMIN))).andReturn().getResponse().getContentAsString());
        assertThat(theirs).hasSize(1);
        assertThat(theirs.get(0).path("id").asString()).isNotEqualTo(mine.get(0).path("id").asString());
        assertThat(theirs.get(0).path("fingerprint").asString()).isNotEqualTo(mine.get(0).path("fingerprint").asString());
        // rotating one organization's key leaves the other's alone
        mvc.perform(post("/api/v1/signing-keys/rotate").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isOk());
        JsonNode mineAfter = JSON.readTree(mvc.perform(get("/api/v1/signing-keys").header("Authorization",
                fx.client().bearer(Role.ADMIN))).andReturn().getResponse().getContentAsString());
        assertThat(mineAfter).hasSize(1);
        assertThat(mineAfter.get(0).path("id").asString()).isEqualTo(mine.get(0).path("id").asString());
    }
}
