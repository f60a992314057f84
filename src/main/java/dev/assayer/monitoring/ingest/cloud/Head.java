package dev.assayer.monitoring.ingest.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The first bytes of a file, decoded for detection: BOM stripped, possibly cut mid-way (so
 * nothing here parses the whole document). Never throws.
 */
final class Head {

    private final String text;
    private final String filename;

    private Head(String filename, String text) {
        this.filename = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        this.text = text;
    }

    static Head of(String filename, byte[] head) {
        byte[] bytes = head == null ? new byte[0] : head;
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Head(filename, text);
    }

    String text() {
        return text;
    }

    /** The first non-whitespace character, or 0. */
    char firstChar() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return 0;
    }

    boolean json() {
        char c = firstChar();
        return c == '{' || c == '[';
    }

    /** The first line (without its line break). */
    String firstLine() {
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(0, end);
    }

    /** Whether the JSON text has a property {@code "key":} anywhere in the head. */
    boolean hasKey(String key) {
        return Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:").matcher(text).find();
    }

    /** The string value of the first {@code "key": "value"} in the head, or null. */
    String stringValue(String key) {
        var m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    boolean nameEndsWith(String... suffixes) {
        for (String s : suffixes) {
            if (filename.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    boolean nameContains(String part) {
        return filename.contains(part);
    }
}
