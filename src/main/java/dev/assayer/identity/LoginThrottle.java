package dev.assayer.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * Backoff after repeated failed sign-ins: the first {@value #FREE_ATTEMPTS} failures cost nothing,
 * then each further failure locks the account for twice as long as the one before (1 minute,
 * 2, 4, … at most 1 hour). A successful sign-in resets the count.
 */
public final class LoginThrottle {

    public static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration MAX_LOCK = Duration.ofHours(1);

    private LoginThrottle() {
    }

    /** When the account unlocks after its {@code failedAttempts}-th consecutive failure, or null if not locked. */
    public static Instant lockedUntil(int failedAttempts, Instant now) {
        if (failedAttempts < FREE_ATTEMPTS) {
            return null;
        }
        int doublings = Math.min(failedAttempts - FREE_ATTEMPTS, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        if (lock.compareTo(MAX_LOCK) > 0) {
            lock = MAX_LOCK;
        }
        return now.plus(lock);
    }

    public static boolean isLocked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
