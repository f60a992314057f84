package dev.assayer.catalog;

/**
 * One criterion of a framework, e.g. SOC 2 {@code CC6.1}. {@code ordinal} is its position in the
 * framework's canonical order (1-based). Texts are Assayer's own paraphrases.
 */
public record Criterion(String id, String frameworkKey, String category, String series, String seriesTitle,
        String title, String description, String guidance, int ordinal) {
}
