package dev.assayer.fieldwork;

/**
 * What the auditor checks on every item of the test, e.g. {@code A} "The access request was
 * approved before access was granted". A blank {@code code} gets the next free letter when saved;
 * codes stay stable afterwards so recorded results keep pointing at the right attribute.
 */
public record TestAttribute(String code, String description) {
}
