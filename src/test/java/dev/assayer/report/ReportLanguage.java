package dev.assayer.report;

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
import dev.assayer.report.internal.ReportAssembler;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a result, a conclusion or an opinion, and a scanner for them in text Assayer wrote
 * itself (everything not attributed to a person).
 *
 * <p>The one place such words may appear unattributed is Section II: management's assertion is
 * management's statement, which the officer makes by signing. An unsigned version carries the
 * statements only as the bullet list right after the "Draft for signature" lead-in (saying that
 * they state nothing until signed), and the section then ends with "Not signed for this version";
 * a version assembled with its sign-off carries them as {@code Recorded} text attributed to the
 * signing officer (kind ASSERTION). {@link #exemptAssertionDraft} finds that bullet list; anything
 * else in any section, Section II included, must be free of these words.
 */
public final class ReportLanguage {

    /** Result, conclusion and opinion language, case-insensitive. */
    public static final Pattern CONCLUSIONS = Pattern.compile(String.join("|",
            "no exceptions?\\b", "without exception", "exceptions? noted", "no deviations? (were |was )?(noted|found|identified)",
            "\\bpass(ed|es|ing)?\\b", "operat(ing|ed|es) effectively", "present and functioning", "fairly present",
            "suitably designed", "\\b(is|are|were|was|been) effective\\b", "effective with exceptions",
            "not effective", "in our opinion", "unqualified", "unmodified opinion", "qualified opinion",
            "adverse opinion", "disclaimer of opinion", "satisfactor(y|ily)", "no (issues|findings|problems) (noted|found)",
            "controls? (is|are|were) effective", "tested effectively", "\\bcompliant\\b"), Pattern.CASE_INSENSITIVE);

    private ReportLanguage() {
    }

    /** Each match of result/opinion language in unattributed text, as "section: block: phrase in «text»". */
    public static List<String> violations(ReportDocument d) {
        List<String> out = new ArrayList<>();
        scan(out, "document", "title", d.title());
        scan(out, "document", "subtitle", d.subtitle());
        scan(out, "document", "running header", d.runningHeader());
        scan(out, "document", "restricted use", d.restrictedUse());
        scan(out, "document", "version", d.versionLabel());
        for (Section s : d.sections()) {
            String where = s.number() == null ? s.title() : "Section " + s.number();
            scan(out, where, "title", s.title());
            Bullets exempt = exemptAssertionDraft(s);
            for (Block b : s.blocks()) {
                switch (b) {
                    case Heading h -> scan(out, where, "heading", h.text());
                    case Paragraph p -> scan(out, where, "paragraph", p.text());
                    case Bullets l -> {
                        if (l != exempt) {
                            l.items().forEach(i -> scan(out, where, "bullet", i));
                        }
                    }
                    case Placeholder p -> scan(out, where, "placeholder", p.text());
                    case Signature g -> scan(out, where, "signature", g.refersTo());
                    case Recorded r -> requireAttribution(out, where, r.recorded());
                    case Table t -> {
                        t.headers().forEach(h -> scan(out, where, "table header", h));
                        for (List<Cell> row : t.rows()) {
                            for (Cell c : row) {
                                if (c.recorded() == null) {
                                    scan(out, where, "table cell", c.text());
                                } else {
                                    requireAttribution(out, where, c.recorded());
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Section II's draft statements: the bullet list directly after the "Draft for signature"
     * lead-in, in a section that ends with the "Not signed for this version" placeholder; null
     * when there is none (another section, or a signed assembly).
     */
    public static Bullets exemptAssertionDraft(Section s) {
        if (!"II".equals(s.number()) || s.blocks().isEmpty()) {
            return null;
        }
        List<Block> b = s.blocks();
        boolean endsUnsigned = b.getLast() instanceof Placeholder p && p.text().startsWith(ReportAssembler.NOT_SIGNED);
        for (int i = 0; i + 1 < b.size(); i++) {
            if (b.get(i) instanceof Paragraph p && p.text().equals(ReportAssembler.DRAFT_LEAD)
                    && b.get(i + 1) instanceof Bullets l && endsUnsigned) {
                return l;
            }
        }
        return null;
    }

    /** Every text of the document that a person recorded (attributed), plus the exempt draft statements. */
    public static List<String> attributedOrExemptTexts(ReportDocument d) {
        List<String> out = new ArrayList<>();
        for (Section s : d.sections()) {
            Bullets exempt = exemptAssertionDraft(s);
            if (exempt != null) {
                out.addAll(exempt.items());
            }
            for (Block b : s.blocks()) {
                if (b instanceof Recorded r) {
                    out.add(r.text());
                } else if (b instanceof Table t) {
                    t.rows().forEach(row -> row.stream().filter(c -> c.recorded() != null).forEach(c -> out.add(c.text())));
                }
            }
        }
        return out;
    }

    /**
     * Result/opinion language in rendered text (extracted from the PDF or HTML) that the document's
     * attributed or exempt texts do not account for: each phrase may occur in the rendering at most
     * as often as it occurs in those texts. Counting (rather than cutting the texts out) works on PDF
     * text too, where the lines of neighbouring table cells are interleaved.
     */
    public static List<String> violationsInRendered(String rendered, ReportDocument d) {
        java.util.Map<String, Integer> allowed = new java.util.HashMap<>();
        for (String t : attributedOrExemptTexts(d)) {
            phrases(normalize(t)).forEach(p -> allowed.merge(p, 1, Integer::sum));
        }
        java.util.Map<String, Integer> found = new java.util.LinkedHashMap<>();
        String text = normalize(rendered);
        phrases(text).forEach(p -> found.merge(p, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        found.forEach((phrase, n) -> {
            int ok = allowed.getOrDefault(phrase, 0);
            if (n > ok) {
                int at = text.toLowerCase(java.util.Locale.ROOT).indexOf(phrase);
                out.add("«" + phrase + "» " + n + " times, recorded " + ok + " times; e.g. …"
                        + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + phrase.length() + 80)) + "…");
            }
        });
        return out;
    }

    private static List<String> phrases(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = CONCLUSIONS.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    public static String normalize(String s) {
        return s.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    private static void scan(List<String> out, String where, String what, String text) {
        if (text == null) {
            return;
        }
        Matcher m = CONCLUSIONS.matcher(text);
        while (m.find()) {
            out.add(where + ": " + what + ": «" + m.group() + "» in «" + text + "»");
        }
    }

    private static void requireAttribution(List<String> out, String where, Attribution a) {
        if (a == null || a.kind() == null || a.recordedBy() == null || a.recordedBy().isBlank() || a.recordedAt() == null) {
            out.add(where + ": recorded text without a complete attribution: " + a);
        }
    }
}
