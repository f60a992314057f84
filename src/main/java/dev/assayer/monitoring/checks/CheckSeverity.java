package dev.assayer.monitoring.checks;

public enum CheckSeverity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO
}
