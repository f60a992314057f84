package dev.assayer.report;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.shared.ApiProblem;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of report Assayer assembles: SOC 2 and SOC 1, Type I and Type II, and SOC 3 (the short
 * general-use form of a SOC 2 Type II examination). {@link #code()} is the API spelling
 * ("soc2-type2").
 */
public enum ReportKind {
    SOC2_TYPE1("soc2-type1", "SOC 2 Type I", Framework.SOC2, ReportType.TYPE1),
    SOC2_TYPE2("soc2-type2", "SOC 2 Type II", Framework.SOC2, ReportType.TYPE2),
    SOC1_TYPE1("soc1-type1", "SOC 1 Type I", Framework.SOC1, ReportType.TYPE1),
    SOC1_TYPE2("soc1-type2", "SOC 1 Type II", Framework.SOC1, ReportType.TYPE2),
    SOC3("soc3", "SOC 3", Framework.SOC2, ReportType.TYPE2);

    private final String code;
    private final String label;
    private final Framework framework;
    private final ReportType reportType;

    ReportKind(String code, String label, Framework framework, ReportType reportType) {
        this.code = code;
        this.label = label;
        this.framework = framework;
        this.reportType = reportType;
    }

    public String code() {
        return code;
    }

    /** "SOC 2 Type II", "SOC 3". */
    public String label() {
        return label;
    }

    public Framework framework() {
        return framework;
    }

    public ReportType reportType() {
        return reportType;
    }

    public boolean typeTwo() {
        return reportType == ReportType.TYPE2;
    }

    /** SOC 1 reports use the organization's control objectives instead of the trust services criteria. */
    public boolean objectives() {
        return framework == Framework.SOC1;
    }

    /** SOC 3 is for general use; SOC 1 and SOC 2 reports are restricted. */
    public boolean generalUse() {
        return this == SOC3;
    }

    /** True when an engagement of this framework and type can produce this kind of report. */
    public boolean fits(Engagement e) {
        return e.framework() == framework && e.reportType() == reportType;
    }

    /** The full kind matching an engagement (never SOC 3, which is chosen explicitly). */
    public static ReportKind of(Engagement e) {
        return Arrays.stream(values()).filter(k -> k != SOC3 && k.fits(e)).findFirst().orElseThrow();
    }

    /** Parses "soc2-type2", "SOC2_TYPE2"; blank or unknown → 400 naming {@code field}. */
    public static ReportKind parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalidField(field, "is required: one of " + codes());
        }
        String norm = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ReportKind k : values()) {
            if (k.code.equals(norm)) {
                return k;
            }
        }
        throw ApiProblem.invalidField(field, "'" + text.strip() + "' is not a report kind (expected one of " + codes() + ")");
    }

    private static String codes() {
        return Arrays.stream(values()).map(ReportKind::code).collect(Collectors.joining(", "));
    }
}
