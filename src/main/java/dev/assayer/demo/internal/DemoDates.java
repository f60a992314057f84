package dev.assayer.demo.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's audit period, computed from today so the demo always looks live, and the small date
 * language its content uses: {@code P+12} is 12 days after the period start, {@code P-3} three days
 * before it, {@code E-1} relative to the period end, {@code T-5} five days before today. In
 * evidence files {@code {{P+12}}} becomes an ISO date, {@code {{P+12|MMMM d, yyyy}}} a formatted one,
 * and {@code {{YEAR}}} the year the period ends. Pure: no Spring, no I/O.
 */
record DemoDates(LocalDate start, LocalDate end, LocalDate today) {

    private static final Pattern EXPR = Pattern.compile("([PET])([+-]\\d{1,4})?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(?:(YEAR)|([PET](?:[+-]\\d{1,4})?)(?:\\|([^}]+))?)}}");

    /** The period that starts on the first day of the month {@code monthsBack} months before today and runs {@code months}. */
    static DemoDates forToday(LocalDate today, int monthsBack, int months) {
        if (monthsBack < 0 || months < 1) {
            throw new IllegalArgumentException("monthsBack must be >= 0 and months >= 1");
        }
        LocalDate start = today.withDayOfMonth(1).minusMonths(monthsBack);
        return new DemoDates(start, start.plusMonths(months).minusDays(1), today);
    }

    /** The year the period ends, used in the engagement's name. */
    int year() {
        return end.getYear();
    }

    /** Resolves an expression such as {@code P+12}; null or blank → null. */
    LocalDate resolve(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        Matcher m = EXPR.matcher(expression.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + expression + "' is not a demo date (expected e.g. P+12, P-3, E-1, T-5)");
        }
        LocalDate base = switch (m.group(1)) {
            case "P" -> start;
            case "E" -> end;
            default -> today;
        };
        return m.group(2) == null ? base : base.plusDays(Integer.parseInt(m.group(2)));
    }

    /** "P+72 20:58": a demo date and a UTC time of day; null or blank → null. */
    java.time.Instant instant(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        String[] parts = expression.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + expression + "' is not a demo time (expected e.g. P+72 20:58)");
        }
        return resolve(parts[0]).atTime(java.time.LocalTime.parse(parts[1])).toInstant(java.time.ZoneOffset.UTC);
    }

    /** Replaces every placeholder in {@code text}; anything else is left exactly as it is. */
    String render(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String value;
            if (m.group(1) != null) {
                value = Integer.toString(year());
            } else {
                LocalDate date = resolve(m.group(2));
                value = m.group(3) == null ? date.toString()
                        : DateTimeFormatter.ofPattern(m.group(3), Locale.ENGLISH).format(date);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
