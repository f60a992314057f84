package dev.assayer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void firstFailuresAreFree() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            assertThat(LoginThrottle.lockedUntil(i, now)).isNull();
        }
    }

    @Test
    void lockDoublesAndIsCappedAtOneHour() {
        assertThat(LoginThrottle.lockedUntil(5, now)).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(LoginThrottle.lockedUntil(6, now)).isEqualTo(now.plus(Duration.ofMinutes(2)));
        assertThat(LoginThrottle.lockedUntil(8, now)).isEqualTo(now.plus(Duration.ofMinutes(8)));
        assertThat(LoginThrottle.lockedUntil(12, now)).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(LoginThrottle.lockedUntil(500, now)).isEqualTo(now.plus(Duration.ofHours(1)));
    }

    @Test
    void lockEndsAtItsTime() {
        Instant until = now.plusSeconds(60);
        assertThat(LoginThrottle.isLocked(until, now)).isTrue();
        assertThat(LoginThrottle.isLocked(until, until)).isFalse();
        assertThat(LoginThrottle.isLocked(null, now)).isFalse();
    }
}
