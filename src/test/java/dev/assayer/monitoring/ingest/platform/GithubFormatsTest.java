package dev.assayer.monitoring.ingest.platform;

import static dev.assayer.monitoring.ingest.platform.Fixtures.byId;
import static dev.assayer.monitoring.ingest.platform.Fixtures.problem;
import static dev.assayer.monitoring.ingest.platform.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubFormatsTest {

    private final GithubReposFormat repos = new GithubReposFormat();
    private final GithubBranchProtectionFormat protection = new GithubBranchProtectionFormat();
    private final GithubPullsFormat pulls = new GithubPullsFormat();

    @Test
    void repositories_are_read_with_their_security_settings_duplicates_as_read() {
        List<Resource> all = read(repos, "github/repos.json");

        assertThat(all).hasSize(6);
        assertThat(all).extracting(Resource::id).containsExactly("acme-corp/payments-api", "acme-corp/web-app",
                "acme-corp/docs", "acme-corp/legacy-billing", "acme-corp/infra-terraform", "acme-corp/payments-api");
        Fixtures.assertJsonLike(all);
        Resource api = all.get(0);
        assertThat(api.type()).isEqualTo("github.repository");
        assertThat(api.source()).isEqualTo("github-repos:repos.json");
        assertThat(api.observedAt()).isEqualTo(Fixtures.IMPORTED);
        assertThat(api.attributes()).containsEntry("private", true).containsEntry("visibility", "private")
                .containsEntry("default_branch", "main").containsEntry("owner", "acme-corp")
                .containsEntry("github_id", 700000001L).containsEntry("secret_scanning", "enabled")
                .containsEntry("dependabot_security_updates", "enabled").containsEntry("archived", false)
                .containsEntry("pushed_at", "2026-10-30T14:21:07Z").containsEntry("topics", List.of("soc2", "payments"));
        assertThat(byId(all, "acme-corp/web-app").attributes()).containsEntry("secret_scanning", "disabled");
        Resource legacy = byId(all, "acme-corp/legacy-billing");
        assertThat(legacy.attributes()).containsEntry("archived", true).containsEntry("default_branch", "master")
                .doesNotContainKeys("pushed_at", "secret_scanning", "dependabot_security_updates");
    }

    @Test
    void an_empty_listing_gives_no_repositories() {
        assertThat(read(repos, "github/repos-empty.json")).isEmpty();
    }

    @Test
    void a_truncated_listing_names_the_position() {
        InputProblem p = problem(repos, "github/repos-truncated.json");
        assertThat(p.file()).isEqualTo("repos-truncated.json");
        assertThat(p.line()).isGreaterThan(100);
        assertThat(p.problem()).contains("truncated");
    }

    @Test
    void a_single_protection_object_takes_repository_and_branch_from_its_url() {
        List<Resource> all = read(protection, "github/branch-protection-single.json");

        assertThat(all).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("github.branch_protection");
            assertThat(r.id()).isEqualTo("acme-corp/payments-api:main");
            assertThat(r.attributes()).containsEntry("protected", true).containsEntry("repository", "acme-corp/payments-api")
                    .containsEntry("branch", "main").containsEntry("required_approving_review_count", 2L)
                    .containsEntry("dismiss_stale_reviews", true).containsEntry("require_code_owner_reviews", true)
                    .containsEntry("enforce_admins", true).containsEntry("allow_force_pushes", false)
                    .containsEntry("allow_deletions", false).containsEntry("required_status_checks", true)
                    .containsEntry("status_checks_strict", true)
                    .containsEntry("status_check_contexts", List.of("ci/build", "ci/test"))
                    .containsEntry("review_bypass_allowed", false);
        });
    }

    @Test
    void an_array_of_protections_is_read_in_order() {
        List<Resource> all = read(protection, "github/branch-protection-array.json");

        assertThat(all).extracting(Resource::id).containsExactly("acme-corp/payments-api:main", "acme-corp/web-app:main",
                "acme-corp/infra-terraform:main");
        assertThat(all.get(1).attributes()).containsEntry("required_approving_review_count", 1L)
                .containsEntry("dismiss_stale_reviews", false).containsEntry("enforce_admins", false)
                .containsEntry("allow_force_pushes", true).containsEntry("required_status_checks", false)
                .containsEntry("review_bypass_allowed", true);
        assertThat(all.get(2).attributes()).containsEntry("reviews_required", false)
                .containsEntry("required_approving_review_count", 0L);
    }

    @Test
    void a_keyed_object_turns_branch_not_protected_into_an_unprotected_branch() {
        List<Resource> all = read(protection, "github/branch-protection-keyed.json");

        assertThat(all).hasSize(5);
        Resource docs = byId(all, "acme-corp/docs:main");
        assertThat(docs.attributes()).containsEntry("protected", false).containsEntry("required_approving_review_count", 0L)
                .containsEntry("allow_force_pushes", true).containsEntry("enforce_admins", false);
        assertThat(byId(all, "acme-corp/legacy-billing:release/2024").attributes())
                .containsEntry("branch", "release/2024").containsEntry("protected", false);
        assertThat(byId(all, "acme-corp/payments-api:main").attributes()).containsEntry("protected", true);
        Fixtures.assertJsonLike(all);
    }

    @Test
    void a_keyed_answer_other_than_not_protected_is_an_error_not_an_unprotected_branch() {
        InputProblem p = Fixtures.problemText(protection, "bp.json",
                "{\n  \"acme-corp/api:main\": {\"message\": \"Not Found\", \"status\": \"404\"}\n}", Fixtures.IMPORTED == null
                        ? null : dev.assayer.monitoring.ingest.FormatOptions.at(Fixtures.IMPORTED));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.problem()).contains("acme-corp/api:main").contains("Not Found");
    }

    @Test
    void a_repository_listing_read_as_branch_protection_is_rejected_at_its_first_object() {
        InputProblem p = problem(protection, "github/branch-protection-mislabeled.json");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.problem()).contains("cannot tell the repository and branch");
    }

    @Test
    void pull_requests_know_who_approved_them_before_the_merge() {
        List<Resource> all = read(pulls, "github/pulls.json");

        assertThat(all).hasSize(7);
        Fixtures.assertJsonLike(all);
        Map<String, Object> p101 = byId(all, "acme-corp/payments-api#101").attributes();
        assertThat(p101).containsEntry("author", "alice-dev").containsEntry("merged", true)
                .containsEntry("merged_at", "2026-09-03T15:30:00Z").containsEntry("base_ref", "main")
                .containsEntry("default_branch", "main").containsEntry("merged_to_default_branch", true)
                .containsEntry("approvers", List.of("bob-ops")).containsEntry("approved_by_other", true)
                .containsEntry("number", 101L).containsEntry("repository", "acme-corp/payments-api");
        // the author's own approval does not count
        assertThat(byId(all, "acme-corp/payments-api#102").attributes()).containsEntry("approvers", List.of())
                .containsEntry("approved_by_other", false);
        // a later CHANGES_REQUESTED withdraws alice's approval; dave's latest review approves
        assertThat(byId(all, "acme-corp/payments-api#103").attributes()).containsEntry("approvers", List.of("dave-é"))
                .containsEntry("changes_requested_by", List.of("dave-é", "alice-dev"));
        // approved only after the merge
        assertThat(byId(all, "acme-corp/payments-api#104").attributes()).containsEntry("approved_by_other", false);
        assertThat(byId(all, "acme-corp/payments-api#105").attributes()).containsEntry("merged", false)
                .doesNotContainKeys("merged_at", "merge_commit_sha", "merged_to_default_branch");
        assertThat(byId(all, "acme-corp/payments-api#106").attributes()).containsEntry("merged_to_default_branch", false);
        assertThat(byId(all, "acme-corp/payments-api#107").attributes()).containsEntry("requested_reviewers", List.of("dave-é"));
    }

    @Test
    void pages_back_to_back_are_read_and_missing_reviews_stay_unknown() {
        List<Resource> all = read(pulls, "github/pulls-without-reviews.json");

        assertThat(all).extracting(Resource::id).containsExactly("acme-corp/payments-api#201", "acme-corp/payments-api#202");
        assertThat(all.get(0).attributes()).containsEntry("reviews_included", false)
                .doesNotContainKeys("approvers", "approved_by_other");
    }

    @Test
    void truncated_pull_requests_name_the_position() {
        InputProblem p = problem(pulls, "github/pulls-truncated.json");
        assertThat(p.line()).isGreaterThan(10);
        assertThat(p.problem()).contains("truncated");
    }

    @Test
    void a_pull_request_without_number_is_rejected_with_its_line() {
        InputProblem p = Fixtures.problemText(pulls, "p.json", "[\n  {\"number\": 1, \"base\": {\"repo\": {\"full_name\": \"a/b\"}}},\n"
                + "  {\"title\": \"no number\"}\n]", null);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.problem()).contains("no number");
    }

    @Test
    void a_scalar_where_a_repository_belongs_is_rejected() {
        InputProblem p = Fixtures.problemText(repos, "r.json", "[\"acme-corp/api\"]", null);
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.column()).isEqualTo(2);
        assertThat(p.problem()).contains("expected a repository object").contains("found a string");
    }
}
