package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * GitHub pull requests ({@code GET /repos/{owner}/{repo}/pulls?state=closed}) → {@code github.pull_request},
 * id = {@code owner/repo#number}. Reviews ({@code GET …/pulls/{n}/reviews}) may be embedded in each pull
 * request as a {@code "reviews"} array; then {@code approvers} and {@code approved_by_other} are known.
 */
public final class GithubPullsFormat extends JsonRecordFormat {

    public static final String NAME = "github-pulls";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GitHub REST API pull requests (GET /repos/{owner}/{repo}/pulls?state=closed), JSON, optionally with "
                + "each pull request's reviews embedded as \"reviews\"";
    }

    @Override
    int detect(Head h) {
        if (h.emptyArray) {
            return h.lowerName().contains("pull") ? 20 : 0;
        }
        if (h.has("number") && h.hasAny("head.ref", "head.sha") && h.has("base.ref")
                && h.hasAny("user.login", "merged_at", "merge_commit_sha")) {
            return 90;
        }
        String url = h.scalar("url");
        if (h.has("number") && url != null && url.matches("https?://[^ ]*/repos/[^/]+/[^/]+/pulls/\\d+")) {
            return 85;
        }
        return 0;
    }

    @Override
    String recordName() {
        return "a pull request object";
    }

    @Override
    Resource toResource(String filename, Json.Rec rec, Instant importedAt) {
        JsonNode n = rec.node();
        Long number = Json.number(n, "number");
        if (number == null) {
            throw Json.at(filename, rec, "pull request has no number");
        }
        String repo = Json.text(n, "base.repo.full_name");
        if (repo == null) {
            repo = repoFromUrl(Json.text(n, "url"));
        }
        if (repo == null) {
            throw Json.at(filename, rec, "pull request #" + number + " has no base.repo.full_name (nor a url naming "
                    + "its repository)");
        }
        String author = Json.text(n, "user.login");
        String mergedAt = Json.timestamp(n, "merged_at");
        String baseRef = Json.text(n, "base.ref");
        String defaultBranch = Json.text(n, "base.repo.default_branch");
        Attrs a = new Attrs()
                .put("repository", repo)
                .put("number", number)
                .put("title", Json.text(n, "title"))
                .put("author", author)
                .put("state", Json.text(n, "state"))
                .put("draft", Json.bool(n, "draft"))
                .put("created_at", Json.timestamp(n, "created_at"))
                .put("closed_at", Json.timestamp(n, "closed_at"))
                .put("merged", mergedAt != null)
                .put("merged_at", mergedAt)
                .put("merge_commit_sha", mergedAt == null ? null : Json.text(n, "merge_commit_sha"))
                .put("base_ref", baseRef)
                .put("head_ref", Json.text(n, "head.ref"))
                .put("default_branch", defaultBranch)
                .put("merged_to_default_branch", mergedAt != null && defaultBranch != null && baseRef != null
                        ? defaultBranch.equals(baseRef) : null)
                .put("requested_reviewers", Json.texts(n, "requested_reviewers", "login"))
                .put("html_url", Json.text(n, "html_url"));
        JsonNode reviews = n.path("reviews");
        a.put("reviews_included", reviews.isArray());
        if (reviews.isArray()) {
            List<String> approvers = approvers(reviews, author, Json.instant(mergedAt));
            List<String> changesRequested = new ArrayList<>();
            for (JsonNode r : reviews) {
                String who = Json.text(r, "user.login");
                if ("CHANGES_REQUESTED".equalsIgnoreCase(Json.text(r, "state")) && who != null
                        && !changesRequested.contains(who)) {
                    changesRequested.add(who);
                }
            }
            a.put("review_count", (long) reviews.size())
                    .put("approvers", approvers)
                    .put("approved_by_other", !approvers.isEmpty())
                    .put("changes_requested_by", changesRequested);
        }
        return new Resource("github.pull_request", repo + "#" + number, a.build(), source(filename), importedAt);
    }

    /**
     * Distinct logins, other than the author, whose latest deciding review (APPROVED, CHANGES_REQUESTED or
     * DISMISSED; comments do not change a decision) submitted no later than the merge is APPROVED.
     */
    static List<String> approvers(JsonNode reviews, String author, Instant mergedAt) {
        Map<String, String> latest = new LinkedHashMap<>();
        Map<String, Instant> latestAt = new LinkedHashMap<>();
        for (JsonNode r : reviews) {
            String who = Json.text(r, "user.login");
            String state = Json.text(r, "state");
            if (who == null || state == null || who.equalsIgnoreCase(author == null ? "" : author)) {
                continue;
            }
            state = state.toUpperCase(Locale.ROOT);
            if (!state.equals("APPROVED") && !state.equals("CHANGES_REQUESTED") && !state.equals("DISMISSED")) {
                continue;
            }
            Instant at = Json.instant(Json.text(r, "submitted_at"));
            if (mergedAt != null && at != null && at.isAfter(mergedAt)) {
                continue;
            }
            Instant prev = latestAt.get(who);
            if (!latest.containsKey(who) || prev == null || at == null || !at.isBefore(prev)) {
                latest.put(who, state);
                latestAt.put(who, at);
            }
        }
        List<String> out = new ArrayList<>();
        latest.forEach((who, state) -> {
            if (state.equals("APPROVED")) {
                out.add(who);
            }
        });
        return out;
    }

    private static String repoFromUrl(String url) {
        if (url == null) {
            return null;
        }
        int i = url.indexOf("/repos/");
        int j = url.indexOf("/pulls/");
        return i >= 0 && j > i ? url.substring(i + 7, j) : null;
    }
}
