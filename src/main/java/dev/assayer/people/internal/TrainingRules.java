package dev.assayer.people.internal;

import dev.assayer.people.Person;
import dev.assayer.people.TrainingDue;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;

/** Security awareness training: annual renewal and when a person's training is overdue. */
public final class TrainingRules {

    private TrainingRules() {
    }

    /** A completion is good for one year: it expires (renewal is due) on the same day a year later. */
    public static LocalDate expiresOn(LocalDate completedOn) {
        return completedOn.plusYears(1);
    }

    /**
     * Whether the active person's training is overdue on {@code today}: none recorded and the
     * onboarding due date has passed, or the latest completion's expiry date has passed. People not
     * active today are never overdue.
     */
    public static Optional<TrainingDue> overdue(Person p, Collection<LocalDate> completions, LocalDate onboardingDue,
            LocalDate today) {
        if (!p.activeOn(today)) {
            return Optional.empty();
        }
        LocalDate latest = completions.stream().max(LocalDate::compareTo).orElse(null);
        if (latest == null) {
            if (!today.isAfter(onboardingDue)) {
                return Optional.empty();
            }
            return Optional.of(new TrainingDue(p.id(), p.name(), p.email(), onboardingDue,
                    "no security awareness training recorded; it was due by " + onboardingDue));
        }
        LocalDate expires = expiresOn(latest);
        if (!today.isAfter(expires)) {
            return Optional.empty();
        }
        return Optional.of(new TrainingDue(p.id(), p.name(), p.email(), expires,
                "security awareness training expired on " + expires + " (last completed " + latest + ")"));
    }

    static String course(String value, String field, Integer line, Problems problems) {
        String c = value == null ? null : value.strip();
        if (c == null || c.isEmpty()) {
            problems.add(field, "is required", line);
            return null;
        }
        if (c.length() > PersonRules.TEXT) {
            problems.add(field, "at most " + PersonRules.TEXT + " characters (got " + c.length() + ")", line);
            return null;
        }
        return c;
    }

    /** A completion date is required and may not be in the future. */
    static LocalDate completedOn(LocalDate date, String field, Integer line, LocalDate today, Problems problems) {
        if (date == null) {
            if (!problems.has(field, line)) {
                problems.add(field, "is required", line);
            }
            return null;
        }
        if (date.isAfter(today)) {
            problems.add(field, date + " is in the future", line);
            return null;
        }
        return date;
    }
}
