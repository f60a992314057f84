package dev.assayer.monitoring.internal.collect;

import dev.assayer.monitoring.CollectorKind;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the HTTP client side of a collection and runs it: one shared HttpClient (10 s connect
 * timeout, redirects never followed so a credential is never replayed to another host), a fetcher
 * per collection with the collector's rate-limit rules, its secrets to scrub from messages and the
 * job's progress. {@code assayer.collectors.max-wait} (default 15 minutes) is the longest single
 * wait for a rate limit; a longer one stops the collection with a clear error.
 */
@Component
public class CollectorSources {

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration backoff;
    private final Duration maxWait;
    private final Clock clock;
    private final Sleeper sleeper;
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    public CollectorSources(@Value("${assayer.collectors.retry-backoff:PT1S}") Duration backoff,
            @Value("${assayer.collectors.max-wait:PT15M}") Duration maxWait, Optional<Clock> clock) {
        this(backoff, maxWait, clock.orElse(Clock.systemUTC()), d -> Thread.sleep(d));
    }

    /** For tests: a fixed clock and a sleeper that records; waits up to 15 minutes. */
    public CollectorSources(Duration backoff, Clock clock, Sleeper sleeper) {
        this(backoff, Duration.ofMinutes(15), clock, sleeper);
    }

    public CollectorSources(Duration backoff, Duration maxWait, Clock clock, Sleeper sleeper) {
        this.backoff = backoff;
        this.maxWait = maxWait;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Reads the system and writes its documents under {@code dir}, in import order. Throws
     * {@link CollectionException} naming the collector, the request and the status when it cannot.
     */
    public List<CollectedDocument> collect(CollectorKind kind, String name, CollectorSettings settings,
            Map<String, String> secrets, Path dir) {
        return collect(kind, name, settings, secrets, dir, CollectionProgress.NONE);
    }

    /** The same, reporting requests, items, phases and waits to {@code progress}. */
    public List<CollectedDocument> collect(CollectorKind kind, String name, CollectorSettings settings,
            Map<String, String> secrets, Path dir, CollectionProgress progress) {
        String who = kind.label() + " collector '" + name + "'";
        Redactor redactor = new Redactor(List.copyOf(secrets.values()));
        HttpFetcher.Policy policy = HttpFetcher.Policy.standard(backoff, maxWait);
        Source source = switch (kind) {
            case GITHUB -> new GitHubSource(name, settings, required(who, secrets, "token"),
                    fetcher(who, policy, GitHubSource.LIMITS, redactor, progress), json);
            case OKTA -> new OktaSource(name, settings, required(who, secrets, "apiToken"),
                    fetcher(who, policy, OktaSource.LIMITS, redactor, progress), json);
            case AWS -> new AwsSource(name, settings, new AwsSigV4.Credentials(required(who, secrets, "accessKeyId"),
                    required(who, secrets, "secretAccessKey"), secrets.get("sessionToken")),
                    fetcher(who, policy, AwsSource.LIMITS, redactor, progress), json);
        };
        return source.collect(dir);
    }

    private HttpFetcher fetcher(String who, HttpFetcher.Policy policy, HttpFetcher.RateLimits limits, Redactor redactor,
            CollectionProgress progress) {
        return new HttpFetcher(who, client, policy, sleeper::sleep, clock, limits, redactor, progress);
    }

    private static String required(String who, Map<String, String> secrets, String field) {
        String v = secrets.get(field);
        if (v == null || v.isBlank()) {
            throw new CollectionException(who + ": no " + field + " is stored; set it on the collector's page");
        }
        return v;
    }
}
