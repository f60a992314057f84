package dev.assayer.fieldwork.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Cell by cell against tables computed independently with exact rational arithmetic (see
 * docs/sampling.md), and against the published cells quoted in public sources.
 */
class AttributeSamplingTest {

    private static BigDecimal pct(String percent) {
        return new BigDecimal(percent).movePointLeft(2);
    }

    @ParameterizedTest(name = "risk {0}, expected {1} %, tolerable {2} % -> {3} ({4})")
    @CsvFileSource(resources = "/sampling/sample-sizes.csv", numLinesToSkip = 1)
    void sampleSizeTableCell(String risk, String expected, String tolerable, String size, String allowed) {
        AttributeSampling.SampleSize s = AttributeSampling.sampleSize(new BigDecimal(risk), pct(tolerable), pct(expected));
        if (size.equals("*")) {
            assertThat(s.tooLarge()).isTrue();
        } else {
            assertThat(s.tooLarge()).isFalse();
            assertThat(s.size()).isEqualTo(Integer.parseInt(size));
            assertThat(s.allowedDeviations()).isEqualTo(Integer.parseInt(allowed));
        }
    }

    @ParameterizedTest(name = "risk {0}, n {1}, {2} deviations -> {3} %")
    @CsvFileSource(resources = "/sampling/upper-limits.csv", numLinesToSkip = 1)
    void upperLimitTableCell(String risk, int size, int deviations, String limit) {
        assertThat(AttributeSampling.upperLimitPercent(new BigDecimal(risk), size, deviations))
                .isEqualByComparingTo(limit);
    }

    @ParameterizedTest(name = "published {0}: {1} {2} {3} -> {4}")
    @CsvFileSource(resources = "/sampling/published-cells.csv")
    void publishedCells(String kind, String risk, String a, String b, String expected) {
        if (kind.equals("size")) {
            assertThat(AttributeSampling.sampleSize(new BigDecimal(risk), pct(b), pct(a)).size())
                    .isEqualTo(Integer.parseInt(expected));
        } else {
            assertThat(AttributeSampling.upperLimitPercent(new BigDecimal(risk), Integer.parseInt(a), Integer.parseInt(b)))
                    .isEqualByComparingTo(expected);
        }
    }

    @Test
    void zeroExpectedDeviationsFollowsTheClosedForm() {
        for (String t : new String[] {"0.02", "0.03", "0.05", "0.07", "0.10", "0.20"}) {
            for (String r : new String[] {"0.05", "0.10", "0.01"}) {
                int closed = (int) Math.ceil(Math.log(Double.parseDouble(r)) / Math.log(1 - Double.parseDouble(t)));
                assertThat(AttributeSampling.sampleSize(new BigDecimal(r), new BigDecimal(t), BigDecimal.ZERO).size())
                        .as("risk %s tolerable %s", r, t).isEqualTo(closed);
            }
        }
    }

    @Test
    void upperLimitIsRoundedUpNotToNearest() {
        // exact limit for 1 deviation in 25 at 5 % risk is 17.61 %; the guide's convention rounds up
        assertThat(AttributeSampling.upperLimitPercent(new BigDecimal("0.05"), 25, 1)).isEqualByComparingTo("17.7");
        // P(X <= 1 | 25, 0.177) <= 0.05 < P(X <= 1 | 25, 0.176)
        assertThat(AttributeSampling.binomialCdf(1, 25, 0.177)).isLessThanOrEqualTo(0.05);
        assertThat(AttributeSampling.binomialCdf(1, 25, 0.176)).isGreaterThan(0.05);
    }

    @Test
    void expectedRateAtOrAboveTolerableHasNoSize() {
        assertThat(AttributeSampling.sampleSize(new BigDecimal("0.05"), new BigDecimal("0.03"), new BigDecimal("0.03")).size()).isNull();
    }

    @Test
    void rejectsRatesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> AttributeSampling.sampleSize(new BigDecimal("1.2"), new BigDecimal("0.05"), BigDecimal.ZERO))
                .hasMessageContaining("risk of over-reliance");
        assertThatThrownBy(() -> AttributeSampling.upperLimitPercent(new BigDecimal("0.05"), 10, 11))
                .hasMessageContaining("deviations");
    }
}
