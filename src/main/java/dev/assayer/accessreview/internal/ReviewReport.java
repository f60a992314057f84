package dev.assayer.accessreview.internal;

import dev.assayer.accessreview.AccessReview;
import dev.assayer.accessreview.Progress;
import dev.assayer.accessreview.RemediationTask;
import dev.assayer.accessreview.ReviewAccount;
import dev.assayer.accessreview.RosterStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The completed campaign report filed as evidence: one CSV line per account (as imported, its
 * roster status, reviewer, decision with justifications, and its remediation task), plus a short
 * summary in words for the evidence description. Deterministic for the same campaign.
 */
public final class ReviewReport {

    public static final List<String> COLUMNS = List.of("line", "account", "email", "name", "entitlement", "last_login",
            "status", "roster_status", "roster_note", "reviewer", "assignment_note", "decision", "justification",
            "new_entitlement", "self_review_justification", "decided_by", "decided_at", "task", "task_status",
            "task_done_on", "task_done_by", "task_ticket");

    private ReviewReport() {
    }

    public static String csv(List<ReviewAccount> accounts) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new))
                .setRecordSeparator("\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (ReviewAccount a : accounts) {
                RemediationTask t = a.task();
                List<Object> row = new ArrayList<>();
                row.add(a.line());
                row.add(a.account());
                row.add(a.email());
                row.add(a.name());
                row.add(a.entitlement());
                row.add(a.lastLogin());
                row.add(a.accountStatus());
                row.add(a.rosterStatus().name());
                row.add(a.rosterNote());
                row.add(a.reviewer());
                row.add(a.assignmentNote());
                row.add(a.decision() == null ? null : a.decision().name());
                row.add(a.justification());
                row.add(a.newEntitlement());
                row.add(a.selfReviewJustification());
                row.add(a.decidedBy());
                row.add(a.decidedAt());
                row.add(t == null ? null : t.description());
                row.add(t == null ? null : t.status().name());
                row.add(t == null ? null : t.doneOn());
                row.add(t == null ? null : t.doneBy());
                row.add(t == null ? null : t.ticket());
                printer.printRecord(row.stream().map(v -> v == null ? "" : String.valueOf(v)).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A few sentences for the evidence description and the campaign page. */
    public static String summary(AccessReview r, List<ReviewAccount> accounts, String signedOffBy, Instant signedOffAt) {
        Progress p = r.progress();
        long reviewers = accounts.stream().map(ReviewAccount::reviewerId).distinct().count();
        long selfReviews = accounts.stream().filter(a -> a.selfReviewJustification() != null).count();
        long left = accounts.stream().filter(a -> a.rosterStatus() == RosterStatus.LEFT).count();
        LocalDate lastDone = accounts.stream().map(ReviewAccount::task).filter(t -> t != null && t.doneOn() != null)
                .map(RemediationTask::doneOn).max(LocalDate::compareTo).orElse(null);
        StringBuilder s = new StringBuilder();
        s.append("Access review of ").append(r.system()).append(" as of ").append(r.asOfDate()).append(" (due ")
                .append(r.dueDate()).append("). ");
        if (r.source() != null) {
            s.append("Account list ").append(r.source().filename() == null ? "" : "'" + r.source().filename() + "' ")
                    .append("(SHA-256 ").append(r.source().sha256()).append(") imported by ")
                    .append(r.source().importedBy()).append(" on ").append(day(r.source().importedAt())).append(". ");
        }
        s.append(p.accounts()).append(" account").append(p.accounts() == 1 ? "" : "s").append(" reviewed by ")
                .append(reviewers).append(" reviewer").append(reviewers == 1 ? "" : "s").append(": ")
                .append(p.kept()).append(" kept, ").append(p.revoked()).append(" revoked, ").append(p.changed())
                .append(" changed. ");
        s.append(p.flagged()).append(" owner").append(p.flagged() == 1 ? "" : "s").append(" flagged (")
                .append(left).append(" left the organization before the as-of date). ");
        if (selfReviews > 0) {
            s.append(selfReviews).append(" self-review").append(selfReviews == 1 ? "" : "s")
                    .append(" with a recorded justification. ");
        }
        s.append(p.tasksDone()).append(" remediation task").append(p.tasksDone() == 1 ? "" : "s").append(" done");
        s.append(lastDone == null ? "" : " (the last on " + lastDone + ")").append(". ");
        s.append("Signed off by ").append(signedOffBy).append(" on ").append(day(signedOffAt)).append('.');
        return s.toString();
    }

    /** The report's file name: the system as a slug and the as-of date. */
    public static String filename(AccessReview r) {
        String slug = r.system().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "access-review-" + (slug.isEmpty() ? "system" : slug) + "-" + r.asOfDate() + ".csv";
    }

    private static LocalDate day(Instant i) {
        return i == null ? null : LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
}
