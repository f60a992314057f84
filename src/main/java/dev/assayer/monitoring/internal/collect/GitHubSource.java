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

    /**
     * Primary limit (x-ratelimit-*: a budget per token and hour): the fetcher waits for the reset when
     * the budget is spent, if that is soon enough. Secondary limits (403/429 with retry-after, or a 403
     * "secondary rate limit" without it) are waited out: retry-after, else at least a minute.
     */
    static final HttpFetcher.RateLimits LIMITS = new HttpFetcher.RateLimits() {
        @Override
        public boolean throttled(HttpFetcher.Reply reply) {
            if (reply.status() != 403 && reply.status() != 429) {
                return false;
            }
            return reply.status() == 429 || reply.header("retry-after").isPresent() || spentBudget(reply)
                    || reply.text().toLowerCase(java.util.Locale.ROOT).contains("secondary rate limit");
        }

        @Override
        public Optional<Duration> retryAfter(HttpFetcher.Reply reply, Instant now) {
            Optional<Duration> header = HttpFetcher.retryAfterHeader(reply, now);
            if (header.isPresent()) {
                return header;
            }
            if (spentBudget(reply)) {
                Optional<Instant> reset = resetAt(reply);
                if (reset.isPresent()) {
                    Duration d = Duration.between(now, reset.get()).plusSeconds(1);
                    return Optional.of(d.isNegative() ? Duration.ofSeconds(1) : d);
                }
            }
            return Optional.of(Duration.ofMinutes(1)); // GitHub: wait at least a minute, then longer
        }

        @Override
        public Optional<HttpFetcher.Budget> budget(HttpFetcher.Reply reply) {
            return HttpFetcher.number(reply, "x-ratelimit-remaining").map(remaining -> new HttpFetcher.Budget(
                    HttpFetcher.number(reply, "x-ratelimit-limit").orElse(-1L), remaining, resetAt(reply).orElse(null)));
        }

        @Override
        public String spent(HttpFetcher.Reply reply, HttpFetcher.Budget budget) {
            if (reply != null && !spentBudget(reply)) {
                return "GitHub's secondary rate limit (too many requests in a short time)";
            }
            String limit = budget != null && budget.limit() > 0 ? budget.limit() + " requests per hour; " : "";
            String reset = budget != null && budget.reset() != null ? budget.reset().toString() : "an unknown time";
            return "the GitHub API rate limit is exhausted (" + limit + "resets at " + reset + ")";
        }
    };

    private static boolean spentBudget(HttpFetcher.Reply reply) {
        return reply.header("x-ratelimit-remaining").map(String::trim).filter("0"::equals).isPresent();
    }

    private final String name;
    private final URI base;
    private final String organization;
    private final String user;
    private final Predicate<String> repositories;
    private final int pullRequestDays;
    private final String token;
    private final HttpFetcher http;
    private final JsonMapper json;
    private final CollectionProgress progress;

    GitHubSource(String name, CollectorSettings settings, String token, HttpFetcher http, JsonMapper json) {
        this.name = name;
        this.base = URI.create(trimSlash(settings.get("apiUrl")));
        this.organization = settings.get("organization");
        this.user = settings.get("user");
        String filter = settings.get("repositories");
        List<Predicate<String>> globs = filter == null || filter.isBlank() ? List.of()
                : Arrays.stream(filter.split("[,\\s]+")).filter(s -> !s.isBlank()).map(ApiSupport::glob).toList();
        this.repositories = globs.isEmpty() ? s -> true : s -> globs.stream().anyMatch(g -> g.test(s));
        this.pullRequestDays = Integer.parseInt(settings.get("pullRequestDays"));
        this.token = token;
        this.http = http;
        this.json = json;
        this.progress = http.progress();
    }

    @Override
    public List<CollectedDocument> collect(Path dir) {
        progress.phase("Listing the repositories of " + (organization != null ? "the organization " + organization
                : "the user " + user));
        List<JsonNode> repos = repositories();
        progress.items(repos.size());
        Path reposFile = dir.resolve(name + "-github-repos.json");
        try (JsonFile out = JsonFile.array(reposFile, json)) {
            repos.forEach(out::add);
        }
        List<JsonNode> active = repos.stream()
                .filter(r -> !r.path("archived").asBoolean(false) && !r.path("disabled").asBoolean(false)).toList();
        Path protectionFile = dir.resolve(name + "-github-branch-protection.json");
        long protections;
        try (JsonFile out = JsonFile.object(protectionFile, json)) {
            int n = 0;
            for (JsonNode repo : active) {
                progress.phase("Reading branch protection (" + (++n) + " of " + active.size() + " repositories)");
                protection(repo, out);
            }
            protections = out.count();
        }
        Instant since = http.now().minus(Duration.ofDays(pullRequestDays));
        Path pullsFile = dir.resolve(name + "-github-pulls.json");
        long pulls;
        try (JsonFile out = JsonFile.array(pullsFile, json)) {
            int n = 0;
            for (JsonNode repo : active) {
                progress.phase("Reading merged pull requests (" + (++n) + " of " + active.size() + " repositories)");
                mergedPulls(repo.path("full_name").asString(), since, out);
            }
            pulls = out.count();
        }
        return List.of(new CollectedDocument("github-repos", reposFile.getFileName().toString(), reposFile, repos.size()),
                new CollectedDocument("github-branch-protection", protectionFile.getFileName().toString(),
                        protectionFile, protections),
                new CollectedDocument("github-pulls", pullsFile.getFileName().toString(), pullsFile, pulls));
    }

    /**
     * An organization's repositories; a user's: {@code /user/repos} (private ones included) when the
     * token belongs to that user, else {@code /users/{user}/repos} (public ones only, as GitHub answers).
     */
    private List<JsonNode> repositories() {
        List<JsonNode> out = new ArrayList<>();
        URI next;
        String notFound;
        if (organization != null) {
            next = base.resolve(base.getPath() + "/orgs/" + ApiSupport.enc(organization) + "/repos?per_page=100&type=all");
            notFound = "Is the organization '" + organization + "' spelled right, and can the token see it?";
        } else if (user.equalsIgnoreCase(tokenOwner())) {
            next = base.resolve(base.getPath() + "/user/repos?per_page=100&affiliation=owner&visibility=all");
            notFound = null;
        } else {
            next = base.resolve(base.getPath() + "/users/" + ApiSupport.enc(user) + "/repos?per_page=100&type=owner");
            notFound = "Is the user '" + user + "' spelled right?";
        }
        for (int page = 0; next != null; page++) {
            HttpFetcher.Reply r = get(next);
            if (!r.ok()) {
                throw error(r, r.status() == 404 ? notFound : null);
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
            progress.items(1);
            return;
        }
        String message = ApiSupport.apiMessage(json, r);
        if (r.status() == 404 && message != null && message.toLowerCase().contains("not protected")) {
            out.put(fullName + ":" + branch, ApiSupport.parse(http, json, r));
            progress.items(1);
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
                progress.items(1);
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

    /** The login of the token's owner ({@code GET /user}); null for a token that is not a user's (an app's). */
    private String tokenOwner() {
        HttpFetcher.Reply r = get(base.resolve(base.getPath() + "/user"));
        if (r.status() == 403 || r.status() == 404) {
            return null;
        }
        if (!r.ok()) {
            throw error(r, null);
        }
        return ApiSupport.parse(http, json, r).path("login").asString(null);
    }

    private HttpFetcher.Reply get(URI uri) {
        return http.send(() -> {
            HttpRequest.Builder b = http.request(uri).GET().header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", API_VERSION).header("User-Agent", "Assayer-collector");
            return b.header("Authorization", "Bearer " + token).build();
        });
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
