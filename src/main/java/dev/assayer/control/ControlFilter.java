package dev.assayer.control;

import java.util.UUID;

/**
 * Narrows {@link ControlService#list}: {@code text} matches ref, title or description
 * (case-insensitive substring); {@code criterion} is a SOC 2 criterion id the control maps to;
 * {@code objective} a SOC 1 objective ref it maps to; {@code keyOnly} true keeps key controls only.
 * Null or blank means "any".
 */
public record ControlFilter(String text, String criterion, UUID ownerId, ImplementationStatus status, Nature nature,
        Frequency frequency, Boolean keyOnly, String objective) {

    public ControlFilter(String text, String criterion, UUID ownerId, ImplementationStatus status, Nature nature,
            Frequency frequency, Boolean keyOnly) {
        this(text, criterion, ownerId, status, nature, frequency, keyOnly, null);
    }

    public static ControlFilter none() {
        return new ControlFilter(null, null, null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return (text == null || text.isBlank()) && (criterion == null || criterion.isBlank()) && ownerId == null
                && status == null && nature == null && frequency == null && !Boolean.TRUE.equals(keyOnly)
                && (objective == null || objective.isBlank());
    }
}
