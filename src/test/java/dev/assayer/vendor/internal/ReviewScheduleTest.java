package dev.assayer.vendor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.vendor.CriticalityTier;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReviewScheduleTest {

    static final LocalDate LAST = LocalDate.of(2026, 3, 15);
    static final LocalDate TAKEN_ON = LocalDate.of(2025, 1, 1);

    @Test
    void tierOneAndTwoAreReviewedEveryYearTierThreeEveryTwoYears() {
        assertThat(ReviewSchedule.nextReviewDue(CriticalityTier.TIER_1, LAST, TAKEN_ON)).isEqualTo("2027-03-15");
        assertThat(ReviewSchedule.nextReviewDue(CriticalityTier.TIER_2, LAST, TAKEN_ON)).isEqualTo("2027-03-15");
        assertThat(ReviewSchedule.nextReviewDue(CriticalityTier.TIER_3, LAST, TAKEN_ON)).isEqualTo("2028-03-15");
    }

    @Test
    void aVendorNeverReviewedIsDueFromTheDayItWasTakenOn() {
        for (CriticalityTier t : CriticalityTier.values()) {
            assertThat(ReviewSchedule.nextReviewDue(t, null, TAKEN_ON)).isEqualTo(TAKEN_ON);
        }
    }

    @Test
    void leapDayReviewsFallDueOnTheLastDayOfFebruary() {
        assertThat(ReviewSchedule.nextReviewDue(CriticalityTier.TIER_1, LocalDate.of(2028, 2, 29), TAKEN_ON))
                .isEqualTo("2029-02-28");
    }

    @Test
    void onlyTierOneRequiresASocReport() {
        assertThat(ReviewSchedule.socReportRequired(CriticalityTier.TIER_1)).isTrue();
        assertThat(ReviewSchedule.socReportRequired(CriticalityTier.TIER_2)).isFalse();
        assertThat(ReviewSchedule.socReportRequired(CriticalityTier.TIER_3)).isFalse();
    }

    @Test
    void overdueOnlyOnceTheDueDayHasPassed() {
        LocalDate due = LocalDate.of(2026, 6, 30);
        assertThat(ReviewSchedule.overdue(due, LocalDate.of(2026, 6, 29))).isFalse();
        assertThat(ReviewSchedule.overdue(due, due)).isFalse();
        assertThat(ReviewSchedule.overdue(due, LocalDate.of(2026, 7, 1))).isTrue();
        assertThat(ReviewSchedule.overdue(null, LocalDate.of(2026, 7, 1))).isFalse();
    }
}
