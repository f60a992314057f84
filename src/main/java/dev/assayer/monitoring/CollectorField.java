package dev.assayer.monitoring;

/**
 * One field of a collector's configuration: a setting (shown and returned) or a secret (write-only:
 * stored sealed, never returned or shown). {@code defaultValue} applies when a setting is left empty.
 */
public record CollectorField(String name, String label, String defaultValue, boolean required, boolean secret,
        String help) {
}
