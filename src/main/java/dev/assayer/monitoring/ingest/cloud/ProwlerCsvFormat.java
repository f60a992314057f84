package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prowler's CSV output (semicolon-separated, v4/v5 columns; the v3 names FINDING_UNIQUE_ID,
 * ACCOUNT_ID, RESOURCE_ARN, ASSESSMENT_START_TIME are accepted too) → prowler.finding with the
 * same attribute names as {@link ProwlerOcsfFormat}.
 */
public final class ProwlerCsvFormat implements ResourceFormat {

    static final String NAME = "prowler-csv";

    /** CSV column → attribute, in the order the attributes are written. */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("FINDING_UID", "finding_uid");
        COLUMNS.put("FINDING_UNIQUE_ID", "finding_uid");
        COLUMNS.put("CHECK_ID", "check_id");
        COLUMNS.put("CHECK_TITLE", "check_title");
        COLUMNS.put("STATUS", "status");
        COLUMNS.put("STATUS_EXTENDED", "status_extended");
        COLUMNS.put("MUTED", "muted");
        COLUMNS.put("SEVERITY", "severity");
        COLUMNS.put("PROVIDER", "provider");
        COLUMNS.put("ACCOUNT_UID", "account_uid");
        COLUMNS.put("ACCOUNT_ID", "account_uid");
        COLUMNS.put("ACCOUNT_NAME", "account_name");
        COLUMNS.put("REGION", "region");
        COLUMNS.put("SERVICE_NAME", "service_name");
        COLUMNS.put("RESOURCE_UID", "resource_uid");
        COLUMNS.put("RESOURCE_ARN", "resource_uid");
        COLUMNS.put("RESOURCE_NAME", "resource_name");
        COLUMNS.put("RESOURCE_TYPE", "resource_type");
        COLUMNS.put("DESCRIPTION", "description");
        COLUMNS.put("RISK", "risk");
        COLUMNS.put("REMEDIATION_RECOMMENDATION_TEXT", "remediation");
        COLUMNS.put("RELATED_URL", "related_url");
        COLUMNS.put("CATEGORIES", "categories");
        COLUMNS.put("COMPLIANCE", "compliance");
        COLUMNS.put("TIMESTAMP", "timestamp");
        COLUMNS.put("ASSESSMENT_START_TIME", "timestamp");
    }

    public ProwlerCsvFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Prowler findings, CSV output (semicolon-separated; prowler -M csv)";
    }

    @Override
    public int detect(String filename, byte[] head) {
        Head h = Head.of(filename, head);
        String first = h.firstLine().toUpperCase(Locale.ROOT);
        if (!first.contains(";")) {
            return 0;
        }
        List<String> cols = List.of(first.replace("\"", "").split(";"));
        if (cols.contains("CHECK_ID") && cols.contains("STATUS")
                && (cols.contains("FINDING_UID") || cols.contains("FINDING_UNIQUE_ID"))) {
            return 95;
        }
        return 0;
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        String source = NAME + ":" + filename;
        CsvRows.read(filename, in, ';', header -> {
            List<String> missing = new ArrayList<>();
            if (!header.contains("FINDING_UID") && !header.contains("FINDING_UNIQUE_ID")) {
                missing.add("FINDING_UID");
            }
            for (String c : List.of("CHECK_ID", "STATUS", "SEVERITY")) {
                if (!header.contains(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                throw new InputProblem(filename, 1, 0, "not a Prowler CSV file: the header (semicolon-separated) has no "
                        + String.join(", ", missing));
            }
        }, row -> sink.accept(resource(filename, source, options, row)));
    }

    private static Resource resource(String filename, String source, FormatOptions options, CsvRows.Row row) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, String> col : COLUMNS.entrySet()) {
            if (!row.values().containsKey(col.getKey()) || attrs.containsKey(col.getValue())) {
                continue;
            }
            String raw = row.get(col.getKey()).strip();
            Object value = raw.isEmpty() ? null : raw;
            switch (col.getValue()) {
                case "status" -> value = ProwlerOcsfFormat.status(raw, () -> new InputProblem(filename, row.line(),
                        CsvRows.columnOf(row, col.getKey()), "column STATUS: expected PASS, FAIL or MANUAL, found '"
                                + IamCredentialReportFormat.shorten(raw) + "'"));
                case "severity" -> value = raw.isEmpty() ? null : Values.lower(raw);
                case "muted" -> value = raw.isEmpty() ? Boolean.FALSE : Boolean.valueOf(raw.equalsIgnoreCase("true"));
                case "categories" -> value = split(raw, "|");
                case "compliance" -> value = compliance(raw);
                case "timestamp" -> {
                    if (!raw.isEmpty()) {
                        value = Values.iso(raw);
                        if (value == null) {
                            throw new InputProblem(filename, row.line(), CsvRows.columnOf(row, col.getKey()),
                                    "column " + col.getKey() + ": expected a timestamp, found '"
                                            + IamCredentialReportFormat.shorten(raw) + "'");
                        }
                    }
                }
                default -> {
                    // plain text
                }
            }
            attrs.put(col.getValue(), value);
        }
        String id = (String) attrs.get("finding_uid");
        if (id == null) {
            String column = row.values().containsKey("FINDING_UID") ? "FINDING_UID" : "FINDING_UNIQUE_ID";
            throw new InputProblem(filename, row.line(), CsvRows.columnOf(row, column), "column " + column + " is empty");
        }
        Instant observed = attrs.get("timestamp") instanceof String ts ? Instant.parse(ts) : options.importedAt();
        return new Resource("prowler.finding", id, Values.frozen(attrs), source, observed);
    }

    private static List<Object> split(String raw, String separator) {
        List<Object> out = new ArrayList<>();
        for (String part : raw.split(java.util.regex.Pattern.quote(separator))) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** "CIS-2.0: 1.10, 1.11 | SOC2: cc_6_1" → {"CIS-2.0": ["1.10","1.11"], "SOC2": ["cc_6_1"]}. */
    static Map<String, Object> compliance(String raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object part : split(raw, "|")) {
            String p = (String) part;
            int colon = p.indexOf(':');
            if (colon < 0) {
                out.put(p, List.of());
                continue;
            }
            out.put(p.substring(0, colon).strip(), split(p.substring(colon + 1), ","));
        }
        return out;
    }
}
