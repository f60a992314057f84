package dev.assayer.monitoring.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The population check over a Type II period: pull requests merged to the default branch, the
 * share approved by someone other than the author with each exception, and the auditor handing the
 * exact population file to fieldwork for sampling.
 */
class PullRequestPopulationApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired MonitoringService monitoring;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired PopulationService populations;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;
    Engagement type2;
    LocalDate start;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        start = LocalDate.now(ZoneOffset.UTC).minusDays(40);
        type2 = engagements.create(acme.admin(), new EngagementDraft("SOC 2 " + UUID.randomUUID(), Framework.SOC2,
                ReportType.TYPE2, null, start, start.plusDays(29), List.of(), null, null, null, null, null, null));
        List<String> prs = new ArrayList<>();
        // in the period: 1 approved by bob, 2 self-approved only, 3 approved, 4 no reviews at all;
        // 5 merged to a feature branch, 6 merged after the period, 7 closed without merging
        prs.add(pr(1, "alice", "main", start.plusDays(2), "\"bob\""));
        prs.add(pr(2, "alice", "main", start.plusDays(5), "\"alice\""));
        prs.add(pr(3, "carol", "main", start.plusDays(9), "\"alice\""));
        prs.add(pr(4, "dan", "main", start.plusDays(20), null));
        prs.add(pr(5, "erin", "release", start.plusDays(21), "\"bob\""));
        prs.add(pr(6, "erin", "main", start.plusDays(35), "\"bob\""));
        prs.add(pr(7, "erin", "main", null, null));
        byte[] file = ("[" + String.join(",", prs) + "]").getBytes(StandardCharsets.UTF_8);
        monitoring.importFile(acme.admin(), "upload:pulls", "pulls.json", "github-pulls", null,
                new ByteArrayInputStream(file), CollectionMethod.SYSTEM_EXPORT, "GitHub");
    }

    /** A GitHub pull request object; {@code approver} null = reviews collected, none. */
    static String pr(int n, String author, String base, LocalDate merged, String approver) {
        String mergedAt = merged == null ? "null" : "\"" + merged + "T10:00:00Z\"";
        String reviews = approver == null ? "[]" : "[{\"id\": " + (9000 + n) + ", \"user\": {\"login\": " + approver
                + "}, \"state\": \"APPROVED\", \"submitted_at\": \"" + (merged == null ? start() : merged) + "T09:00:00Z\"}]";
        return """
                {"number": %d, "state": "closed", "title": "Change %d", "user": {"login": "%s"},
                 "created_at": "2020-01-01T00:00:00Z", "closed_at": %s, "merged_at": %s,
                 "merge_commit_sha": "abc%d",
                 "head": {"ref": "feature/%d", "repo": {"full_name": "lumen/api", "default_branch": "main"}},
                 "base": {"ref": "%s", "repo": {"name": "api", "full_name": "lumen/api", "default_branch": "main"}},
                 "reviews": %s}""".formatted(n, n, author, mergedAt, mergedAt, n, n, base, reviews);
    }

    private static LocalDate start() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(40);
    }

    JsonNode call(String bearer, org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder b,
            int expected) throws Exception {
        MockHttpServletResponse res = mvc.perform(b.header("Authorization", bearer)).andReturn().getResponse();
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(expected);
        return res.getContentAsString().isEmpty() ? null : json.readTree(res.getContentAsString());
    }

    @Test
    void theShareApprovedBySomeoneOtherThanTheAuthorListsEachException() throws Exception {
        JsonNode r = call(acme.bearer(Role.VIEWER), get("/api/v1/engagements/" + type2.id() + "/monitoring/pull-requests"),
                200);
        assertThat(r.get("merged").asInt()).as("PRs 1-4: merged to main in the period").isEqualTo(4);
        assertThat(r.get("approvedByOther").asInt()).isEqualTo(2);
        assertThat(r.get("shareApprovedByOther").asDouble()).isEqualTo(0.5);
        assertThat(r.get("exceptions")).extracting(x -> x.get("key").asString())
                .containsExactly("lumen/api#2", "lumen/api#4");
        assertThat(r.get("exceptions").get(0).get("author").asString()).isEqualTo("alice");

        MockHttpServletResponse csv = mvc.perform(get("/api/v1/engagements/" + type2.id()
                + "/monitoring/pull-requests.csv").header("Authorization", acme.bearer(Role.VIEWER))).andReturn()
                .getResponse();
        assertThat(Hashing.sha256Hex(csv.getContentAsByteArray())).isEqualTo(r.get("sha256").asString());
        assertThat(csv.getContentAsString()).startsWith("key,merged_at,repository,author,approvers,approved_by_other\n")
                .contains("lumen/api#1,").doesNotContain("lumen/api#5,").doesNotContain("lumen/api#6,");
    }

    @Test
    void theAuditorHandsThePopulationToFieldworkAndTheClientCannot() throws Exception {
        call(acme.bearer(Role.ADMIN), post("/api/v1/engagements/" + type2.id() + "/monitoring/pull-requests/population"),
                403);

        TestFirm firm = TestFirm.create(identity);
        TestFirm.Inside in = firm.inside(identity, access, acme, type2.id());
        String sha = call(in.bearer(Role.AUDIT_STAFF), get("/api/v1/engagements/" + type2.id()
                + "/monitoring/pull-requests"), 200).get("sha256").asString();
        JsonNode population = call(in.bearer(Role.AUDIT_STAFF), post("/api/v1/engagements/" + type2.id()
                + "/monitoring/pull-requests/population"), 201);

        var record = populations.get(in.user(Role.AUDIT_STAFF), type2.id(),
                UUID.fromString(population.get("id").asString()));
        assertThat(record.latest().rows()).isEqualTo(4);
        assertThat(record.latest().sha256()).isEqualTo(sha);

        TestOrg other = TestOrg.create(identity);
        call(other.bearer(Role.ADMIN), get("/api/v1/engagements/" + type2.id() + "/monitoring/pull-requests"), 404);
    }
}
