package dev.assayer.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.MonitoringAlert;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.tenancy.Role;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

    final Instant now = Instant.parse("2026-03-02T06:00:00Z");

    @Test
    void retriesAfterOneFiveAndThirtyMinutesAndTwoHoursThenGivesUp() {
        assertThat(NotificationRules.nextAttempt(1, now)).contains(now.plus(Duration.ofMinutes(1)));
        assertThat(NotificationRules.nextAttempt(2, now)).contains(now.plus(Duration.ofMinutes(5)));
        assertThat(NotificationRules.nextAttempt(3, now)).contains(now.plus(Duration.ofMinutes(30)));
        assertThat(NotificationRules.nextAttempt(4, now)).contains(now.plus(Duration.ofHours(2)));
        assertThat(NotificationRules.nextAttempt(5, now)).isEmpty();
        assertThat(NotificationRules.MAX_ATTEMPTS).isEqualTo(5);
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBodyAsOpensslComputesIt() {
        // printf '%s.%s' 1700000000 '{"event":"notification.test"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(NotificationRules.signature("whsec_test", 1700000000L, "{\"event\":\"notification.test\"}"))
                .isEqualTo("v1=fed3be83ba68542018a4403d0a01dcf7202e45a1ab52f33395580bf25885bffc");
        assertThat(NotificationRules.signature("whsec_other", 1700000000L, "{\"event\":\"notification.test\"}"))
                .isNotEqualTo("v1=fed3be83ba68542018a4403d0a01dcf7202e45a1ab52f33395580bf25885bffc");
    }

    @Test
    void secretsAreRandomAndRecognisable() {
        SecureRandom r = new SecureRandom();
        String a = NotificationRules.newSecret(r);
        assertThat(a).startsWith("whsec_").hasSize(6 + 43);
        assertThat(NotificationRules.newSecret(r)).isNotEqualTo(a);
    }

    @Test
    void webhookUrlsMustBeHttpsExceptToThisMachine() {
        assertThat(url("https://hooks.example.com/assayer?x=1")).isEqualTo("https://hooks.example.com/assayer?x=1");
        assertThat(url("  http://localhost:8089/hook ")).isEqualTo("http://localhost:8089/hook");
        assertThat(url("http://127.0.0.1:9/h")).isEqualTo("http://127.0.0.1:9/h");
        assertThat(url("")).isNull();
        assertThat(url(null)).isNull();
        for (String bad : List.of("http://hooks.example.com/x", "ftp://example.com/x", "https://user:pw@example.com/x",
                "https://example.com/x#frag", "/relative", "https:///nohost", "not a url", "https://" + "a".repeat(2000))) {
            List<FieldError> errors = new ArrayList<>();
            assertThat(NotificationRules.webhookUrl(bad, errors)).as(bad).isNull();
            assertThat(errors).as(bad).singleElement().extracting(FieldError::field).isEqualTo("webhookUrl");
        }
    }

    @Test
    void onlyTheOriginOfAUrlIsShown() {
        assertThat(NotificationRules.origin("https://hooks.slack.test/services/T0/B0/SECRET")).isEqualTo("https://hooks.slack.test");
        assertThat(NotificationRules.origin("http://localhost:8089/hook")).isEqualTo("http://localhost:8089");
    }

    @Test
    void extraAddressesAreValidatedEachNamedAndDeduplicated() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(NotificationRules.addresses(List.of(" soc@acme.test", "", "SOC@acme.test", "tickets+soc@desk.acme.test"),
                errors)).containsExactly("soc@acme.test", "tickets+soc@desk.acme.test");
        assertThat(errors).isEmpty();
        NotificationRules.addresses(List.of("ok@acme.test", "no-at-sign", "two@@acme.test", "a@b"), errors);
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("extraAddresses[1]", "extraAddresses[2]", "extraAddresses[3]");
        errors.clear();
        NotificationRules.addresses(IntStream.range(0, 51).mapToObj(i -> "p" + i + "@acme.test").toList(), errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("extraAddresses");
    }

    @Test
    void rolesAreTheOrganizationsOwn() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(NotificationRules.roles(List.of("admin", "compliance manager", "ADMIN"), errors))
                .containsExactly(Role.ADMIN, Role.COMPLIANCE_MANAGER);
        NotificationRules.roles(List.of("audit partner", "janitor"), errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("emailRoles[0]", "emailRoles[1]");
    }

    @Test
    void errorsShownNeverCarryTheUrlOrTheSecretAndStayShort() {
        String url = "https://hooks.example.com/services/SECRETPATH";
        String e = NotificationRules.safeError("ConnectException: " + url + " refused\nwith whsec_abc", url, "whsec_abc");
        assertThat(e).doesNotContain("SECRETPATH").doesNotContain("whsec_abc").doesNotContain("\n");
        assertThat(NotificationRules.safeError("x".repeat(2000))).hasSize(500);
    }

    @Test
    void theEmailListsTheMostSevereFirstFiftyAndCountsTheRest() {
        UUID run = UUID.randomUUID();
        List<MonitoringAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            alerts.add(alert(run, "check-" + (100 + i), i == 59 ? "CRITICAL" : "LOW", "res-" + i, "message " + i));
        }
        alerts.add(alert(run, "xss", "HIGH", "<script>alert(1)</script>", "a & b"));
        var m = NotificationMessages.newFailuresEmail("Acme <Corp>", run, now, alerts, "https://assayer.acme.test/");
        assertThat(m.subject()).isEqualTo("[Assayer] Acme <Corp>: 61 new monitoring failures");
        assertThat(m.text()).contains("61 new failures").contains("… and 11 more.")
                .contains("Open alerts: https://assayer.acme.test/monitoring#alerts")
                .contains("https://assayer.acme.test/monitoring/runs/" + run);
        assertThat(m.text().indexOf("[CRITICAL]")).isLessThan(m.text().indexOf("[HIGH]"));
        assertThat(m.text().indexOf("[HIGH]")).isLessThan(m.text().indexOf("[LOW]"));
        assertThat(m.html()).contains("Acme &lt;Corp&gt;").contains("&lt;script&gt;").doesNotContain("<script>")
                .contains("a &amp; b").contains("… and 11 more.");
        assertThat(NotificationMessages.subject("Acme", 1)).isEqualTo("[Assayer] Acme: 1 new monitoring failure");
        String json = NotificationMessages.newFailuresJson(UUID.randomUUID(), "Acme", run, now, alerts, "http://x");
        assertThat(json).contains("\"total\":61").contains("\"more\":11").contains("\"event\":\"monitoring.new_failures\"");
    }

    static MonitoringAlert alert(UUID run, String check, String severity, String resource, String message) {
        return new MonitoringAlert(UUID.randomUUID(), run, check, "Title of " + check, severity, "test.laptop", resource,
                message, Instant.parse("2026-03-02T06:00:00Z"), "OPEN", null, null, null, 0);
    }

    private static String url(String u) {
        List<FieldError> errors = new ArrayList<>();
        String out = NotificationRules.webhookUrl(u, errors);
        assertThat(errors).as(u).isEmpty();
        return out;
    }
}
