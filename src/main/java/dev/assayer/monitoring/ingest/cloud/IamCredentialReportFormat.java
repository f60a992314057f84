package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The AWS IAM credential report (GenerateCredentialReport / GetCredentialReport, base64-decoded
 * CSV): one aws.iam.user per row, the {@code <root_account>} row as aws.iam.root_account.
 * "N/A", "not_supported" and "no_information" become null, TRUE/FALSE booleans, timestamps
 * ISO-8601 UTC strings.
 */
public final class IamCredentialReportFormat implements ResourceFormat {

    static final String NAME = "aws-iam-credential-report";
    private static final List<String> REQUIRED = List.of("user", "arn", "password_enabled", "mfa_active",
            "access_key_1_active", "access_key_2_active");
    private static final Set<String> NULLS = Set.of("n/a", "not_supported", "no_information", "");

    public IamCredentialReportFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "AWS IAM credential report CSV (aws iam get-credential-report, decoded)";
    }

    @Override
    public int detect(String filename, byte[] head) {
        Head h = Head.of(filename, head);
        String first = h.firstLine().replace("\"", "").strip().toLowerCase(Locale.ROOT);
        if (first.startsWith("user,arn,user_creation_time")) {
            return 98;
        }
        if (first.startsWith("user,arn,") && first.contains("mfa_active")) {
            return 90;
        }
        return 0;
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        String source = NAME + ":" + filename;
        CsvRows.read(filename, in, ',', header -> {
            for (String column : REQUIRED) {
                if (!header.contains(column)) {
                    throw new InputProblem(filename, 1, 0, "not an IAM credential report: the header has no column '"
                            + column + "' (found " + String.join(",", header.subList(0, Math.min(header.size(), 6)))
                            + (header.size() > 6 ? ",…" : "") + ")");
                }
            }
        }, row -> {
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : row.values().entrySet()) {
                String column = Values.snake(e.getKey());
                attrs.put(column, value(filename, row, e.getKey(), column, e.getValue()));
            }
            String user = row.get("user");
            String arn = row.get("arn");
            if (user == null || user.isBlank()) {
                throw new InputProblem(filename, row.line(), CsvRows.columnOf(row, "user"), "column user is empty");
            }
            if (arn == null || arn.isBlank()) {
                throw new InputProblem(filename, row.line(), CsvRows.columnOf(row, "arn"), "column arn is empty");
            }
            String type = "<root_account>".equals(user.strip()) ? "aws.iam.root_account" : "aws.iam.user";
            sink.accept(new Resource(type, arn.strip(), Values.frozen(attrs), source, options.importedAt()));
        });
    }

    private static Object value(String filename, CsvRows.Row row, String header, String column, String raw) {
        String v = raw == null ? "" : raw.strip();
        if (NULLS.contains(v.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (column.endsWith("_active") || column.equals("password_enabled")) {
            if (v.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (v.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new InputProblem(filename, row.line(), CsvRows.columnOf(row, header),
                    "column " + header + ": expected TRUE or FALSE, found '" + shorten(v) + "'");
        }
        if (column.endsWith("_time") || column.endsWith("_last_used") || column.endsWith("_last_changed")
                || column.endsWith("_next_rotation") || column.endsWith("_last_rotated") || column.endsWith("_date")) {
            String iso = Values.iso(v);
            if (iso == null) {
                throw new InputProblem(filename, row.line(), CsvRows.columnOf(row, header),
                        "column " + header + ": expected an ISO-8601 timestamp or N/A, found '" + shorten(v) + "'");
            }
            return iso;
        }
        return v;
    }

    static String shorten(String v) {
        return v.length() > 60 ? v.substring(0, 60) + "…" : v;
    }
}
