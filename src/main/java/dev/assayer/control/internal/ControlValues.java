package dev.assayer.control.internal;

import dev.assayer.control.ControlKind;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The complete, resolved field values of a control (a draft merged onto the current control, or
 * onto the defaults when creating). Enum fields may still be null here: validation reports them.
 */
public record ControlValues(String ref, String title, String description, UUID ownerId, Nature nature,
        ControlKind kind, Frequency frequency, boolean keyControl, ImplementationStatus status, List<String> criteria,
        List<String> objectives) {

    public ControlValues {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
    }

    /** The activity log's picture of a control: every field, including both mapping lists. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", ref);
        m.put("title", title);
        m.put("description", description);
        m.put("ownerId", ownerId == null ? null : ownerId.toString());
        m.put("nature", nature == null ? null : nature.name());
        m.put("kind", kind == null ? null : kind.name());
        m.put("frequency", frequency == null ? null : frequency.name());
        m.put("keyControl", keyControl);
        m.put("status", status == null ? null : status.name());
        m.put("criteria", criteria);
        m.put("objectives", objectives);
        return m;
    }
}
