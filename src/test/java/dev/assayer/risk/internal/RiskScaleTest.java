package dev.assayer.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.risk.RiskRating;
import org.junit.jupiter.api.Test;

class RiskScaleTest {

    @Test
    void scoreIsLikelihoodTimesImpactWithTheDefaultBands() {
        RiskScale s = RiskScale.DEFAULT;
        assertThat(s.score(1, 1).score()).isEqualTo(1);
        assertThat(s.score(4, 5).score()).isEqualTo(20);
        assertThat(s.score(2, 2).rating()).isEqualTo(RiskRating.LOW);
        assertThat(s.score(1, 4).rating()).isEqualTo(RiskRating.LOW);
        assertThat(s.score(1, 5).rating()).isEqualTo(RiskRating.MEDIUM);
        assertThat(s.score(3, 3).rating()).isEqualTo(RiskRating.MEDIUM);
        assertThat(s.score(2, 5).rating()).isEqualTo(RiskRating.HIGH);
        assertThat(s.score(3, 5).rating()).isEqualTo(RiskRating.HIGH);
        assertThat(s.score(4, 4).rating()).isEqualTo(RiskRating.CRITICAL);
        assertThat(s.score(5, 5).rating()).isEqualTo(RiskRating.CRITICAL);
        assertThat(s.bandsText()).isEqualTo("low 1–4, medium 5–9, high 10–15, critical 16–25");
    }

    @Test
    void bandsAndSizeAreConfigurable() {
        RiskScale s = new RiskScale(3, 4, 3, 6, 9);
        assertThat(s.maxScore()).isEqualTo(12);
        assertThat(s.score(1, 2).rating()).isEqualTo(RiskRating.LOW);
        assertThat(s.score(1, 3).rating()).isEqualTo(RiskRating.MEDIUM);
        assertThat(s.score(2, 3).rating()).isEqualTo(RiskRating.HIGH);
        assertThat(s.score(3, 4).rating()).isEqualTo(RiskRating.CRITICAL);
        assertThatThrownBy(() -> s.score(4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.score(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inconsistentBandsAreRejected() {
        assertThatThrownBy(() -> new RiskScale(5, 5, 10, 5, 16)).hasMessageContaining("medium");
        assertThatThrownBy(() -> new RiskScale(5, 5, 5, 10, 26)).hasMessageContaining("<= 25");
        assertThatThrownBy(() -> new RiskScale(1, 5, 2, 3, 4)).hasMessageContaining("between 2 and 10");
    }
}
