package dev.assayer.report.internal.internalreports;

import dev.assayer.catalog.Criterion;
import dev.assayer.control.Control;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Paragraph;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The statement of applicability of an engagement's framework: for SOC 2 every one of the trust
 * services criteria, applicable or not (a category outside the engagement's scope, or a criterion
 * declared not relevant, with the reason as recorded), for SOC 1 every control objective of the
 * organization; each with the controls mapped to it (controls marked not applicable are left out).
 */
public final class Applicability {

    public static final List<String> HEADERS = List.of("Framework", "Criterion", "Title", "Category", "Applicable",
            "Reason not applicable", "Controls");

    /** One line of the statement. {@code reason} is null when applicable. */
    public record Line(String framework, String id, String title, String category, boolean applicable, String reason,
            List<String> controls) {
    }

    private Applicability() {
    }

    public static List<Line> lines(InternalFacts f) {
        Engagement e = f.engagement();
        List<Control> active = f.controls().stream().filter(c -> c.status() != ImplementationStatus.NOT_APPLICABLE)
                .toList();
        List<Line> out = new ArrayList<>();
        if (e.framework() == Framework.SOC2) {
            Set<String> inScope = new HashSet<>(e.categories());
            inScope.add("SECURITY");
            Map<String, String> excluded = new LinkedHashMap<>();
            for (ExcludedCriterion x : e.criteriaNotRelevant()) {
                excluded.put(x.criterionId(), x.reason());
            }
            for (Criterion c : f.soc2Criteria()) {
                List<String> refs = active.stream().filter(k -> k.criteria().contains(c.id())).map(Control::ref).toList();
                String reason = null;
                if (!inScope.contains(c.category())) {
                    reason = "Category " + pretty(c.category()) + " is not in the engagement's scope";
                } else if (excluded.containsKey(c.id())) {
                    String r = excluded.get(c.id());
                    reason = "Declared not relevant: " + (r == null || r.isBlank() ? "no reason recorded" : r);
                }
                out.add(new Line("SOC 2", c.id(), c.title(), pretty(c.category()), reason == null, reason, refs));
            }
        } else {
            for (InternalFacts.Objective o : f.objectives()) {
                List<String> refs = active.stream().filter(k -> k.objectives().contains(o.ref())).map(Control::ref)
                        .toList();
                out.add(new Line("SOC 1", o.ref(), o.title(), o.category(), true, null, refs));
            }
        }
        return out;
    }

    public static byte[] xlsx(InternalFacts f) {
        try (XlsxSheets x = new XlsxSheets()) {
            Sheet s = x.sheet("Statement of applicability", HEADERS, List.of(10, 11, 50, 22, 10, 50, 40));
            for (Line l : lines(f)) {
                x.row(s, java.util.Arrays.asList(l.framework(), l.id(), l.title(), l.category(), l.applicable(),
                        l.reason(), String.join(", ", l.controls())));
            }
            x.filter(s, HEADERS.size());
            return x.bytes();
        }
    }

    public static ReportDocument document(InternalFacts f) {
        List<Line> lines = lines(f);
        long applicable = lines.stream().filter(Line::applicable).count();
        long uncovered = lines.stream().filter(l -> l.applicable() && l.controls().isEmpty()).count();
        List<List<Cell>> rows = lines.stream().map(l -> List.of(Cell.of(l.id()), Cell.of(l.title()),
                Cell.of(l.category()), Cell.of(l.applicable() ? "Yes" : "No"),
                Cell.of(l.reason() == null ? "" : l.reason()),
                Cell.of(l.controls().isEmpty() ? (l.applicable() ? "No control mapped" : "") : String.join(", ", l.controls()))))
                .toList();
        String what = f.engagement().framework() == Framework.SOC2 ? "criteria" : "control objectives";
        Section s = new Section("1", "Statement of applicability", List.of(
                new Paragraph(f.engagementLine() + ". " + lines.size() + " " + what + ", " + applicable
                        + " applicable; " + uncovered + " applicable without a mapped control."),
                new Table(List.of(f.engagement().framework() == Framework.SOC2 ? "Criterion" : "Objective", "Title",
                        "Category", "Applicable", "Reason not applicable", "Controls"), rows,
                        List.of(9, 33, 13, 9, 20, 16))));
        return InternalDocuments.document(f, "Statement of applicability", List.of(s));
    }

    static String pretty(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String s = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String joined(List<String> items) {
        return items.stream().collect(Collectors.joining(", "));
    }
}
