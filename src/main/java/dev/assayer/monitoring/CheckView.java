package dev.assayer.monitoring;

import java.util.List;

/** A check as the organization sees it: built-in or its own, and whether it is switched on. */
public record CheckView(String id, String title, String resourceType, String where, String expect, String severity,
        String remediation, List<String> controls, List<String> criteria, String origin, boolean builtIn,
        boolean enabled) {

    public CheckView {
        controls = List.copyOf(controls);
        criteria = List.copyOf(criteria);
    }
}
