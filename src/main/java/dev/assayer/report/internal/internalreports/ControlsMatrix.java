package dev.assayer.report.internal.internalreports;

import dev.assayer.control.Control;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceTally;
import dev.assayer.finding.Finding;
import dev.assayer.readiness.ReadinessReport.ControlReadiness;
import dev.assayer.readiness.ReadinessReport.RequirementReadiness;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The controls matrix as XLSX: sheet "Controls matrix" has one row per (in-scope criterion or
 * objective, mapped control), and one row with no control for a requirement nothing is mapped to;
 * sheet "Criteria summary" one row per requirement. Facts only: statuses, counts, dates and hashes
 * as recorded; nothing here judges whether a control works.
 */
public final class ControlsMatrix {

    public static final List<String> MATRIX_HEADERS = List.of("Criterion", "Criterion title", "Category",
            "Criterion readiness", "Control", "Control title", "Owner", "Frequency", "Nature", "Key control",
            "Implementation status", "Evidence current in window", "Latest evidence date", "Latest evidence SHA-256",
            "Latest evidence title", "Monitoring health", "Open findings", "Open finding refs");
    public static final List<String> SUMMARY_HEADERS = List.of("Criterion", "Title", "Category", "Readiness",
            "Controls mapped", "Controls ready", "Evidence current in window", "Open findings", "Gaps");

    private ControlsMatrix() {
    }

    public static byte[] xlsx(InternalFacts f) {
        Map<UUID, Control> controls = f.controls().stream().collect(Collectors.toMap(Control::id, Function.identity()));
        String requirementLabel = f.readiness().engagement().framework().equals("SOC1") ? "Control objective" : "Criterion";
        try (XlsxSheets x = new XlsxSheets()) {
            List<String> headers = new ArrayList<>(MATRIX_HEADERS);
            headers.set(0, requirementLabel);
            headers.set(1, requirementLabel + " title");
            headers.set(3, requirementLabel + " readiness");
            Sheet matrix = x.sheet("Controls matrix", headers,
                    List.of(11, 40, 16, 12, 10, 40, 22, 13, 12, 8, 15, 12, 13, 66, 36, 12, 9, 20));
            Sheet summary = x.sheet("Criteria summary", SUMMARY_HEADERS.stream()
                    .map(h -> h.equals("Criterion") ? requirementLabel : h).toList(),
                    List.of(11, 40, 16, 12, 10, 10, 12, 9, 60));
            for (RequirementReadiness r : f.readiness().requirements()) {
                int evidenceCount = 0;
                Set<String> openRefs = new LinkedHashSet<>();
                for (Finding fi : f.openFindings()) {
                    if (fi.criteria().contains(r.ref())) {
                        openRefs.add(fi.ref());
                    }
                }
                int ready = 0;
                if (r.controls().isEmpty()) {
                    x.row(matrix, java.util.Arrays.asList(r.ref(), r.title(), r.category(), r.state().name(), null,
                            "No control mapped", null, null, null, null, null, 0, null, null, null, null, 0, null));
                }
                for (ControlReadiness cr : r.controls()) {
                    Control c = controls.get(cr.id());
                    EvidenceTally t = f.tallies().getOrDefault(cr.id(), EvidenceTally.NONE);
                    EvidenceItem latest = t.latestValidId() == null ? null : f.latestEvidence().get(t.latestValidId());
                    List<Finding> open = f.openFindingsOf(cr.id());
                    open.forEach(fi -> openRefs.add(fi.ref()));
                    evidenceCount += t.valid();
                    if (cr.ready()) {
                        ready++;
                    }
                    x.row(matrix, java.util.Arrays.asList(r.ref(), r.title(), r.category(), r.state().name(), cr.ref(),
                            cr.title(), cr.owner(), c == null || c.frequency() == null ? null : c.frequency().label(),
                            c == null || c.nature() == null ? null : c.nature().label(), cr.keyControl(),
                            c == null ? cr.status() : c.status().label(), t.valid(), t.latestEffective(),
                            latest == null ? null : latest.sha256(), latest == null ? null : latest.title(),
                            f.health() == null ? "Not available" : f.health().getOrDefault(cr.id(), "No checks"),
                            open.size(), open.stream().map(Finding::ref).collect(Collectors.joining(", "))));
                }
                x.row(summary, java.util.Arrays.asList(r.ref(), r.title(), r.category(), r.state().name(),
                        r.controls().size(), ready, evidenceCount, openRefs.size(),
                        r.gaps().stream().map(g -> g.message()).distinct().collect(Collectors.joining("; "))));
            }
            x.filter(matrix, headers.size());
            x.filter(summary, SUMMARY_HEADERS.size());
            return x.bytes();
        }
    }
}
