package dev.assayer.finding;

/** How serious a finding is, from LOW to CRITICAL. Set by whoever raised the finding. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
