package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import java.util.Map;
import java.util.regex.Pattern;

/** The declared mapping the generic formats need: resource type, id field, optional renames. */
record GenericMapping(String type, String idField, Map<String, String> fields) {

    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*");

    static GenericMapping of(String format, String filename, FormatOptions options) {
        String type = options == null ? null : options.type();
        String id = options == null ? null : options.idField();
        if (type == null || type.isBlank()) {
            throw new InputProblem(filename, 0, 0, format + " needs a mapping: type (the resource type to assign, "
                    + "e.g. hr.employee) is missing");
        }
        type = type.trim();
        if (type.length() > 100 || !TYPE.matcher(type).matches()) {
            throw new InputProblem(filename, 0, 0, "mapping type '" + type + "' must be dotted lower-case (e.g. "
                    + "hr.employee)");
        }
        if (id == null || id.isBlank()) {
            throw new InputProblem(filename, 0, 0, format + " needs a mapping: id (the field holding each record's "
                    + "stable id) is missing");
        }
        Map<String, String> fields = options.fields();
        fields.forEach((from, to) -> {
            if (to == null || to.isBlank()) {
                throw new InputProblem(filename, 0, 0, "mapping of field '" + from + "' names no attribute");
            }
        });
        return new GenericMapping(type, id.trim(), fields);
    }
}
