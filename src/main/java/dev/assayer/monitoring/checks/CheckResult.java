package dev.assayer.monitoring.checks;

/** One check on one resource. {@code message}: why it failed or could not evaluate (null on pass). */
public record CheckResult(String checkId, String resourceType, String resourceId, Outcome outcome, String message) {
}
