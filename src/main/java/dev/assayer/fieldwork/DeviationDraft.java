package dev.assayer.fieldwork;

/** The auditor's fields of a deviation. */
public record DeviationDraft(String description, String cause, DeviationNature nature, String compensatingControls) {
}
