package dev.assayer.monitoring;

import java.util.Map;

/**
 * A collector as created or edited. {@code settings}: the kind's non-secret fields (empty = the
 * default). {@code secrets}: write-only values; on an edit a secret that is absent or null keeps the
 * stored one, a new value replaces it, and "" removes an optional one. {@code intervalHours} null = 24,
 * {@code enabled} null = true.
 */
public record CollectorDraft(CollectorKind kind, String name, Map<String, String> settings, Map<String, String> secrets,
        Integer intervalHours, Boolean enabled) {

    public CollectorDraft {
        settings = settings == null ? Map.of() : settings;
        secrets = secrets == null ? Map.of() : secrets;
    }

    /** Never shows the secrets' values. */
    @Override
    public String toString() {
        return "CollectorDraft[kind=" + kind + ", name=" + name + ", settings=" + settings + ", secrets="
                + secrets.keySet() + ", intervalHours=" + intervalHours + ", enabled=" + enabled + "]";
    }
}
