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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Sends the collectors' read-only requests: a timeout per request, bounded retries with exponential
 * backoff on network failures and 5xx, and the API's rate limits respected.
 *
 * <p>Rate limits ({@link RateLimits}, one set of rules per API): each answer may report a budget
 * (remaining requests of a bucket and when it resets); before the next request on a bucket whose
 * budget is spent down to its reserve, the fetcher waits for the reset. A throttled answer (429, a
 * GitHub secondary limit, AWS ThrottlingException) is waited out — Retry-After, else the reset, else
 * the backoff doubling — and retried; throttled answers do not use up the error attempts but are
 * bounded by {@link Policy#maxThrottleWaits}. A wait longer than {@link Policy#maxWait} stops the
 * collection with a clear error instead. Every wait goes through the {@link Sleeper} (tests record
 * instead of sleeping) and is reported to the {@link CollectionProgress}. Error messages name the
 * collector, the request and the status, and are scrubbed of the collector's secrets.
 */
final class HttpFetcher {

    /** How hard to try. */
    record Policy(int maxAttempts, Duration backoff, Duration maxWait, Duration timeout, int maxThrottleWaits) {
        static Policy standard(Duration backoff, Duration maxWait) {
            return new Policy(4, backoff, maxWait, Duration.ofSeconds(60), 10);
        }
    }

    /** Waits between attempts; tests pass one that only records. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** What an answer says about a bucket's budget. */
    record Budget(long limit, long remaining, Instant reset) {
    }

    /** An API's rate-limit rules. */
    interface RateLimits {

        /** True when {@code reply} says "too many requests, wait" (it is then waited out and retried). */
        default boolean throttled(Reply reply) {
            return reply.status() == 429;
        }

        /** How long {@code reply} asks to wait; empty = the backoff. */
        default Optional<Duration> retryAfter(Reply reply, Instant now) {
            return retryAfterHeader(reply, now);
        }

        /** The budget the answer reports, if the API reports one. */
        default Optional<Budget> budget(Reply reply) {
            return Optional.empty();
        }

        /** The bucket a request counts against (budgets are kept per bucket). */
        default String bucket(URI uri) {
            return "";
        }

        /** Requests of a bucket left for other integrations: the fetcher waits for the reset at this level. */
        default long reserve(Budget budget) {
            return 0;
        }

        /** Words for a spent budget, e.g. "the GitHub API rate limit is exhausted (resets at …)". */
        default String spent(Reply reply, Budget budget) {
            return "the API's rate limit is exhausted" + (budget == null || budget.reset() == null ? ""
                    : " (resets at " + budget.reset() + ")");
        }

        RateLimits NONE = new RateLimits() {
        };
    }

    /** One answer (after retries). {@code attempts}: how many times the request was sent. */
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

    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final String who;
    private final HttpClient client;
    private final Policy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RateLimits limits;
    private final Redactor redactor;
    private final CollectionProgress progress;
    private final Map<String, Budget> budgets = new HashMap<>();

    HttpFetcher(String who, HttpClient client, Policy policy, Sleeper sleeper, Clock clock, RateLimits limits,
            Redactor redactor, CollectionProgress progress) {
        this.who = who;
        this.client = client;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.limits = limits;
        this.redactor = redactor;
        this.progress = progress;
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

    CollectionProgress progress() {
        return progress;
    }

    Redactor redactor() {
        return redactor;
    }

    /**
     * Sends the request built by {@code request} (built again for each attempt, so signatures and dates
     * are fresh) and returns the last answer; retries network failures, 5xx and {@code alsoRetry}, and
     * waits out rate limits and throttling as described above.
     */
    Reply send(Supplier<HttpRequest> request, Predicate<Reply> alsoRetry) {
        int sends = 0;
        int errors = 0;
        int throttles = 0;
        while (true) {
            HttpRequest req = request.get();
            String bucket = limits.bucket(req.uri());
            Budget budget = budgets.get(bucket);
            if (budget != null && budget.reset() != null && budget.remaining() <= limits.reserve(budget)
                    && budget.reset().isAfter(now())) {
                Duration wait = Duration.between(now(), budget.reset()).plusSeconds(1);
                if (wait.compareTo(policy.maxWait()) > 0) {
                    throw fail(limits.spent(null, budget) + "; the collection stopped before " + req.method() + " "
                            + show(req.uri()) + " and stored nothing" + tooLong(wait));
                }
                pause(wait, limits.spent(null, budget));
                budgets.remove(bucket);
                req = request.get();
            }
            sends++;
            HttpResponse<byte[]> res;
            try {
                res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                errors++;
                if (errors >= policy.maxAttempts()) {
                    throw fail(req.method() + " " + show(req.uri()) + " failed after " + sends + " attempts: "
                            + describe(e));
                }
                pause(backoff(errors), "a retry after a network failure");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(req.method() + " " + show(req.uri()) + " was interrupted");
            }
            Reply reply = new Reply(req.method(), req.uri(), res.statusCode(), res.headers(),
                    res.body() == null ? new byte[0] : res.body(), sends);
            progress.page();
            Optional<Budget> reported = limits.budget(reply);
            reported.ifPresent(b -> budgets.put(bucket, b));
            if (limits.throttled(reply)) {
                throttles++;
                Duration wait = limits.retryAfter(reply, now()).orElse(backoff(throttles));
                String what = req.method() + " " + show(req.uri()) + " answered HTTP " + reply.status() + ": ";
                if (wait.compareTo(policy.maxWait()) > 0) {
                    throw fail(what + limits.spent(reply, reported.orElse(null)) + "; the collection stopped and stored "
                            + "nothing" + tooLong(wait));
                }
                if (throttles > policy.maxThrottleWaits()) {
                    throw fail(what + "still throttled after " + policy.maxThrottleWaits() + " waits; the collection "
                            + "stopped and stored nothing; try again later");
                }
                pause(wait, limits.spent(reply, reported.orElse(null)));
                budgets.remove(bucket); // waited as told: the old budget no longer applies
                continue;
            }
            boolean retryable = reply.status() >= 500 || alsoRetry.test(reply);
            if (!retryable) {
                return reply;
            }
            errors++;
            if (errors >= policy.maxAttempts()) {
                return reply;
            }
            pause(backoff(errors), "a retry after HTTP " + reply.status());
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
    void waitBeforeAttempt(int attempt, String why) {
        pause(backoff(attempt), why);
    }

    private Duration backoff(int attempt) {
        return policy.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    private String tooLong(Duration wait) {
        return " (waiting " + CollectionProgress.seconds(wait) + " would take longer than the "
                + CollectionProgress.seconds(policy.maxWait()) + " a collection waits; try again later)";
    }

    /** Sleeps {@code d} in slices, reporting the wait and a heartbeat between slices. */
    private void pause(Duration d, String why) {
        progress.waiting(d, why);
        Duration left = d;
        try {
            while (left.compareTo(HEARTBEAT) > 0) {
                sleeper.sleep(HEARTBEAT);
                progress.heartbeat();
                left = left.minus(HEARTBEAT);
            }
            if (!left.isZero() && !left.isNegative()) {
                sleeper.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted while waiting to retry");
        }
    }

    /** Retry-After in seconds or as an HTTP date. */
    static Optional<Duration> retryAfterHeader(Reply reply, Instant now) {
        Optional<String> v = reply.header("Retry-After").map(String::trim);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.get()))));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** A header holding a whole number, if present and valid. */
    static Optional<Long> number(Reply reply, String header) {
        return reply.header(header).flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The URL without user info (there is none, but be sure). */
    static String show(URI uri) {
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
