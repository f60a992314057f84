package dev.assayer.people;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One checklist item of one person, computed when read. {@code completedOn} comes from a
 * recorded completion ({@code derivedFrom} null; {@code recordedBy}/{@code recordedAt} say who
 * and when) or is derived from a training or background check record ({@code derivedFrom} names
 * it). {@code daysLate} is the number of days after {@code dueOn} the item was completed (done
 * late) or has been open (overdue); {@code flag} is set for a late or overdue access revocation.
 */
public record ChecklistEntry(ChecklistItem item, ChecklistPhase phase, String label, LocalDate dueOn,
        LocalDate completedOn, String reference, String recordedBy, Instant recordedAt, String derivedFrom,
        ItemStatus status, Long daysLate, String flag) {

    public String slug() {
        return item.slug();
    }
}
