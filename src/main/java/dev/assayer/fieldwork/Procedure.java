package dev.assayer.fieldwork;

/** One step of a test, in the order the auditor performs them: a method and what the auditor does. */
public record Procedure(TestMethod method, String text) {
}
