package dev.assayer.people.internal;

import dev.assayer.people.BackgroundCheck;
import dev.assayer.people.Checklist;
import dev.assayer.people.ChecklistEntry;
import dev.assayer.people.ChecklistItem;
import dev.assayer.people.ChecklistPhase;
import dev.assayer.people.ItemStatus;
import dev.assayer.people.LateRevocation;
import dev.assayer.people.Person;
import dev.assayer.people.TrainingRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Due dates and status of the onboarding and offboarding checklist items.
 * <ul>
 * <li>Onboarding items are due {@code onboardingDays} after the start date.</li>
 * <li>Access revoked is due {@code revocationGraceDays} after the end date; equipment returned is
 * due on the end date. Without an end date there is no offboarding checklist.</li>
 * <li>An item is done when a completion is recorded; security awareness training is also done by
 * the earliest training record completed no earlier than {@code onboardingDays} before the start
 * date, and the background check by the earliest check that was carried out (result CLEAR or
 * CONSIDER). A recorded completion wins over a derived one.</li>
 * <li>Done after the due date: done late, by that many days; a late access revocation is flagged.
 * Not done and the due date has passed: overdue by the days since.</li>
 * </ul>
 */
public final class ChecklistRules {

    /** The configured periods: {@code assayer.people.onboarding-days}, {@code assayer.people.revocation-grace-days}. */
    public record Settings(int onboardingDays, int revocationGraceDays) {
        public Settings {
            if (onboardingDays < 0 || revocationGraceDays < 0) {
                throw new IllegalArgumentException("the onboarding and revocation grace days may not be negative");
            }
        }
    }

    /** A completion someone recorded. */
    public record Completion(LocalDate completedOn, String reference, String recordedBy, Instant recordedAt) {
    }

    private ChecklistRules() {
    }

    public static LocalDate onboardingDue(Person p, Settings s) {
        return p.startDate().plusDays(s.onboardingDays());
    }

    /** End date + grace days, or null while the person has no end date. */
    public static LocalDate revocationDue(Person p, Settings s) {
        return p.endDate() == null ? null : p.endDate().plusDays(s.revocationGraceDays());
    }

    public static LocalDate dueOn(ChecklistItem item, Person p, Settings s) {
        return switch (item) {
            case ACCESS_REVOKED -> revocationDue(p, s);
            case EQUIPMENT_RETURNED -> p.endDate();
            default -> onboardingDue(p, s);
        };
    }

    public static Checklist checklist(Person p, Map<ChecklistItem, Completion> recorded, List<TrainingRecord> training,
            List<BackgroundCheck> checks, Settings s, LocalDate today) {
        List<ChecklistEntry> onboarding = new ArrayList<>();
        List<ChecklistEntry> offboarding = new ArrayList<>();
        for (ChecklistItem item : ChecklistItem.values()) {
            if (item.phase() == ChecklistPhase.OFFBOARDING && p.endDate() == null) {
                continue;
            }
            LocalDate due = dueOn(item, p, s);
            Completion done = recorded.get(item);
            String derivedFrom = null;
            if (done == null) {
                Derived d = derive(item, p, training, checks, s).orElse(null);
                if (d != null) {
                    done = new Completion(d.on(), null, null, null);
                    derivedFrom = d.from();
                }
            }
            ChecklistEntry e = entry(item, due, done, derivedFrom, today);
            (item.phase() == ChecklistPhase.ONBOARDING ? onboarding : offboarding).add(e);
        }
        return new Checklist(p.id(), onboardingDue(p, s), onboarding, revocationDue(p, s), offboarding);
    }

    /** One item's status from its due date and completion (null: not done) on {@code today}. */
    public static ChecklistEntry entry(ChecklistItem item, LocalDate due, Completion done, String derivedFrom,
            LocalDate today) {
        ItemStatus status;
        Long days = null;
        if (done != null) {
            long late = ChronoUnit.DAYS.between(due, done.completedOn());
            status = late > 0 ? ItemStatus.DONE_LATE : ItemStatus.DONE;
            days = late > 0 ? late : null;
        } else if (today.isAfter(due)) {
            status = ItemStatus.OVERDUE;
            days = ChronoUnit.DAYS.between(due, today);
        } else {
            status = ItemStatus.OPEN;
        }
        String flag = null;
        if (item == ChecklistItem.ACCESS_REVOKED && status == ItemStatus.DONE_LATE) {
            flag = "Late revocation: access revoked " + days(days) + " after the due date " + due;
        } else if (item == ChecklistItem.ACCESS_REVOKED && status == ItemStatus.OVERDUE) {
            flag = "Access revocation overdue by " + days(days) + " (due " + due + ")";
        }
        return new ChecklistEntry(item, item.phase(), item.label(), due, done == null ? null : done.completedOn(),
                done == null ? null : done.reference(), done == null ? null : done.recordedBy(),
                done == null ? null : done.recordedAt(), derivedFrom, status, days, flag);
    }

    /** The access revocation of this checklist when it was late or is overdue. */
    public static Optional<LateRevocation> lateRevocation(Person p, Checklist c) {
        return c.offboarding().stream()
                .filter(e -> e.item() == ChecklistItem.ACCESS_REVOKED && e.flag() != null)
                .findFirst()
                .map(e -> new LateRevocation(p.id(), p.name(), p.email(), p.endDate(), e.dueOn(), e.completedOn(),
                        e.daysLate()));
    }

    /** Short flags for the roster: late or overdue revocation, other overdue items. */
    public static List<String> flags(Checklist c) {
        List<String> flags = new ArrayList<>();
        c.offboarding().stream().filter(e -> e.flag() != null).forEach(e -> flags.add(e.flag()));
        long overdue = java.util.stream.Stream.concat(c.onboarding().stream(), c.offboarding().stream())
                .filter(e -> e.status() == ItemStatus.OVERDUE && e.item() != ChecklistItem.ACCESS_REVOKED).count();
        if (overdue > 0) {
            flags.add(overdue + " checklist item" + (overdue == 1 ? "" : "s") + " overdue");
        }
        return flags;
    }

    static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }

    private record Derived(LocalDate on, String from) {
    }

    private static Optional<Derived> derive(ChecklistItem item, Person p, List<TrainingRecord> training,
            List<BackgroundCheck> checks, Settings s) {
        if (item == ChecklistItem.SECURITY_TRAINING) {
            LocalDate windowStart = p.startDate().minusDays(s.onboardingDays());
            return training.stream().filter(t -> !t.completedOn().isBefore(windowStart))
                    .min(Comparator.comparing(TrainingRecord::completedOn))
                    .map(t -> new Derived(t.completedOn(), "training record '" + t.course() + "' completed "
                            + t.completedOn()));
        }
        if (item == ChecklistItem.BACKGROUND_CHECK) {
            return checks.stream().filter(b -> b.result().completed())
                    .min(Comparator.comparing(BackgroundCheck::completedOn))
                    .map(b -> new Derived(b.completedOn(), "background check completed " + b.completedOn()
                            + (b.provider() == null ? "" : " by " + b.provider())));
        }
        return Optional.empty();
    }
}
