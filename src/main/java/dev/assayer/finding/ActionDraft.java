package dev.assayer.finding;

import java.time.LocalDate;
import java.util.UUID;

/** A corrective action to add: what will be done, by whom (a member of the organization, optional) and by when. */
public record ActionDraft(String description, UUID ownerId, LocalDate dueDate) {
}
