package dev.assayer.monitoring.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * Options for a read: {@code importedAt} (observed time when the file has none) and, for the
 * generic CSV/JSON formats, the declared mapping: {@code type} (resource type to assign),
 * {@code id} (the field holding the stable id) and optional renames field → attribute
 * ({@code fields}; empty = keep every field under its own name).
 */
public record FormatOptions(Instant importedAt, String type, String idField, Map<String, String> fields) {

    public FormatOptions {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static FormatOptions at(Instant importedAt) {
        return new FormatOptions(importedAt, null, null, Map.of());
    }
}
