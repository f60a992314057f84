package dev.assayer.fieldwork;

/**
 * An item the auditor listed by hand instead of drawing it from a population in Assayer: the one
 * instance walked through in a test of design, or items of a population kept outside Assayer.
 */
public record ManualItem(String key, String description) {
}
