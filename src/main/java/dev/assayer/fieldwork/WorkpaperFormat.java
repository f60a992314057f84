package dev.assayer.fieldwork;

/** The formats workpapers export to (issue 4 §9); docs/workpapers.md describes both. */
public enum WorkpaperFormat {
    /** One JSON document: engagement, firm, controls → tests, populations, requests. */
    JSON("application/json", "json"),
    /** A workbook with one sheet per kind of record (Summary, Tests, Results, Deviations, …). */
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String contentType;
    private final String extension;

    WorkpaperFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }
}
