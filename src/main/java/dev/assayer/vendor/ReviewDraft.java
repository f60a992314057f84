package dev.assayer.vendor;

import dev.assayer.engagement.ReportType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A review of one vendor report as submitted. Type II reports need {@code periodStart} and
 * {@code periodEnd}, Type I reports {@code asOfDate}. {@code reviewedOn} defaults to today.
 * Each CUEC's {@code control} is one of our control refs or ids, or blank (a gap).
 */
public record ReviewDraft(ReportKind reportKind, ReportType reportType, LocalDate periodStart, LocalDate periodEnd,
        LocalDate asOfDate, String serviceAuditor, Opinion opinion, List<String> exceptions, String exceptionsEffect,
        List<VendorCuec> cuecs, LocalDate bridgeLetterReceivedOn, LocalDate bridgeLetterCoversUntil,
        LocalDate reviewedOn, UUID evidenceId, String notes) {

    public ReviewDraft {
        exceptions = exceptions == null ? List.of() : exceptions;
        cuecs = cuecs == null ? List.of() : cuecs;
    }
}
