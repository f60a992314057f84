package dev.assayer.monitoring.internal.collect;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an organization's repositories, the protection of each default branch, and the pull
 * requests merged in the last N days with their reviews, through the GitHub REST API (GET only).
 * Writes three documents in the shapes of the github-repos, github-branch-protection and
 * github-pulls formats. Archived repositories are listed but not read further.
 */
final class GitHubSource implements Source {

    static final String API_VERSION = "2022-11-28";

    /** Primary limit: x-ratelimit-remaining 0 on a 403/429 stops the collection; secondary limits are retried. */
    static final HttpFetcher.RateLimits LIMITS = new HttpFetcher.RateLimits() {
        @Override
        public String exhausted(HttpFetcher.Reply reply, Instant now, Duration maxWait) {
            if ((reply.status() == 403 || reply.status() == 429)
                    && reply.header("x-ratelimit-remaining").map(String::trim).filter("0"::equals).isPresent()) {
                return "the GitHub API rate limit is exhausted (" + reply.header("x-ratelimit-limit").orElse("?")
                        + " requests per hour; resets at " + resetAt(reply).map(Instant::toString).orElse("an unknown time")
                        + "); the collection stopped and stored nothing";
            }
            return null;
        }
    };

    private final String name;
    private final URI base;
    private final String organization;
    private final Predicate<String> repositories;
    private final int pullRequestDays;
    private final String token;
    private final HttpFetcher http;
    private final JsonMapper json;
    private long remaining = -1;
    private Instant resetAt;

    GitHubSource(String name, CollectorSettings settings, String token, HttpFetcher http, JsonMapper json) {
        this.name = name;
        this.base = URI.create(trimSlash(settings.get("apiUrl")));
        this.organization = settings.get("organization");
        String filter = settings.get("repositories");
        List<Predicate<String>> globs = filter == null || filter.isBlank() ? List.of()
                : Arrays.stream(filter.split("[,\\s]+")).filter(s -> !s.isBlank()).map(ApiSupport::glob).toList();
        this.repositories = globs.isEmpty() ? s -> true : s -> globs.stream().anyMatch(g -> g.test(s));
        this.pullRequestDays = Integer.parseInt(settings.get("pullRequestDays"));
        this.token = token;
        this.http = http;
        this.json = json;
    }

    @Override
    public List<CollectedDocument> collect(Path dir) {
        List<JsonNode> repos = repositories();
        Path reposFile = dir.resolve(name + "-github-repos.json");
        try (JsonFile out = JsonFile.array(reposFile, json)) {
            repos.forEach(out::add);
        }
        List<JsonNode> active = repos.stream()
                .filter(r -> !r.path("archived").asBoolean(false) && !r.path("disabled").asBoolean(false)).toList();
        Path protectionFile = dir.resolve(name + "-github-branch-protection.json");
        long protections;
        try (JsonFile out = JsonFile.object(protectionFile, json)) {
            for (JsonNode repo : active) {
                protection(repo, out);
            }
            protections = out.count();
        }
        Instant since = http.now().minus(Duration.ofDays(pullRequestDays));
        Path pullsFile = dir.resolve(name + "-github-pulls.json");
        long pulls;
        try (JsonFile out = JsonFile.array(pullsFile, json)) {
            for (JsonNode repo : active) {
                mergedPulls(repo.path("full_name").asString(), since, out);
            }
            pulls = out.count();
        }
        return List.of(new CollectedDocument("github-repos", reposFile.getFileName().toString(), reposFile, repos.size()),
                new CollectedDocument("github-branch-protection", protectionFile.getFileName().toString(),
                        protectionFile, protections),
                new CollectedDocument("github-pulls", pullsFile.getFileName().toString(), pullsFile, pulls));
    }

    private List<JsonNode> repositories() {
        List<JsonNode> out = new ArrayList<>();
        URI next = base.resolve(base.getPath() + "/orgs/" + ApiSupport.enc(organization) + "/repos?per_page=100&type=all");
        for (int page = 0; next != null; page++) {
            HttpFetcher.Reply r = get(next);
            if (!r.ok()) {
                throw error(r, r.status() == 404 ? "Is the organization '" + organization
                        + "' spelled right, and can the token see it?" : null);
            }
            JsonNode body = ApiSupport.parse(http, json, r);
            if (!body.isArray()) {
                throw http.fail("GET " + r.uri().getPath() + " did not answer a JSON array of repositories");
            }
            for (JsonNode repo : body) {
                if (repositories.test(repo.path("name").asString("")) || repositories.test(repo.path("full_name").asString(""))) {
                    out.add(repo);
                }
            }
            next = page < ApiSupport.MAX_PAGES ? ApiSupport.next(http, base, r) : null;
        }
        return out;
    }

