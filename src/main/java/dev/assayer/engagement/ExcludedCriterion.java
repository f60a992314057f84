package dev.assayer.engagement;

/** A criterion that is not relevant to the system, and why (DC8). */
public record ExcludedCriterion(String criterionId, String reason) {
}
