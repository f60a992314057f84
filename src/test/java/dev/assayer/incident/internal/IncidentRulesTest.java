package dev.assayer.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.incident.CustomerNotification;
import dev.assayer.incident.IncidentDraft;
import dev.assayer.incident.IncidentStatus;
import dev.assayer.incident.Severity;
import dev.assayer.shared.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncidentRulesTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Instant DETECTED = Instant.parse("2026-05-30T08:00:00Z");
    static final UUID IR1 = UUID.randomUUID();

    static IncidentDraft draft(IncidentStatus status, String rootCause, String lessons, CustomerNotification n) {
        return new IncidentDraft(null, "Phishing led to a compromised mailbox", DETECTED, "SOC analyst", Severity.HIGH,
                true, List.of("Mail"), List.of("Customer emails"), null, rootCause, lessons, n, status,
                List.of("IR-1", "ir-1"), List.of("F-1"));
    }

    static IncidentRules.Valid normalize(IncidentDraft d) {
        return IncidentRules.normalize(d, IncidentStatus.OPEN, NOW,
                ref -> Optional.ofNullable(Map.of("IR-1", IR1).get(ref.toUpperCase())));
    }

    static List<String> fields(Runnable r) {
        try {
            r.run();
        } catch (ApiProblem p) {
            return p.errors().stream().map(ApiProblem.FieldError::field).toList();
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void resolvedRequiresARootCauseAndClosedAlsoLessonsLearned() {
        assertThat(fields(() -> normalize(draft(IncidentStatus.RESOLVED, null, null, null))))
                .containsExactly("rootCause");
        assertThat(fields(() -> normalize(draft(IncidentStatus.CLOSED, null, null, null))))
                .containsExactlyInAnyOrder("rootCause", "lessonsLearned");
        assertThat(normalize(draft(IncidentStatus.RESOLVED, "Missing MFA", null, null)).draft().status())
                .isEqualTo(IncidentStatus.RESOLVED);
        assertThat(normalize(draft(IncidentStatus.CONTAINED, null, null, null)).draft().status())
                .isEqualTo(IncidentStatus.CONTAINED);
    }

    @Test
    void closingARequiredNotificationNeedsWhenAndHow() {
        CustomerNotification pending = new CustomerNotification(true, null, null);
        assertThat(fields(() -> normalize(draft(IncidentStatus.CLOSED, "x", "y", pending))))
                .containsExactly("customerNotification.notifiedAt");
        CustomerNotification early = new CustomerNotification(true, DETECTED.minusSeconds(60), null);
        assertThat(fields(() -> normalize(draft(IncidentStatus.OPEN, null, null, early))))
                .containsExactlyInAnyOrder("customerNotification.how", "customerNotification.notifiedAt");
        CustomerNotification done = new CustomerNotification(true, DETECTED.plusSeconds(3600), "e-mail");
        assertThat(normalize(draft(IncidentStatus.CLOSED, "x", "y", done)).draft().customerNotification().how())
                .isEqualTo("e-mail");
    }

    @Test
    void titleDetectionAndSeverityAreRequiredAndDetectionNotInTheFuture() {
        IncidentDraft empty = new IncidentDraft(null, null, null, null, null, false, null, null, null, null, null,
                null, null, null, null);
        assertThat(fields(() -> normalize(empty))).containsExactlyInAnyOrder("title", "detectedAt", "severity");
        IncidentDraft future = new IncidentDraft(null, "t", NOW.plusSeconds(60), null, Severity.LOW, false, null,
                null, null, null, null, null, null, null, null);
        assertThat(fields(() -> normalize(future))).containsExactly("detectedAt");
    }

    @Test
    void controlsAreResolvedOnceAndUnknownOnesNamed() {
        IncidentRules.Valid v = normalize(draft(IncidentStatus.OPEN, null, null, null));
        assertThat(v.controlIds()).containsExactly(IR1);
        assertThat(v.draft().status()).isEqualTo(IncidentStatus.OPEN);
        IncidentDraft bad = new IncidentDraft(null, "t", DETECTED, null, Severity.LOW, false, null, null, null, null,
                null, null, null, List.of("IR-1", "ZZ-9"), null);
        assertThat(fields(() -> normalize(bad))).containsExactly("controlIds[1]");
    }

    @Test
    void timelineEntriesNeedATimeNotInTheFutureAndText() {
        assertThat(fields(() -> IncidentRules.timelineEntry(null, " ", NOW))).containsExactlyInAnyOrder("at", "text");
        assertThat(fields(() -> IncidentRules.timelineEntry(NOW.plusSeconds(1), "x", NOW))).containsExactly("at");
        assertThat(IncidentRules.timelineEntry(DETECTED, "  Mailbox locked ", NOW)).isEqualTo("Mailbox locked");
    }

    @Test
    void thePeriodWindowCoversWholeUtcDays() {
        Instant[] w = IncidentRules.window(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(w[0]).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(w[1]).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(fields(() -> IncidentRules.window(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1))))
                .containsExactly("to");
        assertThat(fields(() -> IncidentRules.window(null, null))).containsExactlyInAnyOrder("from", "to");
    }

    @Test
    void nextRefFollowsTheHighestNumberInUse() {
        assertThat(IncidentRules.nextRef(List.of("INC-3", "X"))).isEqualTo("INC-4");
    }
}
