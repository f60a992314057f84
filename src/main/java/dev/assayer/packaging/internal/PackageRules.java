package dev.assayer.packaging.internal;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceItem;
import java.time.LocalDate;

/** Which evidence belongs in an engagement's package. Pure: no Spring, no SQL. */
public final class PackageRules {

    private PackageRules() {
    }

    /**
     * True when {@code item} is relevant to the engagement: for a Type II, its effective date lies in
     * the period or its covered period overlaps it; for a Type I, it was effective (or its covered
     * period began) on or before the as-of date — the same window readiness uses.
     */
    public static boolean relevant(Engagement e, EvidenceItem item) {
        LocalDate from = item.effectiveDate() != null ? item.effectiveDate() : item.periodStart();
        LocalDate to = item.effectiveDate() != null ? item.effectiveDate()
                : item.periodEnd() != null ? item.periodEnd() : item.periodStart();
        if (from == null) {
            return false;
        }
        if (e.reportType() == ReportType.TYPE2) {
            if (e.periodStart() == null || e.periodEnd() == null) {
                return false;
            }
            return !to.isBefore(e.periodStart()) && !from.isAfter(e.periodEnd());
        }
        LocalDate asOf = e.asOfDate() != null ? e.asOfDate() : e.periodEnd();
        return asOf != null && !from.isAfter(asOf);
    }
}