    /** Puts "owner/repo:branch" → the protection, or the 404 "Branch not protected" body (a fact, not an error). */
    private void protection(JsonNode repo, JsonFile out) {
        String fullName = repo.path("full_name").asString();
        String branch = repo.path("default_branch").asString("");
        if (branch.isEmpty()) {
            return;
        }
        HttpFetcher.Reply r = get(base.resolve(base.getPath() + "/repos/" + path(fullName) + "/branches/"
                + ApiSupport.enc(branch) + "/protection"));
        if (r.ok()) {
            out.put(fullName + ":" + branch, ApiSupport.parse(http, json, r));
            return;
        }
        String message = ApiSupport.apiMessage(json, r);
        if (r.status() == 404 && message != null && message.toLowerCase().contains("not protected")) {
            out.put(fullName + ":" + branch, ApiSupport.parse(http, json, r));
            return;
        }
        if (r.status() == 404 && message != null && message.toLowerCase().contains("branch not found")) {
            return; // an empty repository: its default branch does not exist yet
        }
        throw error(r, r.status() == 403 || r.status() == 404
                ? "Reading branch protection needs the repository permission Administration: read" : null);
    }

    private void mergedPulls(String fullName, Instant since, JsonFile out) {
        URI next = base.resolve(base.getPath() + "/repos/" + path(fullName)
                + "/pulls?state=closed&sort=updated&direction=desc&per_page=100");
        for (int page = 0; next != null; page++) {
            HttpFetcher.Reply r = get(next);
            if (!r.ok()) {
                throw error(r, r.status() == 403 || r.status() == 404
                        ? "Reading pull requests needs the repository permission Pull requests: read" : null);
            }
            JsonNode body = ApiSupport.parse(http, json, r);
            if (!body.isArray()) {
                throw http.fail("GET " + r.uri().getPath() + " did not answer a JSON array of pull requests");
            }
            boolean older = false;
            for (JsonNode pr : body) {
                Instant updated = instant(pr.path("updated_at").asString(null));
                if (updated != null && updated.isBefore(since)) {
                    older = true; // sorted by update, newest first: the rest cannot have been merged in the window
                    continue;
                }
                Instant merged = instant(pr.path("merged_at").asString(null));
                if (merged == null || merged.isBefore(since) || !(pr instanceof ObjectNode o)) {
                    continue;
                }
                o.set("reviews", reviews(fullName, pr.path("number").asLong()));
                out.add(o);
            }
            next = older || page >= ApiSupport.MAX_PAGES ? null : ApiSupport.next(http, base, r);
        }
    }

    private ArrayNode reviews(String fullName, long number) {
        ArrayNode all = json.createArrayNode();
        URI next = base.resolve(base.getPath() + "/repos/" + path(fullName) + "/pulls/" + number + "/reviews?per_page=100");
        for (int page = 0; next != null; page++) {
            HttpFetcher.Reply r = get(next);
            if (!r.ok()) {
                throw error(r, null);
            }
            JsonNode body = ApiSupport.parse(http, json, r);
            if (body.isArray()) {
                body.forEach(all::add);
            }
            next = page < ApiSupport.MAX_PAGES ? ApiSupport.next(http, base, r) : null;
        }
        return all;
    }

    private HttpFetcher.Reply get(URI uri) {
        if (remaining == 0 && resetAt != null && resetAt.isAfter(http.now())) {
            throw http.fail("the GitHub API rate limit is exhausted (resets at " + resetAt
                    + "); the collection stopped before GET " + uri.getPath() + " and stored nothing");
        }
        HttpFetcher.Reply r = http.send(() -> {
            HttpRequest.Builder b = http.request(uri).GET().header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", API_VERSION).header("User-Agent", "Assayer-collector");
            return b.header("Authorization", "Bearer " + token).build();
        }, rr -> rr.status() == 403 && rr.header("retry-after").isPresent());
        r.header("x-ratelimit-remaining").ifPresent(v -> {
            try {
                remaining = Long.parseLong(v.trim());
            } catch (NumberFormatException ignored) {
                remaining = -1;
            }
        });
        resetAt = resetAt(r).orElse(resetAt);
        return r;
    }

    private CollectionException error(HttpFetcher.Reply r, String hint) {
        String h = switch (r.status()) {
            case 401 -> "The token is invalid, expired or revoked: set a new one";
            default -> hint;
        };
        return http.unexpected(r, ApiSupport.apiMessage(json, r), h);
    }

    static Optional<Instant> resetAt(HttpFetcher.Reply reply) {
        return reply.header("x-ratelimit-reset").flatMap(v -> {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String path(String fullName) {
        int slash = fullName.indexOf('/');
        return slash < 0 ? ApiSupport.enc(fullName)
                : ApiSupport.enc(fullName.substring(0, slash)) + "/" + ApiSupport.enc(fullName.substring(slash + 1));
    }

    private static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
