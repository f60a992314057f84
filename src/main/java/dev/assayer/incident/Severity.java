package dev.assayer.incident;

/** How bad an incident is, from LOW to CRITICAL. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
