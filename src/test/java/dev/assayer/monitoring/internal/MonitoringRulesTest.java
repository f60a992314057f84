package dev.assayer.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.monitoring.CheckRunStatus;
import dev.assayer.monitoring.ControlHealth;
import dev.assayer.monitoring.Exclusion;
import dev.assayer.monitoring.ExclusionStatus;
import dev.assayer.monitoring.HealthStatus;
import dev.assayer.monitoring.RunCheck;
import dev.assayer.shared.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MonitoringRulesTest {

    static final Instant DECIDED = Instant.parse("2026-01-10T10:00:00Z");

    static Exclusion exclusion(ExclusionStatus status, LocalDate expires, Instant revokedAt) {
        return new Exclusion(UUID.randomUUID(), "c", "r", "why", expires, status, "req", UUID.randomUUID(),
                DECIDED.minusSeconds(3600), status == ExclusionStatus.PENDING ? null : "boss",
                status == ExclusionStatus.PENDING ? null : DECIDED, null, null, revokedAt, null, 1);
    }

    @Test
    void anExclusionAppliesFromItsApprovalThroughItsExpiryDayUntilRevoked() {
        Exclusion e = exclusion(ExclusionStatus.APPROVED, LocalDate.parse("2026-02-01"), null);
        assertThat(MonitoringRules.appliesAt(e, DECIDED.minusSeconds(1))).as("before approval").isFalse();
        assertThat(MonitoringRules.appliesAt(e, Instant.parse("2026-02-01T23:59:00Z"))).as("on the expiry day").isTrue();
        assertThat(MonitoringRules.appliesAt(e, Instant.parse("2026-02-02T00:00:00Z"))).as("expired").isFalse();
        Exclusion expired = exclusion(ExclusionStatus.EXPIRED, LocalDate.parse("2026-02-01"), null);
        assertThat(MonitoringRules.appliesAt(expired, Instant.parse("2026-01-20T00:00:00Z"))).as("while it ran").isTrue();
        Exclusion revoked = exclusion(ExclusionStatus.REVOKED, LocalDate.parse("2026-06-01"), Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(MonitoringRules.appliesAt(revoked, Instant.parse("2026-01-14T00:00:00Z"))).isTrue();
        assertThat(MonitoringRules.appliesAt(revoked, Instant.parse("2026-01-16T00:00:00Z"))).isFalse();
        assertThat(MonitoringRules.appliesAt(exclusion(ExclusionStatus.PENDING, LocalDate.parse("2026-06-01"), null),
                Instant.parse("2026-01-16T00:00:00Z"))).isFalse();
        assertThat(MonitoringRules.appliesAt(exclusion(ExclusionStatus.REJECTED, LocalDate.parse("2026-06-01"), null),
                Instant.parse("2026-01-16T00:00:00Z"))).isFalse();
    }

    @Test
    void anExclusionNeedsAReasonAndAnExpiryWithinAYear() {
        LocalDate today = LocalDate.parse("2026-03-01");
        MonitoringRules.checkExclusion("c", "r", "why", today.plusYears(1), today);
        assertThatThrownBy(() -> MonitoringRules.checkExclusion("c", "r", " ", today.plusYears(1).plusDays(1), today))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.errors()).extracting(ApiProblem.FieldError::field)
                        .containsExactly("reason", "expiresOn"));
        assertThatThrownBy(() -> MonitoringRules.checkExclusion("c", "r", "why", today, today))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("expiresOn");
    }

    @Test
    void aChecksStatusInARun() {
        assertThat(MonitoringRules.status(5, 1, 1, 1)).isEqualTo(CheckRunStatus.FAIL);
        assertThat(MonitoringRules.status(5, 0, 1, 0)).isEqualTo(CheckRunStatus.ERROR);
        assertThat(MonitoringRules.status(0, 0, 0, 2)).isEqualTo(CheckRunStatus.EXCLUDED);
        assertThat(MonitoringRules.status(3, 0, 0, 2)).isEqualTo(CheckRunStatus.PASS);
        assertThat(MonitoringRules.status(0, 0, 0, 0)).as("applied to no resource").isEqualTo(CheckRunStatus.NOT_APPLICABLE);
    }

    static RunCheck row(String id, long passed, long failed, long errors) {
        long applicable = passed + failed + errors;
        return new RunCheck(UUID.randomUUID(), Instant.EPOCH, id, "Check " + id, "HIGH", List.of("AC-1"), List.of(),
                "aws.iam.user", applicable, applicable, passed, failed, errors, 0,
                MonitoringRules.status(passed, failed, errors, 0));
    }

    @Test
    void aCheckThatWasNotApplicableIsListedButNeverMakesAControlHealthy() {
        UUID control = UUID.randomUUID();
        ControlHealth onlyNotApplicable = MonitoringRules.health(control, "AC-1", List.of("a", "b"),
                Map.of("a", row("a", 0, 0, 0), "b", row("b", 0, 0, 0)), UUID.randomUUID(), Instant.EPOCH);
        assertThat(onlyNotApplicable.status()).isEqualTo(HealthStatus.NOT_APPLICABLE);
        assertThat(onlyNotApplicable.problems()).extracting(ControlHealth.CheckStanding::outcome)
                .containsOnly("NOT_APPLICABLE");
        ControlHealth partly = MonitoringRules.health(control, "AC-1", List.of("a", "b"),
                Map.of("a", row("a", 4, 0, 0), "b", row("b", 0, 0, 0)), UUID.randomUUID(), Instant.EPOCH);
        assertThat(partly.status()).as("healthy on the check that evaluated resources").isEqualTo(HealthStatus.HEALTHY);
        assertThat(partly.problems()).extracting(ControlHealth.CheckStanding::checkId, ControlHealth.CheckStanding::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "NOT_APPLICABLE"));
        assertThat(MonitoringRules.health(control, "AC-1", List.of("a", "b"),
                Map.of("a", row("a", 4, 1, 0), "b", row("b", 0, 0, 0)), UUID.randomUUID(), Instant.EPOCH).status())
                .isEqualTo(HealthStatus.FAILING);
    }

    @Test
    void aControlsHealthFollowsItsWorstCheck() {
        UUID control = UUID.randomUUID();
        assertThat(MonitoringRules.health(control, "AC-1", List.of("a", "b"), null, null, null).status())
                .isEqualTo(HealthStatus.NO_DATA);
        assertThat(MonitoringRules.health(control, "AC-1", List.of("a", "b"), Map.of(), UUID.randomUUID(), Instant.EPOCH)
                .status()).as("none of its checks applied").isEqualTo(HealthStatus.NO_DATA);
        assertThat(MonitoringRules.health(control, "AC-1", List.of("a", "b"), Map.of("a", row("a", 3, 0, 0)),
                UUID.randomUUID(), Instant.EPOCH).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(MonitoringRules.health(control, "AC-1", List.of("a", "b"), Map.of("a", row("a", 3, 0, 0),
                "b", row("b", 1, 0, 2)), UUID.randomUUID(), Instant.EPOCH).status()).isEqualTo(HealthStatus.ERROR);
        ControlHealth failing = MonitoringRules.health(control, "AC-1", List.of("a", "b"),
                Map.of("a", row("a", 3, 2, 0), "b", row("b", 1, 0, 2)), UUID.randomUUID(), Instant.EPOCH);
        assertThat(failing.status()).isEqualTo(HealthStatus.FAILING);
        assertThat(failing.problems()).extracting(ControlHealth.CheckStanding::checkId, ControlHealth.CheckStanding::resources)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 2L), org.assertj.core.groups.Tuple.tuple("b", 2L));
    }
}
