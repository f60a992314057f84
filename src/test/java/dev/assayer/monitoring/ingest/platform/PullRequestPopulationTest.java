package dev.assayer.monitoring.ingest.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullRequestPopulationTest {

    private static final LocalDate SEP_1 = LocalDate.of(2026, 9, 1);
    private static final LocalDate SEP_30 = LocalDate.of(2026, 9, 30);

    @Test
    void september_population_holds_only_merges_to_the_default_branch_in_the_period() {
        List<Resource> pulls = new ArrayList<>(Fixtures.read(new GithubPullsFormat(), "github/pulls.json"));
        pulls.add(new Resource("github.repository", "acme-corp/payments-api", Map.of(), "x", Instant.EPOCH));
        StringBuilder csv = new StringBuilder();

        PullRequestPopulation.toCsv(pulls, SEP_1, SEP_30, csv);

        // 105 never merged, 106 went to a release branch, 107 merged on 1 October
        assertThat(csv.toString()).isEqualTo("""
                key,merged_at,repository,author,approvers,approved_by_other
                acme-corp/payments-api#101,2026-09-03T15:30:00Z,acme-corp/payments-api,alice-dev,bob-ops,true
                acme-corp/payments-api#102,2026-09-10T23:05:00Z,acme-corp/payments-api,bob-ops,,false
                acme-corp/payments-api#103,2026-09-15T12:00:00Z,acme-corp/payments-api,carol-sec,dave-é,true
                acme-corp/payments-api#104,2026-09-20T08:00:00Z,acme-corp/payments-api,dave-é,,false
                """);
    }

    @Test
    void both_ends_of_the_period_are_included_and_unknown_approval_is_left_empty() {
        List<Resource> pulls = List.of(
                pr(7, "2026-10-01T00:30:00Z", List.of("x", "y"), true),
                pr(3, "2026-09-30T23:59:59Z", null, null),
                pr(2, "2026-09-01T00:00:00Z", List.of(), false),
                pr(1, "2026-08-31T23:59:59Z", List.of("z"), true));
        StringBuilder csv = new StringBuilder();

        PullRequestPopulation.toCsv(pulls, SEP_1, SEP_30, csv);

        assertThat(csv.toString().lines().toList()).containsExactly(
                "key,merged_at,repository,author,approvers,approved_by_other",
                "o/r#2,2026-09-01T00:00:00Z,o/r,me,,false",
                "o/r#3,2026-09-30T23:59:59Z,o/r,me,,");
        StringBuilder october = new StringBuilder();
        PullRequestPopulation.toCsv(pulls, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 1), october);
        assertThat(october.toString()).contains("o/r#7,2026-10-01T00:30:00Z,o/r,me,x; y,true");
    }

    @Test
    void a_reversed_period_is_refused() {
        assertThatThrownBy(() -> PullRequestPopulation.toCsv(List.of(), SEP_30, SEP_1, new StringBuilder()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Resource pr(int n, String mergedAt, List<String> approvers, Boolean approved) {
        Attrs a = new Attrs().put("repository", "o/r").put("number", (long) n).put("author", "me").put("merged", true)
                .put("merged_at", mergedAt).put("base_ref", "main").put("default_branch", "main")
                .put("approvers", approvers).put("approved_by_other", approved);
        return new Resource("github.pull_request", "o/r#" + n, a.build(), "github-pulls:t.json", Instant.EPOCH);
    }
}
