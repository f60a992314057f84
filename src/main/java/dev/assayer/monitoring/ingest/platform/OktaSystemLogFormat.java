package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Okta System Log ({@code GET /api/v1/logs}) → {@code okta.event}, id = {@code uuid}, observed at
 * {@code published}. The array is streamed. Each failed MFA event also carries how many failed MFA
 * events the same actor had within the ten minutes up to it ({@code actor_mfa_failures_10m}), counted
 * over the events read so far (the API returns them in time order).
 */
public final class OktaSystemLogFormat extends JsonRecordFormat {

    public static final String NAME = "okta-system-log";
    static final Duration BURST_WINDOW = Duration.ofMinutes(10);
    static final Set<String> MFA_EVENTS = Set.of("user.authentication.auth_via_mfa", "user.authentication.verify",
            "user.mfa.factor.verify", "user.mfa.okta_verify.deny_push", "system.push.send_factor_verify_push");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Okta System Log events (GET /api/v1/logs), JSON array, streamed";
    }

    @Override
    int detect(Head h) {
        if (h.emptyArray) {
            return h.lowerName().contains("okta") && h.lowerName().contains("log") ? 20 : 0;
        }
        if (h.hasAll("uuid", "published", "eventType")) {
            return 95;
        }
        if (h.has("eventType") && h.hasAny("actor.id", "actor.alternateId") && h.has("outcome.result")) {
            return 85;
        }
        return 0;
    }

    @Override
    String recordName() {
        return "an event object";
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        Instant at = Json.importedAt(options);
        Bursts bursts = new Bursts();
        Json.records(filename, in, recordName(), rec -> sink.accept(event(filename, rec, at, bursts)));
    }

    @Override
    Resource toResource(String filename, Json.Rec rec, Instant importedAt) {
        return event(filename, rec, importedAt, new Bursts());
    }

    private Resource event(String filename, Json.Rec rec, Instant importedAt, Bursts bursts) {
        JsonNode n = rec.node();
        String uuid = required(filename, rec, "uuid", "event");
        String eventType = Json.text(n, "eventType");
        String published = Json.timestamp(n, "published");
        Instant publishedAt = Json.instant(published);
        String outcome = Json.text(n, "outcome.result");
        List<Map<String, Object>> targets = new ArrayList<>();
        List<String> targetLogins = new ArrayList<>();
        JsonNode ts = n.path("target");
        if (ts.isArray()) {
            for (JsonNode t : ts) {
                targets.add(new Attrs().put("id", Json.text(t, "id")).put("type", Json.text(t, "type"))
                        .put("alternate_id", Json.text(t, "alternateId"))
                        .put("display_name", Json.text(t, "displayName")).build());
                String alt = Json.text(t, "alternateId");
                if (alt != null) {
                    targetLogins.add(alt);
                }
            }
        }
        boolean mfaFailure = eventType != null && (eventType.equals("user.mfa.okta_verify.deny_push")
                || (MFA_EVENTS.contains(eventType) && outcome != null
                        && (outcome.equals("FAILURE") || outcome.equals("DENY"))));
        String actorId = Json.text(n, "actor.id");
        Attrs a = new Attrs()
                .put("event_type", eventType)
                .put("published", published)
                .put("severity", Json.text(n, "severity"))
                .put("display_message", Json.text(n, "displayMessage"))
                .put("legacy_event_type", Json.text(n, "legacyEventType"))
                .put("actor_id", actorId)
                .put("actor_type", Json.text(n, "actor.type"))
                .put("actor_login", Json.text(n, "actor.alternateId"))
                .put("actor_display_name", Json.text(n, "actor.displayName"))
                .put("client_ip", Json.text(n, "client.ipAddress"))
                .put("client_user_agent", Json.text(n, "client.userAgent.rawUserAgent"))
                .put("client_country", Json.text(n, "client.geographicalContext.country"))
                .put("client_city", Json.text(n, "client.geographicalContext.city"))
                .put("outcome", outcome)
                .put("outcome_reason", Json.text(n, "outcome.reason"))
                .put("targets", targets)
                .put("target_logins", targetLogins)
                .put("authentication_provider", Json.text(n, "authenticationContext.authenticationProvider"))
                .put("credential_provider", Json.text(n, "authenticationContext.credentialProvider"))
                .put("credential_type", Json.text(n, "authenticationContext.credentialType"))
                .put("external_session_id", Json.text(n, "authenticationContext.externalSessionId"))
                .put("is_proxy", Json.bool(n, "securityContext.isProxy"))
                .put("as_org", Json.text(n, "securityContext.asOrg"))
                .put("threat_suspected", Json.bool(n, "debugContext.debugData.threatSuspected"))
                .put("transaction_id", Json.text(n, "transaction.id"))
                .put("mfa_failure", mfaFailure);
        if (mfaFailure) {
            a.put("actor_mfa_failures_10m", bursts.add(actorId == null ? "?" : actorId, publishedAt));
        }
        return new Resource("okta.event", uuid, a.build(), source(filename), publishedAt == null ? importedAt : publishedAt);
    }

    /** Failed-MFA times per actor within the window; works for ascending or descending logs. */
    static final class Bursts {
        private final Map<String, Deque<Instant>> byActor = new HashMap<>();
        private long added;

        long add(String actor, Instant at) {
            Deque<Instant> times = byActor.computeIfAbsent(actor, k -> new ArrayDeque<>());
            if (at != null) {
                times.removeIf(t -> Duration.between(t, at).abs().compareTo(BURST_WINDOW) > 0);
                times.addLast(at);
            }
            if (++added % 10_000 == 0) {
                prune(at);
            }
            return Math.max(1, times.size());
        }

        private void prune(Instant now) {
            if (now == null) {
                return;
            }
            Iterator<Map.Entry<String, Deque<Instant>>> it = byActor.entrySet().iterator();
            while (it.hasNext()) {
                Deque<Instant> d = it.next().getValue();
                d.removeIf(t -> Duration.between(t, now).abs().compareTo(BURST_WINDOW) > 0);
                if (d.isEmpty()) {
                    it.remove();
                }
            }
        }
    }
}
