package dev.assayer.fieldwork;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What an auditor writes to create or edit a request. A blank {@code ref} gets the next PBC-nnn
 * (on edit: keeps the current ref). {@code criteria} are SOC 2 criterion ids (or, for a SOC 1
 * engagement, the client's control objective refs); {@code controls} are control ids or refs of the
 * client; at least one criterion or control is required. The owner is a member of the client who
 * may answer requests, given by {@code ownerId} or {@code ownerEmail} (optional: without one the
 * request is addressed to the client as a whole).
 */
public record RequestDraft(String ref, String title, String description, List<String> criteria, List<String> controls,
        UUID ownerId, String ownerEmail, LocalDate dueDate) {

    public RequestDraft {
        criteria = criteria == null ? List.of() : criteria;
        controls = controls == null ? List.of() : controls;
    }
}
