package dev.assayer.catalog;

/** The editable fields of a {@link ControlObjective}, for create and update. */
public record ObjectiveDraft(String ref, String category, String series, String title, String description) {
}
