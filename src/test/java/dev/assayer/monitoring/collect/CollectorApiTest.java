package dev.assayer.monitoring.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.CollectorRun;
import dev.assayer.monitoring.CollectorRunStatus;
import dev.assayer.monitoring.CollectorService;
import dev.assayer.shared.crypto.SecretBox;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The collectors' API end to end: roles, tenant isolation, optimistic locking, write-only secrets
 * sealed at rest, collections against a recorded GitHub (WireMock) through the monitoring import,
 * failures recorded with their reason, and the schedule.
 */
@ExtendWith(OutputCaptureExtension.class)
class CollectorApiTest extends IntegrationTest {

    static final String TOKEN = "github_pat_11AAAAAAA0zZyYxXwW_9876543210qwertyuiopasdfghjkl";
    static WireMockServer wm;

    @Autowired IdentityService identity;
    @Autowired CollectorService collectors;
    @Autowired SecretBox box;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;
    TestOrg rival;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        acme = TestOrg.create(identity);
        rival = TestOrg.create(identity);
    }

    /** Collectors left enabled would be collected by a later scheduler call against a stopped server. */
    @AfterEach
    void disableCollectors() {
        jdbc.sql("UPDATE collector SET enabled = FALSE WHERE org_id IN (?, ?)").params(acme.id(), rival.id()).update();
    }

    static String base() {
        return "http://localhost:" + wm.port();
    }

    static String github(String name, boolean enabled) {
        return """
                {"kind": "github", "name": "%s", "settings": {"apiUrl": "%s", "organization": "acme"},
                 "secrets": {"token": "%s"}, "intervalHours": 12, "enabled": %s}""".formatted(name, base(), TOKEN, enabled);
    }

    ResultActions call(TestOrg o, Role role, HttpMethod method, String url, String body) throws Exception {
        var b = request(method, url).header("Authorization", o.bearer(role));
        if (body != null) {
            b.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(b);
    }

    JsonNode create(TestOrg o, String body) throws Exception {
        String res = call(o, Role.ADMIN, HttpMethod.POST, "/api/v1/monitoring/collectors", body)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(res).doesNotContain(TOKEN);
        return json.readTree(res);
    }

    /** A recorded GitHub organization: one repository, protected, with one pull request merged two days ago. */
    void stubGithub() {
        String merged = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(200).withBody("""
                [{"id": 1, "name": "api", "full_name": "acme/api", "owner": {"login": "acme"}, "private": true,
                  "visibility": "private", "archived": false, "default_branch": "main", "pushed_at": "%s"}]"""
                .formatted(merged))));
        wm.stubFor(get(urlPathEqualTo("/repos/acme/api/branches/main/protection")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Branch not protected\",\"status\":\"404\"}")));
        wm.stubFor(get(urlPathEqualTo("/repos/acme/api/pulls")).willReturn(aResponse().withStatus(200).withBody("""
                [{"number": 7, "state": "closed", "title": "Fix rounding", "user": {"login": "dev-alice"},
                  "created_at": "%1$s", "updated_at": "%1$s", "closed_at": "%1$s", "merged_at": "%1$s",
                  "merge_commit_sha": "abc123", "head": {"ref": "fix"},
                  "base": {"ref": "main", "repo": {"full_name": "acme/api", "default_branch": "main"}}}]"""
                .formatted(merged))));
        wm.stubFor(get(urlPathEqualTo("/repos/acme/api/pulls/7/reviews")).willReturn(aResponse().withStatus(200).withBody("""
                [{"id": 1, "user": {"login": "dev-bob"}, "state": "APPROVED", "submitted_at": "%s"}]""".formatted(merged))));
    }

    @Test
    void onlyMonitoringManagersConfigureAndReadCollectors() throws Exception {
        for (Role role : TestOrg.ROLES) {
            boolean allowed = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER;
            call(acme, role, HttpMethod.POST, "/api/v1/monitoring/collectors", github("gh-" + role.name().toLowerCase()
                    .replace('_', '-'), false)).andExpect(status().is(allowed ? 201 : 403));
            call(acme, role, HttpMethod.GET, "/api/v1/monitoring/collectors", null).andExpect(status().is(allowed ? 200 : 403));
            call(acme, role, HttpMethod.GET, "/api/v1/monitoring/collector-kinds", null)
                    .andExpect(status().is(allowed ? 200 : 403));
        }
        call(acme, Role.COMPLIANCE_MANAGER, HttpMethod.GET, "/api/v1/monitoring/collectors", null)
                .andExpect(jsonPath("$[*].name", Matchers.contains("gh-admin", "gh-compliance-manager")))
                .andExpect(jsonPath("$[0].kind").value("github"))
                .andExpect(jsonPath("$[0].settings.apiUrl").value(base()))
                .andExpect(jsonPath("$[0].settings.pullRequestDays").value("90"))
                .andExpect(jsonPath("$[0].secrets[0].field").value("token"))
                .andExpect(jsonPath("$[0].secrets[0].set").value(true))
                .andExpect(jsonPath("$[0].secrets[0].setBy").value(acme.admin().label()))
                .andExpect(jsonPath("$[0].secrets[0].value").doesNotExist());
        String id = create(acme, github("gh-main", false)).get("id").asString();
        for (Role role : List.of(Role.CONTROL_OWNER, Role.AUDITOR, Role.VIEWER)) {
            call(acme, role, HttpMethod.GET, "/api/v1/monitoring/collectors/" + id, null).andExpect(status().isForbidden());
            call(acme, role, HttpMethod.PUT, "/api/v1/monitoring/collectors/" + id, "{\"version\": 0}")
                    .andExpect(status().isForbidden());
            call(acme, role, HttpMethod.POST, "/api/v1/monitoring/collectors/" + id + "/runs", null)
                    .andExpect(status().isForbidden());
            call(acme, role, HttpMethod.GET, "/api/v1/monitoring/collectors/" + id + "/runs", null)
                    .andExpect(status().isForbidden());
        }
        wm.verify(0, getRequestedFor(urlPathMatching("/.*")));
        // the job resource: readable by the roles that manage monitoring only
        UUID runId = collectors.start(acme.admin(), UUID.fromString(id)).id();
        collectors.await(acme.admin(), UUID.fromString(id), runId);
        for (Role role : TestOrg.ROLES) {
            boolean allowed = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER;
            call(acme, role, HttpMethod.GET, "/api/v1/monitoring/collectors/" + id + "/runs/" + runId, null)
                    .andExpect(status().is(allowed ? 200 : 403));
        }
    }

    @Test
    void anotherOrganizationsCollectorIsNotFound() throws Exception {
        String id = create(acme, github("gh-main", false)).get("id").asString();
        String runId = collectors.start(acme.admin(), UUID.fromString(id)).id().toString();
        collectors.await(acme.admin(), UUID.fromString(id), UUID.fromString(runId));
        String url = "/api/v1/monitoring/collectors/" + id;
        call(rival, Role.ADMIN, HttpMethod.GET, url, null).andExpect(status().isNotFound());
        call(rival, Role.ADMIN, HttpMethod.PUT, url, github("stolen", true).replace("}", ", \"version\": 0}"))
                .andExpect(status().isNotFound());
        call(rival, Role.ADMIN, HttpMethod.PUT, url, "{}").andExpect(status().isNotFound());
        call(rival, Role.ADMIN, HttpMethod.POST, url + "/runs", null).andExpect(status().isNotFound());
        call(rival, Role.ADMIN, HttpMethod.GET, url + "/runs", null).andExpect(status().isNotFound());
        call(rival, Role.ADMIN, HttpMethod.GET, url + "/runs/" + runId, null).andExpect(status().isNotFound());
        call(rival, Role.ADMIN, HttpMethod.GET, "/api/v1/monitoring/collectors", null).andExpect(jsonPath("$").isEmpty());
        call(acme, Role.ADMIN, HttpMethod.GET, url, null).andExpect(jsonPath("$.name").value("gh-main"));
    }

    @Test
    void theTokenIsSealedAtRestAndNeverReturned() throws Exception {
        JsonNode c = create(acme, github("gh-main", false));
        UUID id = UUID.fromString(c.get("id").asString());
        String sealed = jdbc.sql("SELECT sealed FROM collector_secret WHERE org_id = ? AND collector_id = ? AND field = 'token'")
                .params(acme.id(), id).query(String.class).single();
        assertThat(sealed).startsWith("v1:").doesNotContain(TOKEN).doesNotContain(TOKEN.substring(10, 30));
        assertThat(box.openString(sealed, "collector:" + id + ":token")).isEqualTo(TOKEN);
        assertThatThrownBy(() -> box.openString(sealed, "collector:" + UUID.randomUUID() + ":token"))
                .isInstanceOf(SecretBox.SecretException.class);
        String settings = jdbc.sql("SELECT settings_json FROM collector WHERE id = ?").param(id).query(String.class).single();
        assertThat(settings).doesNotContain(TOKEN);
        List<String> logged = jdbc.sql("SELECT COALESCE(before_json, '') || COALESCE(after_json, '') FROM activity_entry "
                + "WHERE org_id = ? AND entity_type = 'collector'").param(acme.id()).query(String.class).list();
        assertThat(logged).hasSize(1).allSatisfy(e -> assertThat(e).contains("gh-main").doesNotContain(TOKEN)
                .doesNotContain(sealed));
        String page = mvc.perform(request(HttpMethod.GET, "/api/v1/monitoring/collectors/" + id)
                .header("Authorization", acme.bearer(Role.ADMIN))).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain(TOKEN).doesNotContain(sealed);
    }

    @Test
    void editsKeepOrReplaceSecretsAndStaleVersionsConflict() throws Exception {
        JsonNode c = create(acme, github("gh-main", false));
        String url = "/api/v1/monitoring/collectors/" + c.get("id").asString();
        String sealedBefore = jdbc.sql("SELECT sealed FROM collector_secret WHERE org_id = ?").param(acme.id())
                .query(String.class).single();
        // a GET sent back as a PUT (the secrets' status list is ignored): keeps the token
        JsonNode got = json.readTree(call(acme, Role.ADMIN, HttpMethod.GET, url, null).andReturn().getResponse()
                .getContentAsString());
        ((tools.jackson.databind.node.ObjectNode) got).put("intervalHours", 6);
        call(acme, Role.COMPLIANCE_MANAGER, HttpMethod.PUT, url, json.writeValueAsString(got)).andExpect(status().isOk())
                .andExpect(jsonPath("$.intervalHours").value(6)).andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.secrets[0].setBy").value(acme.admin().label()));
        assertThat(jdbc.sql("SELECT sealed FROM collector_secret WHERE org_id = ?").param(acme.id()).query(String.class)
                .single()).isEqualTo(sealedBefore);
        // a new token replaces the stored one
        call(acme, Role.COMPLIANCE_MANAGER, HttpMethod.PUT, url, """
                {"name": "gh-main", "settings": {"apiUrl": "%s", "organization": "acme"}, "secrets": {"token": "ghp_rotated_0001"},
                 "version": 1}""".formatted(base())).andExpect(status().isOk())
                .andExpect(jsonPath("$.secrets[0].setBy").value(acme.user(Role.COMPLIANCE_MANAGER).label()))
                .andExpect(jsonPath("$.intervalHours").value(24));
        String sealedAfter = jdbc.sql("SELECT sealed FROM collector_secret WHERE org_id = ?").param(acme.id())
                .query(String.class).single();
        assertThat(sealedAfter).isNotEqualTo(sealedBefore).doesNotContain("ghp_rotated_0001");
        // stale version, kind change, unknown field: refused, nothing changed
        call(acme, Role.ADMIN, HttpMethod.PUT, url, "{\"name\": \"gh-x\", \"settings\": {\"organization\": \"acme\"}, "
                + "\"version\": 1}").andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].field").value("version"));
        call(acme, Role.ADMIN, HttpMethod.PUT, url, "{\"kind\": \"okta\", \"name\": \"gh-main\", \"version\": 2}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("kind"));
        call(acme, Role.ADMIN, HttpMethod.PUT, url, "{\"name\": \"gh-main\", \"settings\": {\"organization\": \"acme\", "
                        + "\"apiUrl\": \"http://github.example\"}, \"secrets\": {\"token\": \"\"}, \"version\": 2}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("settings.apiUrl", "secrets.token")));
        call(acme, Role.ADMIN, HttpMethod.PUT, url, "{\"name\": \"gh-main\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        call(acme, Role.ADMIN, HttpMethod.GET, url, null).andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.name").value("gh-main"));
        // names are unique in the organization
        call(acme, Role.ADMIN, HttpMethod.POST, "/api/v1/monitoring/collectors", github("gh-main", false))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("name"));
    }

    @Test
    void runNowCollectsThroughTheImportAndNeverLogsTheToken(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        List<String> loud = List.of("dev.assayer", "org.springframework.web", "org.springframework.jdbc", "jdk.internal.httpclient");
        loud.forEach(l -> logging.setLogLevel(l, LogLevel.TRACE));
        try {
            stubGithub();
            String id = create(acme, github("gh-main", false)).get("id").asString();
            String url = "/api/v1/monitoring/collectors/" + id;
            String started = call(acme, Role.COMPLIANCE_MANAGER, HttpMethod.POST, url + "/runs", null)
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value(Matchers.oneOf("QUEUED", "RUNNING", "SUCCEEDED")))
                    .andExpect(jsonPath("$.queuedAt").isNotEmpty())
                    .andReturn().getResponse().getHeader("Location");
            assertThat(started).matches("/api/v1/monitoring/collectors/" + id + "/runs/[0-9a-f-]{36}");
            UUID jobId = UUID.fromString(started.substring(started.lastIndexOf('/') + 1));
            collectors.await(acme.user(Role.COMPLIANCE_MANAGER), UUID.fromString(id), jobId);
            String run = call(acme, Role.COMPLIANCE_MANAGER, HttpMethod.GET, started, null)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("SUCCEEDED"))
                    .andExpect(jsonPath("$.startedAt").isNotEmpty())
                    .andExpect(jsonPath("$.finishedAt").isNotEmpty())
                    .andExpect(jsonPath("$.pagesFetched").value(4))
                    .andExpect(jsonPath("$.itemsFetched").value(3))
                    .andExpect(jsonPath("$.trigger").value("MANUAL"))
                    .andExpect(jsonPath("$.startedBy").value(acme.user(Role.COMPLIANCE_MANAGER).label()))
                    .andExpect(jsonPath("$.documentCount").value(3))
                    .andExpect(jsonPath("$.documents[*].format", Matchers.contains("github-repos",
                            "github-branch-protection", "github-pulls")))
                    .andExpect(jsonPath("$.documents[*].resources", Matchers.contains(1, 1, 1)))
                    .andExpect(jsonPath("$.documents[0].evidenceId").isNotEmpty())
                    .andExpect(jsonPath("$.errorMessage").doesNotExist())
                    .andReturn().getResponse().getContentAsString();
            assertThat(run).doesNotContain(TOKEN);
            wm.verify(4, getRequestedFor(urlPathMatching("/.*")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
            call(acme, Role.ADMIN, HttpMethod.GET, url + "/runs", null).andExpect(jsonPath("$[0].status").value("SUCCEEDED"))
                    .andExpect(jsonPath("$.length()").value(1));
            call(acme, Role.ADMIN, HttpMethod.GET, url, null).andExpect(jsonPath("$.lastRun.status").value("SUCCEEDED"));
            // the evidence carries the provenance of the collector
            String evidenceId = json.readTree(run).path("documents").get(0).path("evidenceId").asString();
            call(acme, Role.ADMIN, HttpMethod.GET, "/api/v1/evidence/" + evidenceId, null).andExpect(status().isOk())
                    .andExpect(jsonPath("$.sourceSystem").value("GitHub API"));
            List<String> logged = jdbc.sql("SELECT action FROM activity_entry WHERE org_id = ? AND entity_type = 'collector' "
                    + "ORDER BY seq").param(acme.id()).query(String.class).list();
            assertThat(logged).containsExactly("created", "collected");
        } finally {
            loud.forEach(l -> logging.setLogLevel(l, null));
        }
        assertThat(output.getAll()).isNotEmpty().doesNotContain(TOKEN);
    }

    @Test
    void badCredentialsFailTheRunWithTheReasonAndStoreNothing() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials\",\"status\":\"401\"}")));
        String id = create(acme, github("gh-main", false)).get("id").asString();
        String location = call(acme, Role.ADMIN, HttpMethod.POST, "/api/v1/monitoring/collectors/" + id + "/runs", null)
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
        collectors.await(acme.admin(), UUID.fromString(id), UUID.fromString(location.substring(location.lastIndexOf('/') + 1)));
        call(acme, Role.ADMIN, HttpMethod.GET, location, null)
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.documentCount").value(0))
                .andExpect(jsonPath("$.errorMessage").value(Matchers.allOf(
                        Matchers.startsWith("GitHub collector 'gh-main': GET " + base() + "/orgs/acme/repos"),
                        Matchers.containsString("HTTP 401 (Bad credentials)"),
                        Matchers.not(Matchers.containsString(TOKEN)))));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = ? AND source_system = 'GitHub API'")
                .param(acme.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT action FROM activity_entry WHERE org_id = ? AND entity_type = 'collector' ORDER BY seq")
                .param(acme.id()).query(String.class).list()).containsExactly("created", "collection-failed");
    }

    @Test
    void theScheduleCollectsWhatIsDueAsTheMemberWhoSavedIt() throws Exception {
        stubGithub();
        UUID due = UUID.fromString(create(acme, github("gh-due", true)).get("id").asString());
        UUID off = UUID.fromString(create(acme, github("gh-off", false)).get("id").asString());
        String cmBody = github("gh-cm", true);
        UUID orphan = UUID.fromString(json.readTree(call(acme, Role.COMPLIANCE_MANAGER, HttpMethod.POST,
                "/api/v1/monitoring/collectors", cmBody).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString()).get("id").asString());
        // the compliance manager who saved gh-cm becomes a viewer: the schedule may no longer act for them
        identity.changeRole(acme.admin(), acme.user(Role.COMPLIANCE_MANAGER).userId(), Role.VIEWER,
                identity.member(acme.id(), acme.user(Role.COMPLIANCE_MANAGER).userId()).orElseThrow().version());

        List<CollectorRun> first = collectors.collectDue().stream()
                .map(r -> collectors.await(acme.admin(), r.collectorId(), r.id())).toList();
        CollectorRun scheduled = first.stream().filter(r -> r.collectorId().equals(due)).findFirst().orElseThrow();
        assertThat(scheduled.trigger()).isEqualTo("SCHEDULE");
        assertThat(scheduled.status()).isEqualTo(CollectorRunStatus.SUCCEEDED);
        assertThat(scheduled.startedBy()).isEqualTo("Schedule (acting for " + acme.admin().label() + ")");
        assertThat(first).noneMatch(r -> r.collectorId().equals(off));
        CollectorRun refused = first.stream().filter(r -> r.collectorId().equals(orphan)).findFirst().orElseThrow();
        assertThat(refused.status()).isEqualTo(CollectorRunStatus.FAILED);
        assertThat(refused.errorMessage()).contains("no longer an active member allowed to manage monitoring");

        // not due again until the interval has passed
        List<CollectorRun> again = collectors.collectDue();
        again.forEach(r -> collectors.await(acme.admin(), r.collectorId(), r.id()));
        assertThat(again).noneMatch(r -> r.collectorId().equals(due));
        call(acme, Role.ADMIN, HttpMethod.GET, "/api/v1/monitoring/collectors/" + due, null)
                .andExpect(jsonPath("$.lastRun.trigger").value("SCHEDULE"))
                .andExpect(jsonPath("$.nextRunAt").value(Matchers.notNullValue()));
        assertThat(jdbc.sql("SELECT actor_label FROM activity_entry WHERE org_id = ? AND entity_type = 'collector' "
                + "AND entity_id = ? AND action = 'collected'").params(acme.id(), due.toString()).query(String.class).single())
                .isEqualTo("Scheduled collection (acting for " + acme.admin().label() + ")");
    }

    /** A job of the collector that is RUNNING, as a worker would have left it (holding the collector's lease). */
    UUID runningJob(UUID collectorId, Instant leaseUntil) {
        UUID job = UUID.randomUUID();
        java.time.OffsetDateTime at = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1);
        jdbc.sql("INSERT INTO collector_run (id, org_id, collector_id, run_trigger, started_by, queued_at, started_at, "
                        + "status, pages_fetched, items_fetched, phase, document_count, resource_count, documents_json) "
                        + "VALUES (?, ?, ?, 'MANUAL', 'probe', ?, ?, 'RUNNING', 12, 340, 'Reading pull requests', 0, 0, '[]')")
                .params(job, acme.id(), collectorId, at, at).update();
        jdbc.sql("UPDATE collector SET lease_until = ?, lease_run = ? WHERE id = ?")
                .params(java.time.OffsetDateTime.ofInstant(leaseUntil, java.time.ZoneOffset.UTC), job, collectorId).update();
        return job;
    }

    @Test
    void aSecondCollectionWhileOneIsActiveIsAConflictAndTheJobShowsItsProgress() throws Exception {
        UUID id = UUID.fromString(create(acme, github("gh-main", false)).get("id").asString());
        String url = "/api/v1/monitoring/collectors/" + id;
        UUID job = runningJob(id, Instant.now().plus(10, ChronoUnit.MINUTES));
        call(acme, Role.ADMIN, HttpMethod.GET, url + "/runs/" + job, null).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RUNNING"))
                .andExpect(jsonPath("$.pagesFetched").value(12))
                .andExpect(jsonPath("$.itemsFetched").value(340))
                .andExpect(jsonPath("$.phase").value("Reading pull requests"))
                .andExpect(jsonPath("$.finishedAt").doesNotExist());
        call(acme, Role.COMPLIANCE_MANAGER, HttpMethod.POST, url + "/runs", null).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.allOf(
                        Matchers.containsString("GitHub collector 'gh-main' is already collecting"),
                        Matchers.containsString("collection " + job + ", running since"),
                        Matchers.containsString("wait for it to finish"))));
        assertThat(collectors.collectDue()).noneMatch(r -> r.collectorId().equals(id));
        // another organization sees neither the job nor the conflict
        call(rival, Role.ADMIN, HttpMethod.GET, url + "/runs/" + job, null).andExpect(status().isNotFound());
        call(rival, Role.ADMIN, HttpMethod.POST, url + "/runs", null).andExpect(status().isNotFound());
        wm.verify(0, getRequestedFor(urlPathMatching("/.*")));
    }

    @Test
    void aJobLeftRunningByACrashIsMarkedFailedAtStartUpAndTheCollectorIsFreeAgain() throws Exception {
        stubGithub();
        UUID id = UUID.fromString(create(acme, github("gh-main", false)).get("id").asString());
        String url = "/api/v1/monitoring/collectors/" + id;
        UUID job = runningJob(id, Instant.now().plus(10, ChronoUnit.MINUTES));

        assertThat(collectors.recoverInterrupted()).isGreaterThanOrEqualTo(1);

        call(acme, Role.ADMIN, HttpMethod.GET, url + "/runs/" + job, null)
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.finishedAt").isNotEmpty())
                .andExpect(jsonPath("$.pagesFetched").value(12))
                .andExpect(jsonPath("$.errorMessage").value(Matchers.startsWith("interrupted by restart")));
        assertThat(jdbc.sql("SELECT actor_label FROM activity_entry WHERE org_id = ? AND entity_type = 'collector' "
                + "AND action = 'collection-failed'").param(acme.id()).query(String.class).list())
                .containsExactly("Server start-up");
        String location = call(acme, Role.ADMIN, HttpMethod.POST, url + "/runs", null).andExpect(status().isAccepted())
                .andReturn().getResponse().getHeader("Location");
        assertThat(collectors.await(acme.admin(), id, UUID.fromString(location.substring(location.lastIndexOf('/') + 1)))
                .status()).isEqualTo(CollectorRunStatus.SUCCEEDED);
    }

    @Test
    void aJobWhoseWorkerStoppedRenewingItsLeaseIsTakenOver() throws Exception {
        stubGithub();
        UUID id = UUID.fromString(create(acme, github("gh-main", false)).get("id").asString());
        UUID stale = runningJob(id, Instant.now().minus(1, ChronoUnit.MINUTES));
        CollectorRun fresh = collectors.start(acme.admin(), id);
        assertThat(collectors.await(acme.admin(), id, fresh.id()).status()).isEqualTo(CollectorRunStatus.SUCCEEDED);
        CollectorRun old = collectors.run(acme.admin(), id, stale);
        assertThat(old.status()).isEqualTo(CollectorRunStatus.FAILED);
        assertThat(old.errorMessage()).contains("stopped showing progress", "a new collection took over");
    }

    @Test
    void aJobsErrorNeverContainsTheTokenEvenWhenTheApiEchoesIt(CapturedOutput output) throws Exception {
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Bad credentials: " + TOKEN + "\",\"status\":\"401\"}")));
        UUID id = UUID.fromString(create(acme, github("gh-main", false)).get("id").asString());
        CollectorRun run = collectors.await(acme.admin(), id, collectors.start(acme.admin(), id).id());
        assertThat(run.status()).isEqualTo(CollectorRunStatus.FAILED);
        assertThat(run.errorMessage()).contains("HTTP 401 (Bad credentials: ••••)").doesNotContain(TOKEN);
        String body = call(acme, Role.ADMIN, HttpMethod.GET, "/api/v1/monitoring/collectors/" + id + "/runs", null)
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("Bad credentials").doesNotContain(TOKEN);
        assertThat(jdbc.sql("SELECT COALESCE(error_message, '') || COALESCE(phase, '') FROM collector_run WHERE org_id = ?")
                .param(acme.id()).query(String.class).list()).noneMatch(e -> e.contains(TOKEN));
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }
}
