package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub branch protection ({@code GET /repos/{owner}/{repo}/branches/{branch}/protection}) →
 * {@code github.branch_protection}, id = {@code owner/repo:branch}. Accepts one protection object,
 * an array of them (repository and branch taken from each object's {@code url}), or an object keyed
 * by {@code "owner/repo:branch"} whose values are the API's answers — where GitHub's 404 answer
 * {@code {"message":"Branch not protected"}} becomes a resource with {@code protected = false}.
 */
public final class GithubBranchProtectionFormat implements ResourceFormat {

    public static final String NAME = "github-branch-protection";
    static final Pattern KEY = Pattern.compile("([^/\\s]+)/([^/\\s:]+):(\\S.*)");
    private static final Pattern URL = Pattern.compile(".*/repos/([^/]+)/([^/]+)/branches/(.+)/protection/?$");
    private static final Set<String> PROTECTION_FIELDS = Set.of("required_pull_request_reviews", "enforce_admins",
            "required_status_checks", "allow_force_pushes", "allow_deletions", "required_signatures",
            "required_linear_history", "restrictions");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GitHub REST API branch protection (GET /repos/{owner}/{repo}/branches/{branch}/protection), JSON: "
                + "one object, an array, or an object keyed by owner/repo:branch";
    }

    @Override
    public int detect(String filename, byte[] bytes) {
        try {
            Head h = Head.of(filename, bytes);
            if ((h.emptyArray || h.emptyObject) && h.lowerName().contains("protection")) {
                return 20;
            }
            if (!h.json()) {
                return 0;
            }
            String url = h.scalar("url");
            if (url != null && URL.matcher(url).matches()) {
                return 95;
            }
            if (PROTECTION_FIELDS.stream().filter(h::has).count() >= 2) {
                return 85;
            }
            if (h.root == Head.Root.OBJECT && h.firstKey != null && KEY.matcher(h.firstKey).matches()) {
                String k = h.firstKey + ".";
                String message = h.scalar(k + "message");
                if (message != null && message.toLowerCase().contains("not protected")) {
                    return 90;
                }
                if (PROTECTION_FIELDS.stream().anyMatch(f -> h.has(k + f))) {
                    return 90;
                }
            }
            return 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        Instant at = Json.importedAt(options);
        try (JsonParser p = Json.MAPPER.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (e == null) {
                            throw Json.at(filename, p.currentLocation(), "the file ends inside an array (truncated?)");
                        }
                        TokenStreamLocation loc = p.currentTokenLocation();
                        if (e != JsonToken.START_OBJECT) {
                            throw Json.at(filename, loc, "expected a branch protection object, found " + Json.describe(e));
                        }
                        Json.Rec rec = new Json.Rec(Json.MAPPER.readTree(p), loc.getLineNr(), loc.getColumnNr());
                        Json.handOver(filename, rec, r -> sink.accept(fromUrl(filename, r, at)));
                    }
                } else if (t == JsonToken.START_OBJECT) {
                    readObject(filename, p, at, sink);
                } else {
                    throw Json.at(filename, p.currentTokenLocation(),
                            "expected a branch protection object or array, found " + Json.describe(t));
                }
            }
        } catch (JacksonException e) {
            throw Json.problem(filename, e);
        }
    }

    private void readObject(String filename, JsonParser p, Instant at, Consumer<Resource> sink) {
        TokenStreamLocation start = p.currentTokenLocation();
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_OBJECT) {
            return; // {} : nothing collected
        }
        if (t != JsonToken.PROPERTY_NAME) {
            throw Json.at(filename, p.currentLocation(), "the file ends inside an object (truncated?)");
        }
        if (KEY.matcher(p.currentName()).matches()) {
            do {
                String key = p.currentName();
                TokenStreamLocation keyAt = p.currentTokenLocation();
                Matcher m = KEY.matcher(key);
                if (!m.matches()) {
                    throw Json.at(filename, keyAt, "key '" + key + "' is not owner/repo:branch");
                }
                JsonToken v = p.nextToken();
                if (v != JsonToken.START_OBJECT) {
                    throw Json.at(filename, p.currentTokenLocation(), key + ": expected the API's answer (an object), found "
                            + Json.describe(v));
                }
                Json.Rec rec = new Json.Rec(Json.MAPPER.readTree(p), keyAt.getLineNr(), keyAt.getColumnNr());
                Json.handOver(filename, rec, r -> sink.accept(resource(filename, r, m.group(1), m.group(2),
                        m.group(3), at)));
            } while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME);
            if (t != JsonToken.END_OBJECT) {
                throw Json.at(filename, p.currentLocation(), "the file ends inside an object (truncated?)");
            }
            return;
        }
        ObjectNode obj = Json.MAPPER.createObjectNode();
        do {
            String name = p.currentName();
            p.nextToken();
            JsonNode value = Json.MAPPER.readTree(p);
            obj.set(name, value == null ? NullNode.getInstance() : value);
        } while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME);
        if (t != JsonToken.END_OBJECT) {
            throw Json.at(filename, p.currentLocation(), "the file ends inside an object (truncated?)");
        }
        Json.handOver(filename, new Json.Rec(obj, start.getLineNr(), start.getColumnNr()),
                r -> sink.accept(fromUrl(filename, r, at)));
    }

    private Resource fromUrl(String filename, Json.Rec rec, Instant at) {
        String url = Json.text(rec.node(), "url");
        Matcher m = url == null ? null : URL.matcher(url);
        if (m == null || !m.matches()) {
            throw Json.at(filename, rec, "cannot tell the repository and branch: the protection object has no url "
                    + "like https://api.github.com/repos/OWNER/REPO/branches/BRANCH/protection (or key the file by "
                    + "\"owner/repo:branch\")");
        }
        return resource(filename, rec, m.group(1), m.group(2), URLDecoder.decode(m.group(3), StandardCharsets.UTF_8), at);
    }

    private Resource resource(String filename, Json.Rec rec, String owner, String repo, String branch, Instant at) {
        JsonNode n = rec.node();
        String id = owner + "/" + repo + ":" + branch;
        Attrs a = new Attrs().put("repository", owner + "/" + repo).put("owner", owner).put("branch", branch);
        boolean answer = PROTECTION_FIELDS.stream().anyMatch(f -> n.has(f)) || n.has("url");
        String message = Json.text(n, "message");
        if (!answer && message != null) {
            if (!message.toLowerCase().contains("not protected")) {
                throw new InputProblem(filename, rec.line(), rec.column(), id + ": GitHub answered \"" + message
                        + "\" instead of a branch protection (not collected; check the token's access)");
            }
            a.put("protected", false)
                    .put("reviews_required", false)
                    .put("required_approving_review_count", 0L)
                    .put("dismiss_stale_reviews", false)
                    .put("require_code_owner_reviews", false)
                    .put("require_last_push_approval", false)
                    .put("enforce_admins", false)
                    .put("required_status_checks", false)
                    .put("status_check_contexts", List.of())
                    .put("allow_force_pushes", true)
                    .put("allow_deletions", true)
                    .put("required_signatures", false)
                    .put("required_linear_history", false)
                    .put("required_conversation_resolution", false)
                    .put("push_restricted", false);
            return new Resource("github.branch_protection", id, a.build(), NAME + ":" + filename, at);
        }
        JsonNode reviews = n.path("required_pull_request_reviews");
        boolean reviewsRequired = reviews.isObject();
        Long count = Json.number(reviews, "required_approving_review_count");
        JsonNode checks = n.path("required_status_checks");
        Set<String> contexts = new LinkedHashSet<>(Json.texts(checks, "contexts", null));
        contexts.addAll(Json.texts(checks, "checks", "context"));
        JsonNode bypass = reviews.path("bypass_pull_request_allowances");
        boolean bypassAllowed = bypass.isObject() && (nonEmpty(bypass, "users") || nonEmpty(bypass, "teams")
                || nonEmpty(bypass, "apps"));
        a.put("protected", true)
                .put("reviews_required", reviewsRequired)
                .put("required_approving_review_count", reviewsRequired ? (count == null ? 0L : count) : 0L)
                .put("dismiss_stale_reviews", flag(reviews, "dismiss_stale_reviews"))
                .put("require_code_owner_reviews", flag(reviews, "require_code_owner_reviews"))
                .put("require_last_push_approval", flag(reviews, "require_last_push_approval"))
                .put("review_bypass_allowed", bypassAllowed)
                .put("enforce_admins", enabled(n, "enforce_admins"))
                .put("required_status_checks", checks.isObject())
                .put("status_checks_strict", flag(checks, "strict"))
                .put("status_check_contexts", List.copyOf(contexts))
                .put("allow_force_pushes", enabled(n, "allow_force_pushes"))
                .put("allow_deletions", enabled(n, "allow_deletions"))
                .put("required_signatures", enabled(n, "required_signatures"))
                .put("required_linear_history", enabled(n, "required_linear_history"))
                .put("required_conversation_resolution", enabled(n, "required_conversation_resolution"))
                .put("lock_branch", enabled(n, "lock_branch"))
                .put("push_restricted", n.path("restrictions").isObject())
                .put("url", Json.text(n, "url"));
        return new Resource("github.branch_protection", id, a.build(), NAME + ":" + filename, at);
    }

    private static boolean nonEmpty(JsonNode n, String field) {
        return n.path(field).isArray() && !n.path(field).isEmpty();
    }

    private static boolean flag(JsonNode n, String field) {
        Boolean b = Json.bool(n, field);
        return b != null && b;
    }

    /** GitHub's {"enabled": true} settings; a bare boolean is accepted too. */
    private static boolean enabled(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isObject()) {
            return flag(v, "enabled");
        }
        return flag(n, field);
    }
}
