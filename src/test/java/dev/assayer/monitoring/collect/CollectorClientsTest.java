package dev.assayer.monitoring.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assayer.monitoring.CollectorDraft;
import dev.assayer.monitoring.CollectorKind;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormats;
import dev.assayer.monitoring.internal.collect.CollectedDocument;
import dev.assayer.monitoring.internal.collect.CollectionException;
import dev.assayer.monitoring.internal.collect.CollectorRules;
import dev.assayer.monitoring.internal.collect.CollectorSettings;
import dev.assayer.monitoring.internal.collect.CollectorSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GitHub, Okta and AWS clients against recorded API answers (WireMock on a dynamic port, never
 * the network): pagination, facts that arrive as errors, rate limits, retries, bad credentials, the
 * credential in the right header and nowhere else, and documents the import formats read.
 */
class CollectorClientsTest {

    static final String GITHUB_TOKEN = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz";
    static final String OKTA_TOKEN = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_x";
    static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    static WireMockServer wm;

    final JsonMapper json = JsonMapper.builder().build();
    final List<Duration> waits = new ArrayList<>();
    final CollectorSources sources = new CollectorSources(Duration.ofMillis(500), Clock.fixed(NOW, ZoneOffset.UTC),
            waits::add);
    @TempDir Path dir;

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
    void reset() {
        wm.resetAll();
    }

    static String base() {
        return "http://localhost:" + wm.port();
    }

    static String fixture(String name) {
        try (InputStream in = CollectorClientsTest.class.getResourceAsStream("/monitoring/collect/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture(fixture));
    }

    static CollectorSettings settings(CollectorKind kind, Map<String, String> settings, Map<String, String> secrets) {
        return CollectorRules.validate(new CollectorDraft(kind, "probe", settings, secrets, null, null), Set.of())
                .settings();
    }

    List<Resource> read(CollectedDocument d) throws IOException {
        List<Resource> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(d.file())) {
            ResourceFormats.named(d.format()).orElseThrow().read(d.filename(), in, FormatOptions.at(NOW), out::add);
        }
        return out;
    }

    /** Every request WireMock saw, headers and body, as one text. */
    static String everythingSent() {
        StringBuilder all = new StringBuilder();
        for (ServeEvent e : wm.getAllServeEvents()) {
            all.append(e.getRequest().getUrl()).append('\n').append(e.getRequest().getHeaders()).append('\n')
                    .append(e.getRequest().getBodyAsString()).append('\n');
        }
        return all.toString();
    }

    // ------------------------------------------------------------------------------------- GitHub

    List<CollectedDocument> github(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("apiUrl", base(), "organization", "acme"));
        s.putAll(extra);
        Map<String, String> secrets = Map.of("token", GITHUB_TOKEN);
        return sources.collect(CollectorKind.GITHUB, "gh", settings(CollectorKind.GITHUB, s, secrets), secrets, dir);
    }

    void stubGithubOrg() {
        stubGithubOrg("");
    }

    /** The recorded organization, under {@code prefix} (GitHub Enterprise Server answers under /api/v3). */
    void stubGithubOrg(String prefix) {
        wm.stubFor(get(urlPathEqualTo(prefix + "/orgs/acme/repos")).withQueryParam("per_page", equalTo("100"))
                .willReturn(json(200, "github/repos-page1.json").withHeader("x-ratelimit-remaining", "4990")
                        .withHeader("x-ratelimit-reset", "1772330400")
                        .withHeader("Link", "<" + base() + prefix + "/organizations/1/repos?per_page=100&type=all&page=2>; "
                                + "rel=\"next\", <" + base() + prefix + "/organizations/1/repos?per_page=100&type=all&page=2>; "
                                + "rel=\"last\"")));
        wm.stubFor(get(urlPathEqualTo(prefix + "/organizations/1/repos")).withQueryParam("page", equalTo("2"))
                .willReturn(json(200, "github/repos-page2.json")));
        wm.stubFor(get(urlPathEqualTo(prefix + "/repos/acme/api/branches/main/protection"))
                .willReturn(json(200, "github/protection-api.json")));
        wm.stubFor(get(urlPathEqualTo(prefix + "/repos/acme/web/branches/main/protection"))
                .willReturn(json(404, "github/not-protected.json")));
        wm.stubFor(get(urlPathEqualTo(prefix + "/repos/acme/api/pulls")).withQueryParam("state", equalTo("closed"))
                .willReturn(json(200, "github/pulls-api.json")));
        wm.stubFor(get(urlPathEqualTo(prefix + "/repos/acme/web/pulls")).willReturn(aResponse().withStatus(200).withBody("[]")));
        wm.stubFor(get(urlPathEqualTo(prefix + "/repos/acme/api/pulls/42/reviews"))
                .willReturn(json(200, "github/reviews-42.json")));
    }

