package dev.assayer.control;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A control of one organization, with its mappings: {@code criteria} are SOC 2 criterion ids
 * (e.g. CC6.1), {@code objectives} are refs of the organization's SOC 1 control objectives.
 * {@code ownerName} is null when there is no owner or the owner has left the organization.
 */
public record Control(UUID id, String ref, String title, String description, UUID ownerId, String ownerName,
        Nature nature, ControlKind kind, Frequency frequency, boolean keyControl, ImplementationStatus status,
        List<String> criteria, List<String> objectives, long version, Instant createdAt, Instant updatedAt) {

    public Control {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
    }
}
