package dev.assayer.vendor.internal;

import dev.assayer.vendor.CriticalityTier;
import java.time.LocalDate;
import java.time.Period;

/**
 * How often a vendor is reviewed, by tier: tier 1 (critical) every year and a SOC report is
 * required, tier 2 every year, tier 3 every two years. A vendor never reviewed is due from the
 * day it was taken on (its contract start, or the day it was registered). No Spring, no SQL.
 */
public final class ReviewSchedule {

    private ReviewSchedule() {
    }

    public static Period interval(CriticalityTier tier) {
        return switch (tier) {
            case TIER_1, TIER_2 -> Period.ofYears(1);
            case TIER_3 -> Period.ofYears(2);
        };
    }

    public static boolean socReportRequired(CriticalityTier tier) {
        return tier == CriticalityTier.TIER_1;
    }

    /**
     * The day the next review is due: the last review plus the tier's interval, or, when never
     * reviewed, {@code takenOnAt} (the first review is due at once).
     */
    public static LocalDate nextReviewDue(CriticalityTier tier, LocalDate lastReviewedOn, LocalDate takenOnAt) {
        if (lastReviewedOn == null) {
            return takenOnAt;
        }
        return lastReviewedOn.plus(interval(tier));
    }

    /** Overdue when the due day has passed: a review due today is not overdue yet. */
    public static boolean overdue(LocalDate due, LocalDate today) {
        return due != null && due.isBefore(today);
    }
}
