package dev.assayer.demo.internal;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's population of pull requests merged to main, as the client's GitHub export would give
 * it: {@code pr_number,repository,title,author,approved_by,merged_at,checks}, one row per pull
 * request in merge order. The rows are made up from a seed, so the same inputs always give the same
 * bytes (and so the same SHA-256 and the same sample). Pure: no Spring, no I/O.
 */
final class DemoChanges {

    static final String HEADER = "pr_number,repository,title,author,approved_by,merged_at,checks";
    static final String KEY_COLUMN = "pr_number";
    static final String DATE_COLUMN = "merged_at";

    private static final String[] VERBS = {"Add", "Fix", "Refactor", "Remove", "Update", "Speed up", "Log",
            "Validate", "Document", "Retry"};
    private static final String[] THINGS = {"approval step timeout", "document routing rules", "webhook signature check",
            "tenant export job", "audit trail pagination", "SSO session refresh", "form builder autosave",
            "escalation e-mails", "queue metrics", "database connection pool", "attachment virus scan",
            "status page hook", "API rate limits", "feature flag cleanup", "billing usage report",
            "dependency versions", "Terraform state locking", "backup retention", "search index rebuild",
            "customer deletion workflow"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private DemoChanges() {
    }

    /**
     * {@code rows} pull requests merged on weekdays between {@code from} and {@code to} (both
     * included), preceded by one pull request merged on each of {@code outside} (dates outside the
     * period, e.g. just before it), numbered upwards in merge order from 3800.
     *
     * @param engineers GitHub logins; the approver is never the author
     */
    static byte[] csv(LocalDate from, LocalDate to, int rows, List<LocalDate> outside, long seed,
            List<String> repositories, List<String> engineers) {
        if (to.isBefore(from) || rows < 1 || engineers.size() < 2 || repositories.isEmpty()) {
            throw new IllegalArgumentException("a period, rows, two engineers and a repository are needed");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        if (days.isEmpty()) {
            days.add(from);
        }
        List<java.time.Instant> merges = new ArrayList<>();
        outside.stream().sorted().forEach(d -> merges.add(at(d, random)));
        List<java.time.Instant> inside = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            inside.add(at(days.get(random.nextInt(days.size())), random));
        }
        inside.sort(null);
        merges.addAll(inside);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        int number = 3800;
        for (java.time.Instant merged : merges) {
            number += 1 + random.nextInt(3);
            int author = random.nextInt(engineers.size());
            int approver = (author + 1 + random.nextInt(engineers.size() - 1)) % engineers.size();
            String title = VERBS[random.nextInt(VERBS.length)] + " " + THINGS[random.nextInt(THINGS.length)];
            out.append(number).append(',').append(repositories.get(random.nextInt(repositories.size()))).append(',')
                    .append(title).append(',').append(login(engineers.get(author))).append(',')
                    .append(login(engineers.get(approver))).append(',').append(TIME.format(merged)).append(",success\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A working-hours time on that day (UTC), to the second. */
    private static java.time.Instant at(LocalDate day, SplittableRandom random) {
        return day.atTime(LocalTime.of(8, 0).plusSeconds(random.nextInt(11 * 3600))).toInstant(ZoneOffset.UTC);
    }

    /** jonas.weber → jonas-weber: the GitHub login of a person of people.yaml. */
    static String login(String person) {
        return person.replace('.', '-');
    }
}
