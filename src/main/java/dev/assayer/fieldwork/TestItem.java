package dev.assayer.fieldwork;

/**
 * One item a test records results for: a sample item (its 1-based population {@code row}, {@code key},
 * how it was chosen and whether an extension added it) or a manual item ({@code row} null). {@code ref}
 * identifies it within the test: {@code "row:17"} or {@code "key:EMP-1"}.
 */
public record TestItem(String ref, Long row, String key, String description, String how, boolean extension,
        boolean manual) {

    public static String sampleRef(long row) {
        return "row:" + row;
    }

    public static String manualRef(String key) {
        return "key:" + key;
    }
}
