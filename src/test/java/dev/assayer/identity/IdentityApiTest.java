package dev.assayer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class IdentityApiTest extends IntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;

    TestOrg a;
    TestOrg b;

    @BeforeEach
    void setUp() {
        a = TestOrg.create(identity);
        b = TestOrg.create(identity);
    }

    private String tokenRequest(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void passwordExchangeIssuesATokenThatWorksAndIsStoredOnlyAsAHash() throws Exception {
        String email = a.user(Role.VIEWER).email();
        String body = mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                        .content(tokenRequest(email, TestOrg.PASSWORD)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token").value(Matchers.startsWith("asy_")))
                .andReturn().getResponse().getContentAsString();
        String token = JsonPath.read(body, "$.token");
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.role").value("VIEWER"))
                .andExpect(jsonPath("$.organizationId").value(a.id().toString()));
        long plain = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ? OR prefix = ?").params(token, token)
                .query(Long.class).single();
        assertThat(plain).isZero();
    }

    @Test
    void wrongPasswordIs401AndRepeatedFailuresLockTheAccount() throws Exception {
        String email = a.user(Role.CONTROL_OWNER).email();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                            .content(tokenRequest(email, "not the password")))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        }
        // locked now: even the right password is refused until the backoff has passed
        mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                        .content(tokenRequest(email, TestOrg.PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("locked")));
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"x@y.z\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("password"));
        mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON).content("{\"email\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void tokenCanBeScopedToANamedOrganization() throws Exception {
        // the admin of A also becomes a viewer in B
        identity.addMemberWithPassword(b.id(), a.admin().email(), a.admin().name(), Role.VIEWER, null);
        String body = mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + a.admin().email() + "\",\"password\":\"" + TestOrg.PASSWORD
                                + "\",\"organization\":\"" + b.name() + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String token = JsonPath.read(body, "$.token");
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(jsonPath("$.organizationId").value(b.id().toString()))
                .andExpect(jsonPath("$.role").value("VIEWER"));
    }

    @Test
    void revokedTokenStopsWorking() throws Exception {
        IssuedToken t = identity.issueToken(a.user(Role.AUDITOR), "ci");
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + t.token())).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/auth/tokens/" + t.id()).header("Authorization", "Bearer " + t.token()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + t.token()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void nobodyRevokesSomeoneElsesToken() throws Exception {
        IssuedToken t = identity.issueToken(a.user(Role.AUDITOR), "ci");
        mvc.perform(delete("/api/v1/auth/tokens/" + t.id()).header("Authorization", a.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/auth/tokens/" + t.id()).header("Authorization", b.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + t.token())).andExpect(status().isOk());
    }

    @Test
    void unknownOrMissingTokenIs401() throws Exception {
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer asy_nope")).andExpect(status().isUnauthorized());
    }

    @Test
    void userEndpointsFollowTheRoleMatrix() throws Exception {
        for (Role role : TestOrg.ROLES) {
            mvc.perform(get("/api/v1/users").header("Authorization", a.bearer(role)))
                    .andExpect(status().is(role.can(Permission.USER_READ) ? 200 : 403));
            String email = "new-" + role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.test";
            mvc.perform(post("/api/v1/users").header("Authorization", a.bearer(role)).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"email\":\"" + email + "\",\"name\":\"New Person\",\"role\":\"viewer\"}"))
                    .andExpect(status().is(role.can(Permission.USER_MANAGE) ? 201 : 403));
            var viewer = identity.member(a.id(), a.user(Role.VIEWER).userId()).orElseThrow();
            mvc.perform(put("/api/v1/users/" + viewer.userId()).header("Authorization", a.bearer(role))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"role\":\"VIEWER\",\"version\":" + viewer.version() + "}"))
                    .andExpect(status().is(role.can(Permission.USER_MANAGE) ? 200 : 403));
        }
    }

    @Test
    void invitationReturnsAOneTimeLinkAndTheListShowsTheMember() throws Exception {
        String body = mvc.perform(post("/api/v1/users").header("Authorization", a.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"Invitee@Example.test\",\"name\":\"Invitee\",\"role\":\"control owner\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.member.email").value("invitee@example.test"))
                .andExpect(jsonPath("$.member.role").value("CONTROL_OWNER"))
                .andExpect(jsonPath("$.member.active").value(false))
                .andReturn().getResponse().getContentAsString();
        String path = JsonPath.read(body, "$.invitePath");
        String token = path.substring(path.indexOf("token=") + 6);
        identity.acceptInvitation(token, "a long enough password");
        assertThat(identity.signIn("invitee@example.test", "a long enough password", null).role())
                .isEqualTo(Role.CONTROL_OWNER);
        assertThat(identity.linkValid(token, "INVITE")).isFalse();
    }

    @Test
    void badRoleAndDuplicateMemberAreClear() throws Exception {
        mvc.perform(post("/api/v1/users").header("Authorization", a.bearer(Role.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"z@example.test\",\"name\":\"Z\",\"role\":\"overlord\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("role"));
        mvc.perform(post("/api/v1/users").header("Authorization", a.bearer(Role.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + a.user(Role.VIEWER).email() + "\",\"name\":\"V\",\"role\":\"viewer\"}"))
                .andExpect(status().isConflict());
    }

    @Test
    void anotherOrganizationsMembersAreInvisibleAndUntouchable() throws Exception {
        UUID bViewer = b.user(Role.VIEWER).userId();
        mvc.perform(get("/api/v1/users").header("Authorization", a.bearer(Role.ADMIN)))
                .andExpect(jsonPath("$[*].userId", Matchers.not(Matchers.hasItem(bViewer.toString()))));
        mvc.perform(put("/api/v1/users/" + bViewer).header("Authorization", a.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"ADMIN\",\"version\":0}"))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/users/" + bViewer).header("Authorization", a.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        assertThat(identity.member(b.id(), bViewer).orElseThrow().role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void staleRoleChangeIsAConflictAndTheLastAdminStays() throws Exception {
        var viewer = identity.member(a.id(), a.user(Role.VIEWER).userId()).orElseThrow();
        identity.changeRole(a.admin(), viewer.userId(), Role.AUDITOR, viewer.version());
        mvc.perform(put("/api/v1/users/" + viewer.userId()).header("Authorization", a.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"role\":\"VIEWER\",\"version\":" + viewer.version() + "}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        mvc.perform(delete("/api/v1/users/" + a.admin().userId()).header("Authorization", a.bearer(Role.ADMIN)))
                .andExpect(status().isConflict());
    }

    @Test
    void removedMemberLosesApiAccessAtOnce() throws Exception {
        mvc.perform(delete("/api/v1/users/" + a.user(Role.AUDITOR).userId()).header("Authorization", a.bearer(Role.ADMIN)))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").header("Authorization", a.bearer(Role.AUDITOR)))
                .andExpect(status().isUnauthorized());
    }
}
