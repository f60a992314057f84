package dev.assayer.report.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.assayer.report.ReportComparison.SectionChange;
import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Attribution;
import dev.assayer.report.ReportDocument.Block;
import dev.assayer.report.ReportDocument.Bullets;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Heading;
import dev.assayer.report.ReportDocument.Paragraph;
import dev.assayer.report.ReportDocument.Placeholder;
import dev.assayer.report.ReportDocument.Recorded;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Signature;
import dev.assayer.report.ReportDocument.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two report documents section by section (matched by section number; the unnumbered
 * front matter by title): unchanged, changed (a unified line diff of the section's text, three
 * lines of context, without the "---"/"+++" file header), added or removed. Attributions are part
 * of the text ("[recorded by … at …]"), so a result re-recorded by someone else shows as a change.
 * Pure.
 */
public final class ReportDiff {

    public List<SectionChange> compare(ReportDocument from, ReportDocument to) {
        Map<String, Section> a = byKey(from);
        Map<String, Section> b = byKey(to);
        List<SectionChange> out = new ArrayList<>();
        for (Map.Entry<String, Section> e : a.entrySet()) {
            Section old = e.getValue();
            Section now = b.get(e.getKey());
            if (now == null) {
                out.add(new SectionChange(old.number(), old.title(), "removed", prefixed("-", lines(old))));
                continue;
            }
            List<String> x = lines(old);
            List<String> y = lines(now);
            if (x.equals(y)) {
                out.add(new SectionChange(now.number(), now.title(), "unchanged", List.of()));
            } else {
                Patch<String> patch = DiffUtils.diff(x, y);
                List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("from", "to", x, patch, 3);
                out.add(new SectionChange(now.number(), now.title(), "changed",
                        unified.size() > 2 ? unified.subList(2, unified.size()) : unified));
            }
        }
        for (Map.Entry<String, Section> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                out.add(new SectionChange(e.getValue().number(), e.getValue().title(), "added",
                        prefixed("+", lines(e.getValue()))));
            }
        }
        return out;
    }

    private static Map<String, Section> byKey(ReportDocument d) {
        Map<String, Section> m = new LinkedHashMap<>();
        for (Section s : d.sections()) {
            m.put(s.number() == null ? "title:" + s.title() : "number:" + s.number(), s);
        }
        return m;
    }

    /** The section as lines of text, one per paragraph, bullet or table row. */
    public static List<String> lines(Section s) {
        List<String> out = new ArrayList<>();
        out.add("# " + (s.number() == null ? "" : s.number() + ". ") + s.title());
        for (Block b : s.blocks()) {
            switch (b) {
                case Heading h -> out.add("#".repeat(Math.max(2, h.level())) + " " + h.text());
                case Paragraph p -> out.add(p.text());
                case Bullets l -> l.items().forEach(i -> out.add("- " + i));
                case Table t -> {
                    out.add("| " + String.join(" | ", t.headers()) + " |");
                    for (List<Cell> row : t.rows()) {
                        out.add("| " + String.join(" | ", row.stream().map(ReportDiff::cell).toList()) + " |");
                    }
                }
                case Placeholder p -> out.add("[" + p.text() + "]");
                case Signature s2 -> out.add("Signed: " + s2.name() + ", " + s2.title() + ", " + s2.signedAt() + " ("
                        + s2.refersTo() + ")");
                case Recorded r -> out.add(r.text().replace("\r", "").replace("\n", " / ") + by(r.recorded()));
            }
        }
        return out;
    }

    private static String cell(Cell c) {
        return (c.text() == null ? "" : c.text().replace("\r", "").replace("\n", " / ")) + by(c.recorded());
    }

    private static String by(Attribution a) {
        return a == null ? "" : " [" + a.kind().toLowerCase() + " recorded by " + a.recordedBy() + " at " + a.recordedAt() + "]";
    }

    private static List<String> prefixed(String prefix, List<String> lines) {
        return lines.stream().map(l -> prefix + l).toList();
    }
}
