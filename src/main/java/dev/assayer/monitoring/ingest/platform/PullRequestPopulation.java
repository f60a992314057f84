package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The population of pull requests merged to their repository's default branch in a period, as CSV
 * for fieldwork's sampling. Columns: {@code key} (owner/repo#number), {@code merged_at} (ISO-8601
 * UTC), {@code repository}, {@code author}, {@code approvers} (logins separated by "; "),
 * {@code approved_by_other} (true, false, or empty when the reviews were not collected). Rows are
 * ordered by merge time, then key, so the same inventory always gives the same file. Pull requests
 * whose default branch is unknown cannot be placed and are left out (GitHub's pull request objects
 * always carry {@code base.repo.default_branch}).
 */
public final class PullRequestPopulation {

    public static final List<String> COLUMNS = List.of("key", "merged_at", "repository", "author", "approvers",
            "approved_by_other");

    private PullRequestPopulation() {
    }

    /**
     * Writes one row per {@code github.pull_request} merged to its default branch with a merge date
     * (UTC) in [{@code from}, {@code to}], both inclusive. Other resource types are ignored.
     */
    public static void toCsv(Iterable<Resource> pullRequests, LocalDate from, LocalDate to, Appendable out) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("the period must have a start on or before its end");
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Row> rows = new ArrayList<>();
        for (Resource r : pullRequests) {
            if (!"github.pull_request".equals(r.type())) {
                continue;
            }
            Map<String, Object> a = r.attributes();
            Instant merged = a.get("merged_at") instanceof String s ? Json.instant(s) : null;
            Object base = a.get("base_ref");
            Object defaultBranch = a.get("default_branch");
            if (merged == null || base == null || defaultBranch == null || !base.equals(defaultBranch)
                    || merged.isBefore(start) || !merged.isBefore(end)) {
                continue;
            }
            String approvers = a.get("approvers") instanceof List<?> l
                    ? String.join("; ", l.stream().map(String::valueOf).toList()) : "";
            Object approved = a.get("approved_by_other");
            rows.add(new Row(r.id(), merged, String.valueOf(a.getOrDefault("repository", "")),
                    String.valueOf(a.getOrDefault("author", "")), approvers,
                    approved instanceof Boolean b ? b.toString() : ""));
        }
        rows.sort(Comparator.comparing(Row::mergedAt).thenComparing(Row::key));
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
            printer.printRecord(COLUMNS);
            for (Row row : rows) {
                printer.printRecord(row.key(), row.mergedAt().toString(), row.repository(), row.author(), row.approvers(),
                        row.approvedByOther());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(String key, Instant mergedAt, String repository, String author, String approvers,
            String approvedByOther) {
    }
}
