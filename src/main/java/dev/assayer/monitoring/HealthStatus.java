package dev.assayer.monitoring;

/** A control's health from its checks in the latest run. */
public enum HealthStatus {
    HEALTHY, FAILING, ERROR, NO_DATA
}
