package dev.assayer.fieldwork.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.fieldwork.WorkpaperFormat;
import dev.assayer.fieldwork.internal.export.WorkpaperNames;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Export file names: readable, ASCII, safe in any file system. */
class WorkpaperNamesTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 9);

    @Test
    void namesCarryTheEngagementTheControlAndTheDay() {
        assertThat(WorkpaperNames.filename("SOC 2 Type II — FY2026", null, DAY, WorkpaperFormat.XLSX))
                .isEqualTo("workpapers-soc-2-type-ii-fy2026-2026-03-09.xlsx");
        assertThat(WorkpaperNames.filename("Acme Café SOC 1", "CC6.1-02", DAY, WorkpaperFormat.JSON))
                .isEqualTo("workpapers-acme-cafe-soc-1-cc6-1-02-2026-03-09.json");
    }

    @Test
    void nothingButLettersDigitsAndHyphensSurvives() {
        assertThat(WorkpaperNames.slug("../../etc/passwd \"x\"; rm -rf")).isEqualTo("etc-passwd-x-rm-rf");
        assertThat(WorkpaperNames.slug("日本語")).isEmpty();
        assertThat(WorkpaperNames.filename("日本語", "***", DAY, WorkpaperFormat.XLSX))
                .isEqualTo("workpapers-engagement-control-2026-03-09.xlsx");
        assertThat(WorkpaperNames.slug("a".repeat(59) + " b c")).hasSizeLessThanOrEqualTo(60).doesNotEndWith("-");
    }
}
