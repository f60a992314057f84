package dev.assayer.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityLog;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 4 §1: audit firms as tenants, engagement grants, and what an auditor inside a client may see and do. */
class AuditFirmAccessTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired EvidenceService evidence;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    TestOrg client;
    TestFirm firm;
    Engagement audited;
    Engagement other;

    @BeforeEach
    void setUp() {
        client = TestOrg.create(identity);
        firm = TestFirm.create(identity);
        audited = engagements.create(client.admin(), type2("SOC 2 Type II current", START, START.plusMonths(6).minusDays(1)));
        other = engagements.create(client.admin(), type2("SOC 2 Type II previous", START.minusYears(1),
                START.minusMonths(6).minusDays(1)));
    }

    /** The audited period: six months that started five months ago (so access is still open). */
    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);

    static EngagementDraft type2(String name, LocalDate start, LocalDate end) {
        return new EngagementDraft(name, Framework.SOC2, ReportType.TYPE2, null, start, end, List.of(), null, null, null,
                null, null, null);
    }

    @Test
    void onlyTheClientAdminGrantsAndRevokes() throws Exception {
        for (Role role : TestOrg.ROLES) {
            var res = mvc.perform(post("/api/v1/engagements/{id}/grants", audited.id()).header("Authorization", client.bearer(role))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"firmId\": \"" + firm.id() + "\"}"));
            if (role == Role.ADMIN) {
                res.andExpect(status().isCreated()).andExpect(jsonPath("$.firmName").value(firm.name()))
                        .andExpect(jsonPath("$.accessUntil").value(
                                START.plusMonths(6).minusDays(1).plusDays(120).toString()));
            } else {
                res.andExpect(status().isForbidden());
            }
        }
        // a second active grant to the same firm is refused; another organization's admin gets 404
        mvc.perform(post("/api/v1/engagements/{id}/grants", audited.id()).header("Authorization", client.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"firmId\": \"" + firm.id() + "\"}"))
                .andExpect(status().isConflict());
        TestOrg stranger = TestOrg.create(identity);
        mvc.perform(post("/api/v1/engagements/{id}/grants", audited.id()).header("Authorization", stranger.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"firmId\": \"" + firm.id() + "\"}"))
                .andExpect(status().isNotFound());
        // a service organization is not an audit firm
        mvc.perform(post("/api/v1/engagements/{id}/grants", other.id()).header("Authorization", client.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("{\"firmId\": \"" + stranger.id() + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("firmId"));
        mvc.perform(get("/api/v1/engagements/{id}/grants", audited.id()).header("Authorization", client.bearer(Role.VIEWER)))
                .andExpect(status().isOk()).andExpect(jsonPath("$", Matchers.hasSize(1)));
    }

    @Test
    void theAuditorSeesOnlyTheGrantedEngagementAndTheEvidenceOfItsPeriod() throws Exception {
        EvidenceItem inPeriod = evidence.recordLink(client.admin(), EvidenceMetadata.of("Q1 access review",
                START.plusDays(40)), "https://example.test/q1");
        EvidenceItem before = evidence.recordLink(client.admin(), EvidenceMetadata.of("2025 access review",
                START.minusDays(100)), "https://example.test/2025");
        TestFirm.Inside inside = firm.inside(identity, access, client, audited.id());

        for (Role role : TestFirm.ROLES) {
            String bearer = inside.bearer(role);
            mvc.perform(get("/api/v1/engagements").header("Authorization", bearer))
                    .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", Matchers.contains(audited.id().toString())));
            mvc.perform(get("/api/v1/engagements/{id}", other.id()).header("Authorization", bearer))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/evidence/{id}", inPeriod.id()).header("Authorization", bearer))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/v1/evidence/{id}", before.id()).header("Authorization", bearer))
                    .andExpect(status().isNotFound());
            // client data is read-only for the firm, and the client's people and activity are not its business
            mvc.perform(post("/api/v1/engagements").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\": \"x\"}")).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/activity").header("Authorization", bearer)).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/users").header("Authorization", bearer)).andExpect(status().isForbidden());
        }
        CurrentUser staff = inside.user(Role.AUDIT_STAFF);
        assertThatThrownBy(() -> evidence.recordLink(staff, EvidenceMetadata.of("x", START.plusDays(3)),
                "https://example.test/x")).isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> evidence.withdraw(inside.user(Role.AUDIT_PARTNER), inPeriod.id(), "not mine"))
                .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).status()).isEqualTo(403);
    }

    @Test
    void revocationAndExpiryEndAccessAtOnceAndEverythingIsLogged() throws Exception {
        TestFirm.Inside inside = firm.inside(identity, access, client, audited.id());
        String bearer = inside.bearer(Role.AUDIT_MANAGER);
        mvc.perform(get("/api/v1/engagements").header("Authorization", bearer)).andExpect(status().isOk());

        mvc.perform(post("/api/v1/engagements/{id}/grants/{g}/revoke", audited.id(), inside.grant().id())
                .header("Authorization", client.bearer(Role.ADMIN))).andExpect(status().isOk())
                .andExpect(jsonPath("$.revokedBy", Matchers.containsString(client.admin().email())));
        mvc.perform(get("/api/v1/engagements").header("Authorization", bearer)).andExpect(status().isUnauthorized());
        // a session inside the engagement falls back to the firm
        CurrentUser refreshed = identity.refresh(inside.user(Role.AUDIT_MANAGER)).orElseThrow();
        assertThat(refreshed.scope()).isNull();
        assertThat(refreshed.orgId()).isEqualTo(firm.id());
        assertThatThrownBy(() -> identity.openEngagement(firm.user(Role.AUDIT_MANAGER), inside.grant().id()))
                .isInstanceOf(ApiProblem.class);

        EngagementGrant again = access.grant(client.admin(), audited.id(), firm.id(), null, "re-engaged");
        TestFirm.Inside back = firm.enter(identity, again);
        jdbc.sql("UPDATE engagement_grant SET access_until = ? WHERE id = ?").params(LocalDate.now().minusDays(1), again.id())
                .update();
        mvc.perform(get("/api/v1/engagements").header("Authorization", back.bearer(Role.AUDIT_STAFF)))
                .andExpect(status().isUnauthorized());

        List<String> actions = jdbc.sql("SELECT action FROM activity_entry WHERE org_id = ? AND entity_type = 'engagement-grant' ORDER BY seq")
                .param(client.id()).query(String.class).list();
        assertThat(actions).containsSubsequence("granted", "opened", "revoked", "granted", "opened");
    }

    @Test
    void clientMembersCannotUseAGrantAndRolesStayOnTheirSide() {
        EngagementGrant grant = access.grant(client.admin(), audited.id(), firm.id(), null, null);
        assertThatThrownBy(() -> identity.openEngagement(client.admin(), grant.id())).isInstanceOf(ApiProblem.class)
                .extracting(e -> ((ApiProblem) e).status()).isEqualTo(404);
        // another firm cannot open this firm's grant
        TestFirm rival = TestFirm.create(identity);
        assertThatThrownBy(() -> identity.openEngagement(rival.user(Role.AUDIT_PARTNER), grant.id()))
                .isInstanceOf(ApiProblem.class);
        // firm roles are for firm members, client roles for client members
        assertThatThrownBy(() -> identity.invite(client.admin(), "x-" + UUID.randomUUID() + "@firm.test", "X", Role.AUDIT_STAFF))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("grant the firm access");
        assertThatThrownBy(() -> identity.invite(firm.user(Role.AUDIT_PARTNER), "y-" + UUID.randomUUID() + "@firm.test", "Y",
                Role.ADMIN)).isInstanceOf(ApiProblem.class).hasMessageContaining("audit partners, managers or staff");
        assertThat(access.grantsOfFirm(firm.user(Role.AUDIT_STAFF))).extracting(EngagementGrant::clientName)
                .containsExactly(client.name());
        assertThat(access.grantsOfFirm(rival.user(Role.AUDIT_STAFF))).isEmpty();
    }

    @Test
    void theFirmDashboardListsGrantsAndOpensOne() throws Exception {
        access.grant(client.admin(), audited.id(), firm.id(), null, null);
        mvc.perform(get("/api/v1/firm/grants").header("Authorization", "Bearer "
                + identity.issueToken(firm.user(Role.AUDIT_STAFF), "t").token()))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].engagementName").value(audited.name()))
                .andExpect(jsonPath("$[0].clientName").value(client.name()));
        mvc.perform(get("/firm").with(dev.assayer.testing.SignedIn.as(firm.user(Role.AUDIT_STAFF))))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString(audited.name())));
        mvc.perform(get("/firm").with(dev.assayer.testing.SignedIn.as(client.admin()))).andExpect(status().isForbidden());
    }
}
