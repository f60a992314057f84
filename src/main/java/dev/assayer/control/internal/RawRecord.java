package dev.assayer.control.internal;

import java.util.Map;

/**
 * One control as read from an import file: the 1-based line where it starts and its values by
 * column/key. A value is a String, a List of Strings (YAML sequences) or null (present but empty);
 * a key that is absent was not given.
 */
public record RawRecord(int line, Map<String, Object> values) {
}
