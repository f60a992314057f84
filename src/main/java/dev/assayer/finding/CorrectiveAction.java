package dev.assayer.finding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One step of a finding's corrective action plan. It is done once {@code doneOn} is set (with who
 * marked it and an optional note); actions are never deleted. {@code ownerName} is read from the
 * organization's members at read time.
 */
public record CorrectiveAction(UUID id, int number, String description, UUID ownerId, String ownerName,
        LocalDate dueDate, LocalDate doneOn, UUID doneBy, String doneByLabel, String doneNote, String createdBy,
        Instant createdAt) {

    public boolean done() {
        return doneOn != null;
    }
}
