package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * GitHub REST API repositories ({@code GET /orgs/{org}/repos}, {@code /user/repos}, or one
 * {@code GET /repos/{owner}/{repo}}) → {@code github.repository}, id = {@code full_name}.
 */
public final class GithubReposFormat extends JsonRecordFormat {

    public static final String NAME = "github-repos";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GitHub REST API repositories (GET /orgs/{org}/repos or /user/repos), JSON";
    }

    @Override
    int detect(Head h) {
        if (h.emptyArray) {
            return h.lowerName().contains("repo") && !h.lowerName().contains("protection") ? 20 : 0;
        }
        if (h.hasAll("full_name", "owner.login") && h.hasAny("default_branch", "private", "visibility", "fork")
                && !h.hasAny("number", "head.ref", "base.ref")) {
            return 90;
        }
        return 0;
    }

    @Override
    String recordName() {
        return "a repository object";
    }

    @Override
    Resource toResource(String filename, Json.Rec rec, Instant importedAt) {
        JsonNode n = rec.node();
        String fullName = required(filename, rec, "full_name", "repository");
        Attrs a = new Attrs()
                .put("full_name", fullName)
                .put("name", Json.text(n, "name"))
                .put("owner", Json.text(n, "owner.login"))
                .put("github_id", Json.number(n, "id"))
                .put("node_id", Json.text(n, "node_id"))
                .put("private", Json.bool(n, "private"))
                .put("visibility", Json.text(n, "visibility"))
                .put("archived", Json.bool(n, "archived"))
                .put("disabled", Json.bool(n, "disabled"))
                .put("fork", Json.bool(n, "fork"))
                .put("default_branch", Json.text(n, "default_branch"))
                .put("html_url", Json.text(n, "html_url"))
                .put("created_at", Json.timestamp(n, "created_at"))
                .put("updated_at", Json.timestamp(n, "updated_at"))
                .put("pushed_at", Json.timestamp(n, "pushed_at"))
                .put("topics", n.path("topics").isArray() ? Json.value(n.path("topics")) : null)
                .put("delete_branch_on_merge", Json.bool(n, "delete_branch_on_merge"))
                .put("allow_auto_merge", Json.bool(n, "allow_auto_merge"))
                .put("web_commit_signoff_required", Json.bool(n, "web_commit_signoff_required"));
        JsonNode sa = n.path("security_and_analysis");
        if (sa.isObject()) {
            a.put("advanced_security", Json.text(sa, "advanced_security.status"))
                    .put("code_security", Json.text(sa, "code_security.status"))
                    .put("secret_scanning", Json.text(sa, "secret_scanning.status"))
                    .put("secret_scanning_push_protection", Json.text(sa, "secret_scanning_push_protection.status"))
                    .put("secret_scanning_validity_checks", Json.text(sa, "secret_scanning_validity_checks.status"))
                    .put("dependabot_security_updates", Json.text(sa, "dependabot_security_updates.status"));
        }
        return new Resource("github.repository", fullName, a.build(), source(filename), importedAt);
    }
}
