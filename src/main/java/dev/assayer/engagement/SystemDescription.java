package dev.assayer.engagement;

import java.util.List;

/**
 * The system the report describes: its name, the services it provides (DC1), the principal
 * service commitments and system requirements (DC2), its boundaries and its components (DC3).
 */
public record SystemDescription(String name, String servicesProvided, List<String> commitments, String boundaries,
        List<SystemComponent> components) {

    public SystemDescription {
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        components = components == null ? List.of() : List.copyOf(components);
    }

    public static SystemDescription empty() {
        return new SystemDescription(null, null, List.of(), null, List.of());
    }
}
