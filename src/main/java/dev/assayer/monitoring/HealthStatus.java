package dev.assayer.monitoring;

/**
 * A control's health from its checks in the latest run: see {@link ControlHealth}. NOT_APPLICABLE:
 * the run ran its checks but none applied to any resource (never counted as healthy).
 */
public enum HealthStatus {
    HEALTHY, FAILING, ERROR, NOT_APPLICABLE, NO_DATA
}
