package dev.assayer.control;

import java.util.List;
import java.util.UUID;

/**
 * The editable fields of a control. On create, {@code ref}, {@code title}, {@code nature},
 * {@code kind} and {@code frequency} are required; {@code keyControl} defaults to false,
 * {@code status} to NOT_STARTED, mappings to none. On update, a null field keeps its current value;
 * an empty list removes all mappings, an empty description clears it, and
 * {@link ControlService#NO_OWNER} removes the owner.
 */
public record ControlDraft(String ref, String title, String description, UUID ownerId, Nature nature,
        ControlKind kind, Frequency frequency, Boolean keyControl, ImplementationStatus status, List<String> criteria,
        List<String> objectives) {
}
