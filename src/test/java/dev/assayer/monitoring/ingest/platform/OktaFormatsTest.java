package dev.assayer.monitoring.ingest.platform;

import static dev.assayer.monitoring.ingest.platform.Fixtures.byId;
import static dev.assayer.monitoring.ingest.platform.Fixtures.problem;
import static dev.assayer.monitoring.ingest.platform.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OktaFormatsTest {

    private final OktaUsersFormat users = new OktaUsersFormat();
    private final OktaSystemLogFormat log = new OktaSystemLogFormat();

    @Test
    void users_carry_status_sign_in_times_and_mfa_when_factors_are_embedded() {
        List<Resource> all = read(users, "okta/users.json");

        assertThat(all).hasSize(6);
        Fixtures.assertJsonLike(all);
        Resource alice = byId(all, "00u1alice0000000001");
        assertThat(alice.type()).isEqualTo("okta.user");
        assertThat(alice.attributes()).containsEntry("status", "ACTIVE").containsEntry("active", true)
                .containsEntry("login", "alice@acme.example").containsEntry("last_login", "2026-11-20T08:14:22Z")
                .containsEntry("mfa_enrolled", true).containsEntry("mfa_factors", List.of("push", "token:software:totp"))
                .containsEntry("factors_included", true).containsEntry("provider_type", "OKTA");
        // a factor still pending activation is not an enrolment
        assertThat(byId(all, "00u1bob00000000002").attributes()).containsEntry("mfa_enrolled", false);
        Resource chloe = byId(all, "00u1chloe000000003");
        assertThat(chloe.attributes()).containsEntry("first_name", "Chloé").containsEntry("department", "Finanzen")
                .doesNotContainKeys("last_login", "password_changed");
        assertThat(byId(all, "00u1dan00000000004").attributes()).containsEntry("status", "DEPROVISIONED")
                .containsEntry("active", false).containsEntry("status_changed", "2026-10-01T17:00:00Z");
        // without embedded factors MFA is unknown, not false
        assertThat(byId(all, "00u1eve00000000005").attributes()).containsEntry("factors_included", false)
                .doesNotContainKey("mfa_enrolled");
    }

    @Test
    void truncated_users_name_the_position() {
        InputProblem p = problem(users, "okta/users-truncated.json");
        assertThat(p.file()).isEqualTo("users-truncated.json");
        assertThat(p.line()).isGreaterThan(50);
        assertThat(p.problem()).contains("truncated");
    }

    @Test
    void system_log_events_read_as_users_are_rejected_naming_the_first_record() {
        InputProblem p = problem(users, "okta/okta-users-mislabeled.json");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.problem()).contains("user has no id");
    }

    @Test
    void events_are_observed_when_published_and_flatten_actor_client_and_outcome() {
        List<Resource> all = read(log, "okta/system-log.json");

        assertThat(all).hasSize(14); // the duplicate event is emitted as read
        Fixtures.assertJsonLike(all);
        Resource first = all.get(0);
        assertThat(first.type()).isEqualTo("okta.event");
        assertThat(first.id()).isEqualTo("a1b2c3d4-0001-11ef-8000-000000000001");
        assertThat(first.observedAt()).isEqualTo(Instant.parse("2026-11-20T08:14:22.123Z"));
        assertThat(first.attributes()).containsEntry("event_type", "user.session.start").containsEntry("outcome", "SUCCESS")
                .containsEntry("actor_login", "alice@acme.example").containsEntry("client_ip", "203.0.113.7")
                .containsEntry("client_city", "Zürich").containsEntry("is_proxy", false)
                .containsEntry("threat_suspected", false).containsEntry("mfa_failure", false);
        Resource grant = byId(all, "c0000000-0002-11ef-8000-00000000c002");
        assertThat(grant.attributes()).containsEntry("target_logins", List.of("alice@acme.example"));
        assertThat(Fixtures.list(grant.attributes().get("targets"))).singleElement()
                .satisfies(t -> assertThat(Fixtures.map(t)).containsEntry("type", "User").containsEntry("id", "00u1alice0000000001"));
    }

    @Test
    void failed_mfa_events_count_the_actors_failures_in_the_last_ten_minutes() {
        List<Resource> all = read(log, "okta/system-log.json");

        List<Object> counts = all.stream().filter(r -> Boolean.TRUE.equals(r.attributes().get("mfa_failure")))
                .filter(r -> "bob@acme.example".equals(r.attributes().get("actor_login")))
                .map(r -> r.attributes().get("actor_mfa_failures_10m")).toList();
        assertThat(counts).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        // alice's denied push is one failure of her own
        assertThat(byId(all, "c0000000-0001-11ef-8000-00000000c001").attributes())
                .containsEntry("mfa_failure", true).containsEntry("actor_mfa_failures_10m", 1L);
        assertThat(byId(all, "a1b2c3d4-0002-11ef-8000-000000000002").attributes()).doesNotContainKey("actor_mfa_failures_10m");
    }

    @Test
    void failures_further_apart_than_the_window_do_not_add_up() {
        String events = "[" + event("e1", "2026-01-01T10:00:00Z") + "," + event("e2", "2026-01-01T10:09:00Z") + ","
                + event("e3", "2026-01-01T10:20:00Z") + "]";
        List<Resource> all = Fixtures.readText(log, "log.json", events, null);
        assertThat(all).extracting(r -> r.attributes().get("actor_mfa_failures_10m")).containsExactly(1L, 2L, 1L);
    }

    private static String event(String uuid, String published) {
        return "{\"uuid\":\"" + uuid + "\",\"published\":\"" + published + "\",\"eventType\":\"user.authentication.auth_via_mfa\","
                + "\"actor\":{\"id\":\"00u1\",\"alternateId\":\"x@acme.example\"},\"outcome\":{\"result\":\"FAILURE\"}}";
    }

    @Test
    void events_are_handed_over_as_they_are_read() {
        List<Resource> seen = new java.util.ArrayList<>();
        String broken = "[" + event("e1", "2026-01-01T10:00:00Z") + ",\n" + event("e2", "2026-01-01T10:01:00Z") + ",\n{oops";
        try {
            log.read("log.json", new java.io.ByteArrayInputStream(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    null, seen::add);
            throw new AssertionError("expected an InputProblem");
        } catch (InputProblem e) {
            assertThat(e.line()).isEqualTo(3);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the caller got both events before the bad one was reached (the array is streamed, not loaded whole)
        assertThat(seen).extracting(Resource::id).containsExactly("e1", "e2");
    }

    @Test
    void a_truncated_log_names_the_position_and_an_event_without_uuid_is_rejected() {
        InputProblem p = problem(log, "okta/system-log-truncated.json");
        assertThat(p.line()).isGreaterThan(100);
        assertThat(p.problem()).contains("truncated");

        InputProblem noUuid = Fixtures.problemText(log, "log.json", "[\n{\"eventType\":\"user.session.start\"}\n]", null);
        assertThat(noUuid.line()).isEqualTo(2);
        assertThat(noUuid.problem()).contains("uuid");
    }
}
