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

    /**
     * CSV column → attribute, in the order they are tried: the first column present in the header
     * gives the attribute (v4/v5 names first, then Prowler 3's: FINDING_UNIQUE_ID, ACCOUNT_ID for AWS,
     * SUBSCRIPTION for Azure, PROJECT_ID and LOCATION for GCP, RESOURCE_ARN, and RESOURCE_ID — the
     * uid where there is no ARN column, else the resource's name).
     */
    private static final List<Map.Entry<String, String>> COLUMNS = List.of(
            Map.entry("FINDING_UID", "finding_uid"),
            Map.entry("FINDING_UNIQUE_ID", "finding_uid"),
            Map.entry("CHECK_ID", "check_id"),
            Map.entry("CHECK_TITLE", "check_title"),
            Map.entry("STATUS", "status"),
            Map.entry("STATUS_EXTENDED", "status_extended"),
            Map.entry("MUTED", "muted"),
            Map.entry("SEVERITY", "severity"),
            Map.entry("PROVIDER", "provider"),
            Map.entry("ACCOUNT_UID", "account_uid"),
            Map.entry("ACCOUNT_ID", "account_uid"),
            Map.entry("SUBSCRIPTION", "account_uid"),
            Map.entry("PROJECT_ID", "account_uid"),
            Map.entry("ACCOUNT_NAME", "account_name"),
            Map.entry("REGION", "region"),
            Map.entry("LOCATION", "region"),
            Map.entry("SERVICE_NAME", "service_name"),
            Map.entry("RESOURCE_UID", "resource_uid"),
            Map.entry("RESOURCE_ARN", "resource_uid"),
            Map.entry("RESOURCE_NAME", "resource_name"),
            Map.entry("RESOURCE_ID", "resource_name"),
            Map.entry("RESOURCE_TYPE", "resource_type"),
            Map.entry("DESCRIPTION", "description"),
            Map.entry("RISK", "risk"),
            Map.entry("REMEDIATION_RECOMMENDATION_TEXT", "remediation"),
            Map.entry("RELATED_URL", "related_url"),
            Map.entry("CATEGORIES", "categories"),
            Map.entry("COMPLIANCE", "compliance"),
            Map.entry("TIMESTAMP", "timestamp"),
            Map.entry("ASSESSMENT_START_TIME", "timestamp"));

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
        boolean noArnColumn = !row.values().containsKey("RESOURCE_UID") && !row.values().containsKey("RESOURCE_ARN");
        for (Map.Entry<String, String> col : COLUMNS) {
            String attribute = col.getKey().equals("RESOURCE_ID") && noArnColumn
                    ? "resource_uid" // Prowler 3 for Azure and GCP: the full resource id; RESOURCE_NAME is the name
                    : col.getValue();
            if (!row.values().containsKey(col.getKey()) || attrs.containsKey(attribute)) {
                continue;
            }
            String raw = row.get(col.getKey()).strip();
            Object value = raw.isEmpty() ? null : raw;
            switch (col.getValue()) {
                case "status" -> value = raw.equalsIgnoreCase("WARNING") && !row.values().containsKey("MUTED")
                        ? "WARNING" // Prowler 3: an allowlisted finding, whatever its result was
                        : ProwlerOcsfFormat.status(raw, () -> new InputProblem(filename, row.line(),
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
            attrs.put(attribute, value);
        }
        // Prowler 3 has no MUTED column: its allowlisted findings have the status WARNING instead
        attrs.putIfAbsent("muted", "WARNING".equals(attrs.get("status")));
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
