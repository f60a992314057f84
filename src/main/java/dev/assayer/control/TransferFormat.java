package dev.assayer.control;

import dev.assayer.shared.ApiProblem;
import java.util.Locale;

/** File formats of control import and export. */
public enum TransferFormat {
    CSV("text/csv", "csv"),
    YAML("application/yaml", "yaml");

    private final String mediaType;
    private final String extension;

    TransferFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** "csv", "yaml" or "yml" (any case); anything else is a 400 problem naming {@code format}. */
    public static TransferFormat parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "csv" -> CSV;
            case "yaml", "yml" -> YAML;
            default -> throw ApiProblem.invalidField("format", "must be csv or yaml, not '" + text + "'");
        };
    }
}
