package dev.assayer.control.internal;

import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.shared.ApiProblem.FieldError;
import java.util.List;
import java.util.Map;

/**
 * One control of an import file, converted: a draft whose null fields were absent from the file
 * (kept on update, defaulted on create), and the owner's e-mail ({@code ownerGiven} false when
 * the file has no owner column/key; a blank e-mail removes the owner).
 */
public record ImportRow(int line, ControlDraft draft, boolean ownerGiven, String ownerEmail) {

    /** Converts a raw record, adding one error per bad value (with the record's line) to {@code errors}. */
    public static ImportRow of(RawRecord raw, List<FieldError> errors) {
        Map<String, Object> v = raw.values();
        int line = raw.line();
        String ref = text(v, "ref");
        String title = text(v, "title");
        String description = v.containsKey("description") ? orEmpty(text(v, "description")) : null;
        Nature nature = parse(Nature.class, v, "nature", line, errors);
        ControlKind kind = parse(ControlKind.class, v, "kind", line, errors);
        Frequency frequency = parse(Frequency.class, v, "frequency", line, errors);
        ImplementationStatus status = parse(ImplementationStatus.class, v, "status", line, errors);
        Boolean key = null;
        try {
            key = ControlRules.parseBoolean(text(v, "key_control"));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("key_control", e.getMessage(), line));
        }
        List<String> criteria = v.containsKey("criteria") ? list(v.get("criteria")) : null;
        List<String> objectives = v.containsKey("objectives") ? list(v.get("objectives")) : null;
        ControlDraft draft = new ControlDraft(ref, title, description, null, nature, kind, frequency, key, status,
                criteria, objectives);
        return new ImportRow(line, draft, v.containsKey("owner"), text(v, "owner"));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String text(Map<String, Object> v, String key) {
        Object o = v.get(key);
        if (o == null) {
            return null;
        }
        if (o instanceof List<?> l) {
            return String.join(";", l.stream().map(String::valueOf).toList());
        }
        String s = String.valueOf(o).strip();
        return s.isEmpty() ? null : s;
    }

    private static List<String> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        return ControlRules.splitList(String.valueOf(o));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, Map<String, Object> v, String key, int line,
            List<FieldError> errors) {
        try {
            return ControlRules.parseEnum(type, text(v, key));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(key, e.getMessage(), line));
            return null;
        }
    }
}
