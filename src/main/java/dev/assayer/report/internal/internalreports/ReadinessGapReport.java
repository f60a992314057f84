package dev.assayer.report.internal.internalreports;

import dev.assayer.control.Control;
import dev.assayer.finding.Finding;
import dev.assayer.readiness.ReadinessReport;
import dev.assayer.readiness.ReadinessReport.CategoryFigure;
import dev.assayer.readiness.ReadinessReport.Gap;
import dev.assayer.readiness.ReadinessReport.ProgramGap;
import dev.assayer.readiness.ReadinessReport.RequirementReadiness;
import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Block;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Paragraph;
import dev.assayer.report.ReportDocument.Placeholder;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The readiness and gap report: readiness per category (as the readiness module computes it), each
 * in-scope requirement's state, every gap with what is missing and who owns the control concerned,
 * the gaps of the compliance program, and the open findings.
 */
public final class ReadinessGapReport {

    private ReadinessGapReport() {
    }

    public static ReportDocument document(InternalFacts f) {
        ReadinessReport r = f.readiness();
        Map<UUID, Control> controls = f.controls().stream().collect(Collectors.toMap(Control::id, Function.identity()));
        List<Section> sections = new ArrayList<>();

        List<List<Cell>> cats = new ArrayList<>();
        for (CategoryFigure c : r.categories()) {
            cats.add(List.of(Cell.of(c.name()), Cell.of(String.valueOf(c.ready())), Cell.of(String.valueOf(c.total())),
                    Cell.of(c.percent() + "%")));
        }
        cats.add(List.of(Cell.of("Overall"), Cell.of(String.valueOf(r.overall().ready())),
                Cell.of(String.valueOf(r.overall().total())), Cell.of(r.overall().percent() + "%")));
        sections.add(new Section("1", "Readiness by category", List.of(
                new Paragraph("As of " + r.referenceDate() + ", " + r.overall().ready() + " of " + r.overall().total()
                        + " in-scope requirements are ready (" + r.overall().percent() + "%): each has at least one "
                        + "implemented, owned control with valid evidence in the window " + r.engagement().window().describe()
                        + "."),
                new Table(List.of("Category", "Ready", "In scope", "Ready (%)"), cats, List.of(55, 15, 15, 15)))));

        List<List<Cell>> reqs = new ArrayList<>();
        for (RequirementReadiness q : r.requirements()) {
            reqs.add(List.of(Cell.of(q.ref()), Cell.of(q.title()), Cell.of(state(q)),
                    Cell.of(q.controls().isEmpty() ? "None mapped"
                            : q.controls().stream().map(c -> c.ref() + (c.ready() ? " (ready)" : "")).collect(Collectors.joining(", ")))));
        }
        sections.add(new Section("2", "Requirements in scope", List.of(
                new Table(List.of("Requirement", "Title", "State", "Controls"), reqs, List.of(12, 43, 12, 33)))));

        List<Block> gapBlocks = new ArrayList<>();
        List<Gap> gaps = r.gaps().stream().filter(g -> !g.kind().program()).toList();
        if (gaps.isEmpty()) {
            gapBlocks.add(new Placeholder("No control or evidence gap: every in-scope requirement has a ready control."));
        } else {
            List<List<Cell>> rows = new ArrayList<>();
            for (Gap g : gaps) {
                Control c = g.controlId() == null ? null : controls.get(g.controlId());
                String owner = c == null ? "Nobody yet (no control mapped)"
                        : c.ownerName() == null || c.ownerName().isBlank() ? "No owner" : c.ownerName();
                rows.add(List.of(Cell.of(g.requirement()), Cell.of(g.kind().label()),
                        Cell.of(g.control() == null ? "" : g.control()), Cell.of(owner), Cell.of(g.message())));
            }
            gapBlocks.add(new Paragraph(gaps.size() + " gaps hold back the requirements above."));
            gapBlocks.add(new Table(List.of("Requirement", "Gap", "Control", "Owner", "What is missing"), rows,
                    List.of(11, 17, 10, 17, 45)));
        }
        sections.add(new Section("3", "Gaps and who owns them", gapBlocks));

        List<Block> program = new ArrayList<>();
        if (r.programGaps().isEmpty()) {
            program.add(new Placeholder("No gap of the compliance program (risk assessment, policy acknowledgements, "
                    + "vendor CUECs, training) is recorded."));
        } else {
            List<List<Cell>> rows = new ArrayList<>();
            for (ProgramGap g : r.programGaps()) {
                rows.add(List.of(Cell.of(g.subject()), Cell.of(g.kind().label()), Cell.of(String.join(", ", g.heldBack())),
                        Cell.of(g.message())));
            }
            program.add(new Table(List.of("Subject", "Gap", "Holds back", "What to do"), rows, List.of(20, 20, 20, 40)));
        }
        sections.add(new Section("4", "Gaps of the compliance program", program));

        sections.add(new Section("5", "Open findings", findingBlocks(f.openFindings())));
        return InternalDocuments.document(f, "Readiness and gap report", sections);
    }

    static List<Block> findingBlocks(List<Finding> open) {
        if (open.isEmpty()) {
            return List.of(new Placeholder("No open finding is recorded."));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (Finding x : open) {
            rows.add(List.of(Cell.of(x.ref()), Cell.of(x.title()), Cell.of(x.severity().name()), Cell.of(x.status().label()
                    + (x.overdue() ? " (overdue)" : "")), Cell.of(x.ownerName() == null ? "No owner" : x.ownerName()),
                    Cell.of(x.dueDate() == null ? "" : x.dueDate().toString()),
                    Cell.of(x.firmName() == null ? "Internal" : x.firmName())));
        }
        return List.of(new Table(List.of("Finding", "Title", "Severity", "Status", "Owner", "Due", "Raised by"), rows,
                List.of(10, 30, 10, 15, 15, 10, 10)));
    }

    private static String state(RequirementReadiness q) {
        return switch (q.state()) {
            case READY -> "Ready";
            case PARTIAL -> "Partial";
            case GAP -> "Gap";
        };
    }
}
