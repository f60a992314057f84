package dev.assayer.monitoring.internal.collect;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an Okta org with an SSWS API token (GET only): every user (the default listing leaves out
 * deprovisioned users, so they are read with a second, filtered listing) with their enrolled factors
 * embedded as "factors", and the System Log of the last N days. Pages follow Link rel="next".
 * Writes okta-users and okta-system-log documents.
 */
final class OktaSource implements Source {

    /**
     * Okta's limits are per endpoint and minute: every answer reports X-Rate-Limit-Limit, -Remaining
     * and -Reset. When an endpoint's budget is down to a tenth of its limit (left to the org's other
     * integrations), the fetcher waits for the reset before the next request; a 429 is waited out until
     * X-Rate-Limit-Reset (or Retry-After) and retried.
     */
    static final HttpFetcher.RateLimits LIMITS = new HttpFetcher.RateLimits() {
        @Override
        public Optional<Duration> retryAfter(HttpFetcher.Reply reply, Instant now) {
            Optional<Instant> reset = reset(reply);
            if (reset.isPresent()) {
                Duration d = Duration.between(now, reset.get()).plusSeconds(1);
                return Optional.of(d.isNegative() ? Duration.ofSeconds(1) : d);
            }
            return HttpFetcher.retryAfterHeader(reply, now);
        }

        @Override
        public Optional<HttpFetcher.Budget> budget(HttpFetcher.Reply reply) {
            return HttpFetcher.number(reply, "X-Rate-Limit-Remaining").map(remaining -> new HttpFetcher.Budget(
                    HttpFetcher.number(reply, "X-Rate-Limit-Limit").orElse(-1L), remaining, reset(reply).orElse(null)));
        }

        @Override
        public String bucket(URI uri) {
            return ENDPOINT_ID.matcher(uri.getRawPath()).replaceAll("/users/*/");
        }

        @Override
        public long reserve(HttpFetcher.Budget budget) {
            return budget.limit() > 0 ? budget.limit() / 10 : 0;
        }

        @Override
        public String spent(HttpFetcher.Reply reply, HttpFetcher.Budget budget) {
            String reset = budget != null && budget.reset() != null ? budget.reset().toString() : "an unknown time";
            if (reply == null && budget != null && budget.remaining() > 0) {
                return "the Okta rate limit of this endpoint is down to the share left for other integrations ("
                        + budget.remaining() + " of " + budget.limit() + " requests left; resets at " + reset + ")";
            }
            return "the Okta rate limit of this endpoint is exhausted (resets at " + reset + ")";
        }
    };

    private static final java.util.regex.Pattern ENDPOINT_ID = java.util.regex.Pattern.compile("/users/[^/]+/");

    private final String name;
    private final URI base;
    private final int systemLogDays;
    private final String token;
    private final HttpFetcher http;
    private final JsonMapper json;
    private final CollectionProgress progress;

    OktaSource(String name, CollectorSettings settings, String token, HttpFetcher http, JsonMapper json) {
        this.name = name;
        String url = settings.get("orgUrl");
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.systemLogDays = Integer.parseInt(settings.get("systemLogDays"));
        this.token = token;
        this.http = http;
        this.json = json;
        this.progress = http.progress();
    }

    @Override
    public List<CollectedDocument> collect(Path dir) {
        Path usersFile = dir.resolve(name + "-okta-users.json");
        long users;
        Set<String> seen = new HashSet<>();
        try (JsonFile out = JsonFile.array(usersFile, json)) {
            Consumer<JsonNode> user = u -> {
                if (u instanceof ObjectNode o && seen.add(u.path("id").asString())) {
                    progress.phase("Reading users and their enrolled factors (" + seen.size() + " users so far)");
                    if (!"DEPROVISIONED".equals(u.path("status").asString())) {
                        o.set("factors", factors(u.path("id").asString()));
                    }
                    out.add(o);
                    progress.items(1);
                }
            };
            pages(uri("/api/v1/users?limit=200"), user, "Okta.Users.Read");
            pages(uri("/api/v1/users?limit=200&search=" + ApiSupport.enc("status eq \"DEPROVISIONED\"")), user,
                    "Okta.Users.Read");
            users = out.count();
        }
        Path logFile = dir.resolve(name + "-okta-system-log.json");
        long events;
        Instant until = http.now().truncatedTo(ChronoUnit.SECONDS);
        Instant since = until.minus(Duration.ofDays(systemLogDays));
        progress.phase("Reading the System Log of the last " + systemLogDays + " days");
        try (JsonFile out = JsonFile.array(logFile, json)) {
            pages(uri("/api/v1/logs?since=" + ApiSupport.enc(since.toString()) + "&until=" + ApiSupport.enc(until.toString())
                    + "&limit=1000&sortOrder=ASCENDING"), e -> {
                        out.add(e);
                        progress.items(1);
                    }, "Okta.Logs.Read");
            events = out.count();
        }
        return List.of(new CollectedDocument("okta-users", usersFile.getFileName().toString(), usersFile, users),
                new CollectedDocument("okta-system-log", logFile.getFileName().toString(), logFile, events));
    }

    private JsonNode factors(String userId) {
        HttpFetcher.Reply r = get(uri("/api/v1/users/" + ApiSupport.enc(userId) + "/factors"));
        if (!r.ok()) {
            throw error(r, "Okta.Factors.Read");
        }
        JsonNode body = ApiSupport.parse(http, json, r);
        return body.isArray() ? body : json.createArrayNode();
    }

    /** Every element of every page; an empty page ends the listing (the System Log always offers a next link). */
    private void pages(URI first, Consumer<JsonNode> each, String permission) {
        URI next = first;
        for (int page = 0; next != null && page < ApiSupport.MAX_PAGES; page++) {
            HttpFetcher.Reply r = get(next);
            if (!r.ok()) {
                throw error(r, permission);
            }
            JsonNode body = ApiSupport.parse(http, json, r);
            if (!body.isArray()) {
                throw http.fail("GET " + r.uri().getPath() + " did not answer a JSON array");
            }
            if (body.isEmpty()) {
                return;
            }
            body.forEach(each);
            next = ApiSupport.next(http, base, r);
        }
    }

    private HttpFetcher.Reply get(URI uri) {
        return http.send(() -> http.request(uri).GET().header("Accept", "application/json")
                .header("User-Agent", "Assayer-collector").header("Authorization", "SSWS " + token).build());
    }

    private CollectionException error(HttpFetcher.Reply r, String permission) {
        String hint = switch (r.status()) {
            case 401 -> "The API token is invalid, revoked or expired (Okta expires tokens unused for 30 days): "
                    + "create a new one";
            case 403 -> "The token's administrator may not read this (" + permission
                    + "): create the token as a Read-only Administrator";
            case 404 -> "Is the Okta org URL right?";
            default -> null;
        };
        return http.unexpected(r, ApiSupport.apiMessage(json, r), hint);
    }

    private URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    static Optional<Instant> reset(HttpFetcher.Reply reply) {
        return reply.header("X-Rate-Limit-Reset").flatMap(v -> {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
