package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Okta Users API ({@code GET /api/v1/users}) → {@code okta.user}, id = Okta user id. Each user's factors
 * ({@code GET /api/v1/users/{id}/factors}) may be embedded as {@code "factors"} (or
 * {@code "_embedded": {"factors": […]}}); then {@code mfa_enrolled} is known.
 */
public final class OktaUsersFormat extends JsonRecordFormat {

    public static final String NAME = "okta-users";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Okta Users API (GET /api/v1/users), JSON, optionally with each user's factors embedded as \"factors\"";
    }

    @Override
    int detect(Head h) {
        if (h.emptyArray) {
            return h.lowerName().contains("okta") && h.lowerName().contains("user") ? 20 : 0;
        }
        if (h.hasAll("id", "status") && h.hasAny("profile.login", "profile.email")
                && h.hasAny("created", "activated", "lastLogin", "statusChanged", "passwordChanged", "credentials")
                && !h.has("eventType")) {
            return 90;
        }
        return 0;
    }

    @Override
    String recordName() {
        return "a user object";
    }

    @Override
    Resource toResource(String filename, Json.Rec rec, Instant importedAt) {
        JsonNode n = rec.node();
        String id = required(filename, rec, "id", "user");
        String status = Json.text(n, "status");
        Attrs a = new Attrs()
                .put("login", Json.text(n, "profile.login"))
                .put("email", Json.text(n, "profile.email"))
                .put("first_name", Json.text(n, "profile.firstName"))
                .put("last_name", Json.text(n, "profile.lastName"))
                .put("display_name", Json.text(n, "profile.displayName"))
                .put("department", Json.text(n, "profile.department"))
                .put("title", Json.text(n, "profile.title"))
                .put("user_type", Json.text(n, "type.id"))
                .put("status", status)
                .put("active", status == null ? null : status.equals("ACTIVE"))
                .put("transitioning_to_status", Json.text(n, "transitioningToStatus"))
                .put("created", Json.timestamp(n, "created"))
                .put("activated", Json.timestamp(n, "activated"))
                .put("status_changed", Json.timestamp(n, "statusChanged"))
                .put("last_login", Json.timestamp(n, "lastLogin"))
                .put("last_updated", Json.timestamp(n, "lastUpdated"))
                .put("password_changed", Json.timestamp(n, "passwordChanged"))
                .put("provider_type", Json.text(n, "credentials.provider.type"))
                .put("provider_name", Json.text(n, "credentials.provider.name"));
        JsonNode factors = n.path("factors").isArray() ? n.path("factors") : n.path("_embedded").path("factors");
        a.put("factors_included", factors.isArray());
        if (factors.isArray()) {
            List<String> active = new ArrayList<>();
            for (JsonNode f : factors) {
                String type = Json.text(f, "factorType");
                if ("ACTIVE".equals(Json.text(f, "status")) && type != null && !active.contains(type)) {
                    active.add(type);
                }
            }
            a.put("mfa_enrolled", !active.isEmpty()).put("mfa_factors", active);
        }
        return new Resource("okta.user", id, a.build(), source(filename), importedAt);
    }
}