    @Test
    void githubRepositoriesAcrossPagesTheirProtectionAndMergedPullRequests() throws IOException {
        stubGithubOrg();
        List<CollectedDocument> docs = github(Map.of());

        assertThat(docs).extracting(CollectedDocument::format)
                .containsExactly("github-repos", "github-branch-protection", "github-pulls");
        assertThat(docs).extracting(CollectedDocument::items).containsExactly(3L, 2L, 1L);
        JsonNode protection = json.readTree(docs.get(1).file().toFile());
        assertThat(protection.path("acme/api:main").path("enforce_admins").path("enabled").asBoolean()).isTrue();
        assertThat(protection.path("acme/web:main").path("message").asString()).isEqualTo("Branch not protected");
        JsonNode pulls = json.readTree(docs.get(2).file().toFile());
        assertThat(pulls.get(0).path("number").asLong()).isEqualTo(42);
        assertThat(pulls.get(0).path("reviews")).hasSize(2);

        // the import formats read what the collector wrote
        assertThat(read(docs.get(0))).extracting(Resource::id)
                .containsExactly("acme/api", "acme/web", "acme/legacy-billing");
        assertThat(read(docs.get(1))).extracting(r -> r.id() + " " + r.attributes().get("protected"))
                .containsExactlyInAnyOrder("acme/api:main true", "acme/web:main false");
        assertThat(read(docs.get(2))).singleElement().satisfies(pr -> {
            assertThat(pr.id()).isEqualTo("acme/api#42");
            assertThat(pr.attributes()).containsEntry("approved_by_other", true);
        });

        // the token went in the Authorization header of every request; the archived repository was not read further
        wm.verify(7, getRequestedFor(urlPathMatching("/.*")).withHeader("Authorization", equalTo("Bearer " + GITHUB_TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        wm.verify(0, getRequestedFor(urlPathMatching("/repos/acme/legacy-billing/.*")));
        assertThat(waits).isEmpty();
    }

    @Test
    void githubRepositoryFilter() {
        stubGithubOrg();
        List<CollectedDocument> docs = github(Map.of("repositories", "we*, docs"));
        assertThat(docs).extracting(CollectedDocument::items).containsExactly(1L, 1L, 0L);
        wm.verify(0, getRequestedFor(urlPathMatching("/repos/acme/api/.*")));
    }

    @Test
    void githubRateLimitExhaustedStopsWithAClearError() {
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(json(403, "github/rate-limited.json")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", "1772330400")));
        assertThatThrownBy(() -> github(Map.of())).isInstanceOf(CollectionException.class)
                .hasMessageStartingWith("GitHub collector 'gh': GET " + base() + "/orgs/acme/repos")
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("rate limit is exhausted (5000 requests per hour; resets at 2026-03-01T02:00:00Z)")
                .hasMessageNotContaining(GITHUB_TOKEN);
        assertThat(waits).as("no retry against a spent budget").isEmpty();
        wm.verify(1, getRequestedFor(urlPathEqualTo("/orgs/acme/repos")));
    }

    @Test
    void githubStopsBeforeTheNextRequestWhenTheBudgetIsSpent() {
        stubGithubOrg();
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(json(200, "github/repos-page1.json")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1772330400")
                .withHeader("Link", "<" + base() + "/organizations/1/repos?page=2>; rel=\"next\"")));
        assertThatThrownBy(() -> github(Map.of())).isInstanceOf(CollectionException.class)
                .hasMessageContaining("rate limit is exhausted (resets at 2026-03-01T02:00:00Z)");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/organizations/1/repos")));
    }

    @Test
    void githubServerErrorThenSuccessIsRetriedWithBackoff() {
        stubGithubOrg();
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, "github/server-error.json")).willSetStateTo("recovered"));
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(json(200, "github/repos-page1.json")));
        List<CollectedDocument> docs = github(Map.of());
        assertThat(docs.getFirst().items()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(500));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/orgs/acme/repos")));
    }

    @Test
    void githubOutageGivesUpAfterBoundedRetries() {
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(502).withBody("Bad gateway")));
        assertThatThrownBy(() -> github(Map.of())).isInstanceOf(CollectionException.class)
                .hasMessageContaining("answered HTTP 502 after 4 attempts");
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void githubBadCredentialsNameTheCollectorAndTheStatus() {
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(json(401, "github/bad-credentials.json")));
        assertThatThrownBy(() -> github(Map.of())).isInstanceOf(CollectionException.class)
                .hasMessage("GitHub collector 'gh': GET " + base() + "/orgs/acme/repos?per_page=100&type=all answered "
                        + "HTTP 401 (Bad credentials). The token is invalid, expired or revoked: set a new one");
        assertThat(waits).isEmpty();
    }

    @Test
    void githubMissingAdministrationPermissionIsAnErrorNotAFact() {
        stubGithubOrg();
        wm.stubFor(get(urlPathEqualTo("/repos/acme/api/branches/main/protection")).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by personal access token\"}")));
        assertThatThrownBy(() -> github(Map.of())).isInstanceOf(CollectionException.class)
                .hasMessageContaining("HTTP 403 (Resource not accessible by personal access token)")
                .hasMessageContaining("Administration: read");
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() {
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(json(200, "github/repos-page1.json")
                .withHeader("Link", "<https://collector-trap.example/orgs/acme/repos?page=2>; rel=\"next\"")));
        assertThatThrownBy(() -> github(Map.of())).isInstanceOf(CollectionException.class)
                .hasMessageContaining("collector-trap.example").hasMessageContaining("refusing to send the credential");
    }

    // --------------------------------------------------------------------------------------- Okta

    List<CollectedDocument> okta() {
        Map<String, String> secrets = Map.of("apiToken", OKTA_TOKEN);
        return sources.collect(CollectorKind.OKTA, "okta", settings(CollectorKind.OKTA, Map.of("orgUrl", base()), secrets),
                secrets, dir);
    }

    void stubOkta() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/users")).atPriority(5).willReturn(json(200, "okta/users-page1.json")
                .withHeader("Link", "<" + base() + "/api/v1/users?limit=200>; rel=\"self\"")
                .withHeader("Link", "<" + base() + "/api/v1/users?after=00u1a2b3c4AbCdEfG5h6&limit=200>; rel=\"next\"")));
        wm.stubFor(get(urlPathEqualTo("/api/v1/users")).atPriority(1).withQueryParam("after", equalTo("00u1a2b3c4AbCdEfG5h6"))
                .willReturn(json(200, "okta/users-page2.json")));
        wm.stubFor(get(urlPathEqualTo("/api/v1/users")).atPriority(1)
                .withQueryParam("search", equalTo("status eq \"DEPROVISIONED\""))
                .willReturn(json(200, "okta/users-deprovisioned.json")));
        wm.stubFor(get(urlPathEqualTo("/api/v1/users/00u1a2b3c4AbCdEfG5h6/factors")).willReturn(json(200, "okta/factors-alice.json")));
        wm.stubFor(get(urlPathEqualTo("/api/v1/users/00u9z8y7x6WvUtSrQ5p4/factors")).willReturn(json(200, "okta/factors-none.json")));
        wm.stubFor(get(urlPathEqualTo("/api/v1/logs")).atPriority(5)
                .withQueryParam("since", equalTo("2026-02-22T00:00:00Z")).withQueryParam("until", equalTo("2026-03-01T00:00:00Z"))
                .willReturn(json(200, "okta/logs.json")
                        .withHeader("Link", "<" + base() + "/api/v1/logs?after=1772179200000_1&limit=1000>; rel=\"next\"")));
        wm.stubFor(get(urlPathEqualTo("/api/v1/logs")).atPriority(1).withQueryParam("after", equalTo("1772179200000_1"))
                .willReturn(aResponse().withStatus(200).withBody("[]")
                        .withHeader("Link", "<" + base() + "/api/v1/logs?after=1772179200000_1&limit=1000>; rel=\"next\"")));
    }

    @Test
    void oktaUsersOfEveryStatusWithFactorsAndTheSystemLog() throws IOException {
        stubOkta();
        List<CollectedDocument> docs = okta();
        assertThat(docs).extracting(CollectedDocument::format).containsExactly("okta-users", "okta-system-log");
        assertThat(docs).extracting(CollectedDocument::items).containsExactly(3L, 2L);
        List<Resource> users = read(docs.get(0));
        assertThat(users).extracting(r -> r.id() + " " + r.attributes().get("status") + " " + r.attributes().get("mfa_enrolled"))
                .containsExactly("00u1a2b3c4AbCdEfG5h6 ACTIVE true", "00u9z8y7x6WvUtSrQ5p4 SUSPENDED false",
                        "00u5m4n3b2LkJhGfD1s0 DEPROVISIONED null");
        assertThat(read(docs.get(1))).extracting(Resource::type).containsOnly("okta.event").hasSize(2);
        wm.verify(7, getRequestedFor(urlPathMatching("/api/v1/.*")).withHeader("Authorization", equalTo("SSWS " + OKTA_TOKEN)));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/users/00u5m4n3b2LkJhGfD1s0/factors")));
    }

    @Test
    void oktaInvalidToken() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(json(401, "okta/invalid-token.json")));
        assertThatThrownBy(this::okta).isInstanceOf(CollectionException.class)
                .hasMessageStartingWith("Okta collector 'okta': GET " + base() + "/api/v1/users?limit=200 answered HTTP 401 "
                        + "(Invalid token provided). The API token is invalid")
                .hasMessageNotContaining(OKTA_TOKEN);
    }

    @Test
    void oktaRateLimitWaitsForAResetThatIsNearAndStopsWhenItIsFar() {
        stubOkta();
        long soon = NOW.plusSeconds(5).getEpochSecond();
        wm.stubFor(get(urlPathEqualTo("/api/v1/users/00u1a2b3c4AbCdEfG5h6/factors")).inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(429, "okta/rate-limited.json")
                        .withHeader("X-Rate-Limit-Remaining", "0").withHeader("X-Rate-Limit-Reset", String.valueOf(soon)))
                .willSetStateTo("reset"));
        wm.stubFor(get(urlPathEqualTo("/api/v1/users/00u1a2b3c4AbCdEfG5h6/factors")).inScenario("limit")
                .whenScenarioStateIs("reset").willReturn(json(200, "okta/factors-alice.json")));
        assertThat(okta()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(6));

        wm.stubFor(get(urlPathEqualTo("/api/v1/users/00u1a2b3c4AbCdEfG5h6/factors")).willReturn(json(429, "okta/rate-limited.json")
                .withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", String.valueOf(NOW.plusSeconds(3600).getEpochSecond()))));
        assertThatThrownBy(this::okta).isInstanceOf(CollectionException.class)
                .hasMessageContaining("HTTP 429: the Okta rate limit of this endpoint is exhausted (resets at 2026-03-01T01:00:00Z)");
    }

    // ---------------------------------------------------------------------------------------- AWS

    List<CollectedDocument> aws(String resourceTypes) {
        Map<String, String> secrets = Map.of("accessKeyId", AWS_KEY_ID, "secretAccessKey", AWS_SECRET);
        return sources.collect(CollectorKind.AWS, "aws", settings(CollectorKind.AWS, Map.of("region", "eu-west-1",
                "resourceTypes", resourceTypes, "iamEndpoint", base() + "/iam", "configEndpoint", base() + "/config"), secrets),
                secrets, dir);
    }

    static ResponseDefinitionBuilder xml(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(fixture(fixture));
    }

    void stubAws() {
        wm.stubFor(post(urlPathEqualTo("/iam/")).withRequestBody(containing("Action=GenerateCredentialReport"))
                .inScenario("report").whenScenarioStateIs(Scenario.STARTED).willReturn(xml(200, "aws/generate-started.xml"))
                .willSetStateTo("generated"));
        wm.stubFor(post(urlPathEqualTo("/iam/")).withRequestBody(containing("Action=GenerateCredentialReport"))
                .inScenario("report").whenScenarioStateIs("generated").willReturn(xml(200, "aws/generate-complete.xml")));
        wm.stubFor(post(urlPathEqualTo("/iam/")).withRequestBody(containing("Action=GetCredentialReport"))
                .willReturn(xml(200, "aws/get-report.xml")));
        wm.stubFor(post(urlPathEqualTo("/config/")).atPriority(5)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources"))
                .willReturn(json(200, "aws/config-list-empty.json")));
        wm.stubFor(post(urlPathEqualTo("/config/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources"))
                .withRequestBody(containing("AWS::S3::Bucket")).willReturn(json(200, "aws/config-list-buckets.json")));
        wm.stubFor(post(urlPathEqualTo("/config/")).withHeader("X-Amz-Target", equalTo("StarlingDoveService.BatchGetResourceConfig"))
                .willReturn(json(200, "aws/config-batch-buckets.json")));
    }

    @Test
    void awsCredentialReportAndConfigurationItemsSignedWithSigV4() throws IOException {
        stubAws();
        List<CollectedDocument> docs = aws("AWS::S3::Bucket, AWS::KMS::Key");
        assertThat(docs).extracting(CollectedDocument::format).containsExactly("aws-iam-credential-report", "aws-config-items");
        assertThat(Files.readString(docs.get(0).file())).isEqualTo(fixture("aws/credential-report.csv"));
        assertThat(waits).as("one wait while IAM generated the report").containsExactly(Duration.ofMillis(500));
        JsonNode items = json.readTree(docs.get(1).file().toFile()).path("configurationItems");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("ARN").asString()).isEqualTo("arn:aws:s3:::acme-logs");
        assertThat(items.get(0).path("configurationItemCaptureTime").asString()).isEqualTo("2026-03-01T00:00:00.123Z");
        assertThat(items.get(0).path("supplementaryConfiguration").path("PublicAccessBlockConfiguration")
                .path("blockPublicAcls").asBoolean()).isTrue();

        assertThat(read(docs.get(0))).extracting(Resource::type)
                .containsExactly("aws.iam.root_account", "aws.iam.user", "aws.iam.user");
        assertThat(read(docs.get(1))).extracting(r -> r.type() + " " + r.id())
                .containsExactly("aws.s3.bucket arn:aws:s3:::acme-logs", "aws.s3.bucket arn:aws:s3:::acme-public-site");

        wm.verify(3, postRequestedFor(urlPathEqualTo("/iam/")).withHeader("Authorization", matching(
                "AWS4-HMAC-SHA256 Credential=" + AWS_KEY_ID + "/20260301/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}"))
                .withHeader("X-Amz-Date", equalTo("20260301T000000Z")));
        wm.verify(3, postRequestedFor(urlPathEqualTo("/config/")).withHeader("Authorization", matching(
                "AWS4-HMAC-SHA256 Credential=" + AWS_KEY_ID + "/20260301/eu-west-1/config/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}")));
        assertThat(everythingSent()).as("the secret access key never travels").doesNotContain(AWS_SECRET);
    }

    @Test
    void awsInvalidKeyNamesTheErrorCodeAndWhatToDo() {
        wm.stubFor(post(urlPathEqualTo("/iam/")).willReturn(xml(403, "aws/invalid-token.xml")));
        assertThatThrownBy(() -> aws("AWS::S3::Bucket")).isInstanceOf(CollectionException.class)
                .hasMessage("AWS collector 'aws': POST " + base() + "/iam/ answered HTTP 403 (InvalidClientTokenId: The "
                        + "security token included in the request is invalid.). The access key is invalid, expired, or does "
                        + "not match the secret: set the credentials again");
    }

    @Test
    void awsConfigErrorsAndThrottling() {
        stubAws();
        wm.stubFor(post(urlPathEqualTo("/config/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources"))
                .withRequestBody(containing("AWS::S3::Bucket")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("calm"));
        wm.stubFor(post(urlPathEqualTo("/config/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources"))
                .withRequestBody(containing("AWS::S3::Bucket")).inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(json(400, "aws/config-unrecognized.json")));
        assertThatThrownBy(() -> aws("AWS::S3::Bucket")).isInstanceOf(CollectionException.class)
                .hasMessageContaining("answered HTTP 400 after 2 attempts (ListDiscoveredResources UnrecognizedClientException: "
                        + "The security token included in the request is invalid.)")
                .hasMessageContaining("set the credentials again");
    }

    // ------------------------------------------------------------ GitHub users, Enterprise Server, limits

    @Test
    void githubEnterpriseServerIsReadUnderItsApiPath() {
        stubGithubOrg("/api/v3");
        List<CollectedDocument> docs = sources.collect(CollectorKind.GITHUB, "ghe", settings(CollectorKind.GITHUB,
                Map.of("apiUrl", base() + "/api/v3/", "organization", "acme"), Map.of("token", GITHUB_TOKEN)),
                Map.of("token", GITHUB_TOKEN), dir);
        assertThat(docs).extracting(CollectedDocument::items).containsExactly(3L, 2L, 1L);
        wm.verify(7, getRequestedFor(urlPathMatching("/api/v3/.*")).withHeader("Authorization",
                equalTo("Bearer " + GITHUB_TOKEN)));
        wm.verify(0, getRequestedFor(urlPathMatching("/(orgs|repos|organizations)/.*")));
    }

    @Test
    void githubUserAccountOfTheTokensOwnerIncludesPrivateRepositories() throws IOException {
        stubGithubOrg();
        wm.stubFor(get(urlPathEqualTo("/user")).willReturn(json(200, "github/user-octo.json")));
        wm.stubFor(get(urlPathEqualTo("/user/repos")).withQueryParam("affiliation", equalTo("owner"))
                .withQueryParam("visibility", equalTo("all")).willReturn(json(200, "github/repos-page1.json")));
        List<CollectedDocument> docs = github(Map.of("organization", "", "user", "Octo"));
        assertThat(read(docs.get(0))).extracting(Resource::id).containsExactly("acme/api", "acme/web");
        wm.verify(0, getRequestedFor(urlPathMatching("/(orgs|users)/.*")));
    }

    @Test
    void githubUserAccountOfSomeoneElseListsTheirPublicRepositories() {
        stubGithubOrg();
        wm.stubFor(get(urlPathEqualTo("/user")).willReturn(json(200, "github/user-octo.json")));
        wm.stubFor(get(urlPathEqualTo("/users/hubot/repos")).withQueryParam("type", equalTo("owner"))
                .willReturn(json(200, "github/repos-page2.json")));
        List<CollectedDocument> docs = github(Map.of("organization", "", "user", "hubot"));
        assertThat(docs.getFirst().items()).isEqualTo(1);
        wm.verify(0, getRequestedFor(urlPathEqualTo("/user/repos")));
        wm.stubFor(get(urlPathEqualTo("/users/hubot/repos")).willReturn(json(404, "github/bad-credentials.json")
                .withBody("{\"message\":\"Not Found\"}")));
        assertThatThrownBy(() -> github(Map.of("organization", "", "user", "hubot")))
                .isInstanceOf(CollectionException.class).hasMessageContaining("Is the user 'hubot' spelled right?");
    }

    @Test
    void githubSecondaryRateLimitIsWaitedOutAsRetryAfterSays() {
        stubGithubOrg();
        wm.stubFor(get(urlPathEqualTo("/repos/acme/api/pulls")).inScenario("secondary").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(403, "github/secondary-limit.json").withHeader("retry-after", "45")
                        .withHeader("x-ratelimit-remaining", "4000"))
                .willSetStateTo("calm"));
        wm.stubFor(get(urlPathEqualTo("/repos/acme/api/pulls")).inScenario("secondary").whenScenarioStateIs("calm")
                .willReturn(json(200, "github/pulls-api.json")));
        assertThat(github(Map.of()).get(2).items()).isEqualTo(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(15));
        // without retry-after GitHub asks for at least a minute
        waits.clear();
        wm.resetScenarios();
        wm.stubFor(get(urlPathEqualTo("/repos/acme/api/pulls")).inScenario("secondary").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(403, "github/secondary-limit.json")).willSetStateTo("calm"));
        assertThat(github(Map.of()).get(2).items()).isEqualTo(1);
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void githubWaitsForTheHourlyBudgetWhenItResetsSoon() {
        stubGithubOrg();
        long soon = NOW.plusSeconds(100).getEpochSecond();
        wm.stubFor(get(urlPathEqualTo("/orgs/acme/repos")).willReturn(json(200, "github/repos-page1.json")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", String.valueOf(soon))));
        assertThat(github(Map.of()).getFirst().items()).isEqualTo(2);
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(101));
    }

    /** Records what a collection reports. */
    static final class Recorder implements dev.assayer.monitoring.internal.collect.CollectionProgress {
        long pages;
        long items;
        final List<String> phases = new ArrayList<>();

        @Override
        public void page() {
            pages++;
        }

        @Override
        public void items(long n) {
            items += n;
        }

        @Override
        public void phase(String text) {
            phases.add(text);
        }
    }

    @Test
    void oktaKeepsAReserveOfEachEndpointsBudgetAndReportsProgress() {
        stubOkta();
        long reset = NOW.plusSeconds(40).getEpochSecond();
        wm.stubFor(get(urlPathEqualTo("/api/v1/users/00u1a2b3c4AbCdEfG5h6/factors")).willReturn(json(200,
                "okta/factors-alice.json").withHeader("X-Rate-Limit-Limit", "100").withHeader("X-Rate-Limit-Remaining", "9")
                .withHeader("X-Rate-Limit-Reset", String.valueOf(reset))));
        Recorder progress = new Recorder();
        Map<String, String> secrets = Map.of("apiToken", OKTA_TOKEN);
        List<CollectedDocument> docs = sources.collect(CollectorKind.OKTA, "okta", settings(CollectorKind.OKTA,
                Map.of("orgUrl", base()), secrets), secrets, dir, progress);
        assertThat(docs).extracting(CollectedDocument::items).containsExactly(3L, 2L);
        // 9 of 100 left is below the tenth kept for other integrations: wait for the reset before the next factors call
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(11));
        assertThat(progress.pages).isEqualTo(7);
        assertThat(progress.items).isEqualTo(5);
        assertThat(progress.phases).anyMatch(p -> p.startsWith("Reading users and their enrolled factors"))
                .anyMatch(p -> p.startsWith("Waiting 41 s for the Okta rate limit of this endpoint is down to the share "
                        + "left for other integrations (9 of 100 requests left"))
                .anyMatch(p -> p.startsWith("Reading the System Log"))
                .noneMatch(p -> p.contains(OKTA_TOKEN));
    }

    @Test
    void oktaRetryAfterWithoutAResetHeader() {
        stubOkta();
        wm.stubFor(get(urlPathEqualTo("/api/v1/logs")).atPriority(3).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "okta/rate-limited.json").withHeader("Retry-After", "20")).willSetStateTo("ok"));
        assertThat(okta()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(20));
    }

    // ---------------------------------------------------------------- AWS: regions, assumed roles

    static final String ROLE = "arn:aws:iam::111122223333:role/AssayerReadOnly";
    static final String TEMP_KEY_ID = "ASIAJEXAMPLEXEG2JICEA";
    static final String TEMP_SECRET = "9drTJvcXLB89EXAMPLELB8923FB892xMFI/TEMPORARY";
    static final String TEMP_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    List<CollectedDocument> awsAssumed(String regions, String resourceTypes) {
        Map<String, String> secrets = Map.of("accessKeyId", AWS_KEY_ID, "secretAccessKey", AWS_SECRET);
        return sources.collect(CollectorKind.AWS, "aws", settings(CollectorKind.AWS, Map.of("regions", regions,
                "resourceTypes", resourceTypes, "roleArns", ROLE, "externalId", "assayer-7f3a9c",
                "iamEndpoint", base() + "/iam", "configEndpoint", base() + "/config/{region}",
                "stsEndpoint", base() + "/sts/{region}"), secrets), secrets, dir);
    }

    void stubRegions() {
        stubAws();
        wm.stubFor(post(urlPathEqualTo("/sts/eu-west-1/")).withRequestBody(containing("Action=AssumeRole"))
                .willReturn(xml(200, "aws/assume-role.xml")));
        for (String region : List.of("eu-west-1", "us-east-1")) {
            String path = "/config/" + region + "/";
            wm.stubFor(post(urlPathEqualTo(path)).atPriority(5)
                    .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources"))
                    .willReturn(json(200, "aws/config-list-empty.json")));
        }
        wm.stubFor(post(urlPathEqualTo("/config/eu-west-1/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources"))
                .withRequestBody(containing("AWS::S3::Bucket")).willReturn(json(200, "aws/config-list-buckets.json")));
        wm.stubFor(post(urlPathEqualTo("/config/eu-west-1/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources"))
                .withRequestBody(containing("AWS::IAM::Role")).willReturn(json(200, "aws/config-list-roles.json")));
        wm.stubFor(post(urlPathEqualTo("/config/us-east-1/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources"))
                .withRequestBody(containing("AWS::EC2::Volume")).willReturn(json(200, "aws/config-list-volumes-us-east-1.json")));
        wm.stubFor(post(urlPathEqualTo("/config/eu-west-1/")).atPriority(3)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.BatchGetResourceConfig"))
                .willReturn(json(200, "aws/config-batch-buckets.json")));
        wm.stubFor(post(urlPathEqualTo("/config/eu-west-1/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.BatchGetResourceConfig"))
                .withRequestBody(containing("AWS::IAM::Role")).willReturn(json(200, "aws/config-batch-role.json")));
        wm.stubFor(post(urlPathEqualTo("/config/us-east-1/"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.BatchGetResourceConfig"))
                .willReturn(json(200, "aws/config-batch-volume-us-east-1.json")));
    }

    @Test
    void awsAssumesTheRoleAndReadsEveryRegionWithGlobalResourcesOnce() throws IOException {
        stubRegions();
        List<CollectedDocument> docs = awsAssumed("eu-west-1, us-east-1", "AWS::S3::Bucket, AWS::EC2::Volume, AWS::IAM::Role");

        assertThat(docs).extracting(CollectedDocument::format).containsExactly("aws-iam-credential-report", "aws-config-items");
        assertThat(docs).extracting(CollectedDocument::scope).containsOnly("111122223333");
        assertThat(docs.get(0).filename()).isEqualTo("aws-111122223333-aws-iam-credential-report.csv");
        assertThat(read(docs.get(1))).extracting(r -> r.type() + " " + r.id()).containsExactlyInAnyOrder(
                "aws.s3.bucket arn:aws:s3:::acme-logs", "aws.s3.bucket arn:aws:s3:::acme-public-site",
                "aws.ec2.volume arn:aws:ec2:us-east-1:111122223333:volume/vol-0a1b2c3d4e5f60718",
                "aws.iam.role arn:aws:iam::111122223333:role/AssayerReadOnly");

        // sts:AssumeRole with the collector's own key, the external id and a session name
        wm.verify(1, postRequestedFor(urlPathEqualTo("/sts/eu-west-1/"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=" + AWS_KEY_ID
                        + "/20260301/eu-west-1/sts/aws4_request, .*"))
                .withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FAssayerReadOnly"))
                .withRequestBody(containing("ExternalId=assayer-7f3a9c"))
                .withRequestBody(containing("RoleSessionName=assayer-aws")));
        // everything else with the role's temporary credentials and their session token
        wm.verify(3, postRequestedFor(urlPathEqualTo("/iam/")).withHeader("Authorization", matching(
                "AWS4-HMAC-SHA256 Credential=" + TEMP_KEY_ID + "/20260301/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}"))
                .withHeader("X-Amz-Security-Token", equalTo(TEMP_TOKEN)));
        wm.verify(postRequestedFor(urlPathEqualTo("/config/us-east-1/")).withHeader("Authorization",
                matching("AWS4-HMAC-SHA256 Credential=" + TEMP_KEY_ID + "/20260301/us-east-1/config/aws4_request, .*")));
        // the global type only in the first region
        wm.verify(0, postRequestedFor(urlPathEqualTo("/config/us-east-1/")).withRequestBody(containing("AWS::IAM::Role")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/config/eu-west-1/")).withRequestBody(containing("AWS::IAM::Role"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.ListDiscoveredResources")));
        wm.verify(0, postRequestedFor(urlPathMatching("/.*")).withHeader("Authorization", containing(AWS_KEY_ID))
                .withRequestBody(containing("Action=GenerateCredentialReport")));
        assertThat(everythingSent()).doesNotContain(AWS_SECRET).doesNotContain(TEMP_SECRET);
    }

    @Test
    void awsAssumeRoleDeniedNamesTheTrustPolicy() {
        stubRegions();
        wm.stubFor(post(urlPathEqualTo("/sts/eu-west-1/")).willReturn(xml(403, "aws/assume-role-denied.xml")));
        assertThatThrownBy(() -> awsAssumed("eu-west-1", "AWS::S3::Bucket")).isInstanceOf(CollectionException.class)
                .hasMessageContaining("answered HTTP 403 (AssumeRole " + ROLE + " AccessDenied: User: ")
                .hasMessageContaining("trust policy must allow sts:AssumeRole by the collector's credentials with this "
                        + "external id")
                .hasMessageNotContaining(AWS_SECRET);
        wm.verify(0, postRequestedFor(urlPathEqualTo("/iam/")));
    }

    @Test
    void awsTemporaryCredentialsAreScrubbedFromErrors() {
        stubRegions();
        wm.stubFor(post(urlPathEqualTo("/iam/")).withRequestBody(containing("Action=GenerateCredentialReport"))
                .atPriority(1).willReturn(aResponse().withStatus(400).withBody("<ErrorResponse><Error><Code>Odd</Code>"
                        + "<Message>token " + TEMP_TOKEN + " refused</Message></Error></ErrorResponse>")));
        assertThatThrownBy(() -> awsAssumed("eu-west-1", "AWS::S3::Bucket")).isInstanceOf(CollectionException.class)
                .hasMessageContaining("token •••• refused").hasMessageNotContaining(TEMP_TOKEN);
    }

    @Test
    void awsThrottlingBacksOffAndRetriesWithoutUsingUpTheAttempts() {
        stubAws();
        wm.stubFor(post(urlPathEqualTo("/iam/")).withRequestBody(containing("Action=GetCredentialReport")).atPriority(1)
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willReturn(xml(400, "aws/iam-throttled.xml"))
                .willSetStateTo("again"));
        wm.stubFor(post(urlPathEqualTo("/iam/")).withRequestBody(containing("Action=GetCredentialReport")).atPriority(1)
                .inScenario("throttle").whenScenarioStateIs("again").willReturn(xml(400, "aws/iam-throttled.xml"))
                .willSetStateTo("calm"));
        wm.stubFor(post(urlPathEqualTo("/iam/")).withRequestBody(containing("Action=GetCredentialReport")).atPriority(1)
                .inScenario("throttle").whenScenarioStateIs("calm").willReturn(xml(200, "aws/get-report.xml")));
        List<CollectedDocument> docs = aws("AWS::S3::Bucket");
        assertThat(docs.getFirst().items()).isEqualTo(3);
        // one wait while IAM generated the report, then the doubling backoff for the two throttled answers
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1));
    }
}
