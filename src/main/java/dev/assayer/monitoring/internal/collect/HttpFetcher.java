package dev.assayer.monitoring.internal.collect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Sends the collectors' read-only requests: a timeout per request, bounded retries with exponential
 * backoff on network failures, 429 and 5xx (and whatever else the API calls throttling), Retry-After
 * honoured up to a cap, and a rate-limit rule per API that stops the collection with a clear error
 * when the budget is spent. Error messages name the collector, the request and the status, and are
 * scrubbed of the collector's secrets.
 */
final class HttpFetcher {

    /** How hard to try. */
    record Policy(int maxAttempts, Duration backoff, Duration maxWait, Duration timeout) {
        static Policy standard(Duration backoff) {
            return new Policy(4, backoff, Duration.ofSeconds(60), Duration.ofSeconds(60));
        }
    }

    /** Waits between attempts; tests pass one that only records. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** An API's rate-limit rules. */
    interface RateLimits {
        /** Non-null when {@code reply} says the budget is spent and waiting would take too long: the reason. */
        String exhausted(Reply reply, Instant now, Duration maxWait);

        /** How long to wait before retrying a throttled {@code reply}; empty = the backoff. */
        default Optional<Duration> retryAfter(Reply reply, Instant now) {
            return reply.header("Retry-After").flatMap(v -> {
                try {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
        }

        RateLimits NONE = (reply, now, maxWait) -> null;
    }

    /** One answer (after retries). */
    record Reply(String method, URI uri, int status, HttpHeaders headers, byte[] body, int attempts) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        List<String> all(String name) {
            return headers.allValues(name);
        }
    }

    private final String who;
    private final HttpClient client;
    private final Policy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RateLimits limits;
    private final Redactor redactor;

    HttpFetcher(String who, HttpClient client, Policy policy, Sleeper sleeper, Clock clock, RateLimits limits,
            Redactor redactor) {
        this.who = who;
        this.client = client;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.limits = limits;
        this.redactor = redactor;
    }

    String who() {
        return who;
    }

    Instant now() {
        return clock.instant();
    }

    Duration timeout() {
        return policy.timeout();
    }

    /**
     * Sends the request built by {@code request} (built again for each attempt, so signatures and dates
     * are fresh) and returns the last answer; retries network failures, 429, 5xx and {@code alsoRetry}.
     */
    Reply send(Supplier<HttpRequest> request, Predicate<Reply> alsoRetry) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest req = request.get();
            HttpResponse<byte[]> res;
            try {
                res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw fail(req.method() + " " + show(req.uri()) + " failed after " + attempt + " attempts: "
                            + describe(e));
                }
                pause(backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(req.method() + " " + show(req.uri()) + " was interrupted");
            }
            Reply reply = new Reply(req.method(), req.uri(), res.statusCode(), res.headers(),
                    res.body() == null ? new byte[0] : res.body(), attempt);
            String spent = limits.exhausted(reply, now(), policy.maxWait());
            if (spent != null) {
                throw fail(req.method() + " " + show(req.uri()) + " answered HTTP " + reply.status() + ": " + spent);
            }
            boolean retryable = reply.status() == 429 || reply.status() >= 500 || alsoRetry.test(reply);
            if (!retryable || attempt >= policy.maxAttempts()) {
                return reply;
            }
            Duration wait = limits.retryAfter(reply, now()).orElse(backoff(attempt));
            if (wait.compareTo(policy.maxWait()) > 0) {
                throw fail(req.method() + " " + show(req.uri()) + " answered HTTP " + reply.status()
                        + " and asks to wait " + wait.toSeconds() + " s, longer than the " + policy.maxWait().toSeconds()
                        + " s a collection waits; try again later");
            }
            pause(wait);
        }
    }

    Reply send(Supplier<HttpRequest> request) {
        return send(request, r -> false);
    }

    /** A request builder with the policy's timeout. */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(policy.timeout());
    }

    /** The error for an answer the collector cannot use: names the request, the status and the API's own message. */
    CollectionException unexpected(Reply reply, String apiMessage, String hint) {
        StringBuilder msg = new StringBuilder(reply.method()).append(' ').append(show(reply.uri()))
                .append(" answered HTTP ").append(reply.status());
        if (reply.attempts() > 1) {
            msg.append(" after ").append(reply.attempts()).append(" attempts");
        }
        if (apiMessage != null && !apiMessage.isBlank()) {
            String m = apiMessage.strip();
            msg.append(" (").append(m.length() > 300 ? m.substring(0, 300) + "…" : m).append(')');
        }
        if (hint != null) {
            msg.append(". ").append(hint);
        }
        return fail(msg.toString());
    }

    CollectionException fail(String message) {
        return new CollectionException(redactor.scrub(who + ": " + message));
    }

    /** Waits the backoff of the n-th attempt (for polling, e.g. until a report is generated). */
    void waitBeforeAttempt(int attempt) {
        pause(backoff(attempt));
    }

    private Duration backoff(int attempt) {
        return policy.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted while waiting to retry");
        }
    }

    /** The URL without user info (there is none, but be sure). */
    private static String show(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String describe(IOException e) {
        String type = e instanceof java.net.http.HttpTimeoutException ? "timed out"
                : e instanceof java.net.ConnectException ? "connection refused or unreachable"
                : e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
    }
}
