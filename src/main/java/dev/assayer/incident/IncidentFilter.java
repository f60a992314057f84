package dev.assayer.incident;

/** Narrows the incident list; null fields do not filter. */
public record IncidentFilter(IncidentStatus status, Severity severity, Boolean significant) {

    public static IncidentFilter all() {
        return new IncidentFilter(null, null, null);
    }
}
