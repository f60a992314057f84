package dev.assayer.report.internal.bridge;

import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Attribution;
import dev.assayer.report.ReportDocument.Block;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Paragraph;
import dev.assayer.report.ReportDocument.Placeholder;
import dev.assayer.report.ReportDocument.Recorded;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Signature;
import dev.assayer.report.ReportDocument.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bridge letter as a {@link ReportDocument}: what the letter covers, the facts recorded since the
 * period end (control changes, significant incidents, open findings), each with date and source, or
 * a plain "nothing recorded" where there is none, and management's statement, which becomes the
 * officer's recorded assertion only once signed. It adds no judgement of its own on whether
 * controls were effective. Pure: no Spring, no SQL.
 */
public final class BridgeLetterAssembler {

    /** The officer who signed, or null for the draft. */
    public record SignedBy(String officerName, String officerTitle, Instant signedAt, String versionSha256) {
    }

    static final String DRAFT_PREFIX = "Not signed. Draft statement, not yet asserted: ";

    private BridgeLetterAssembler() {
    }

    public static String statement(BridgeFacts f) {
        return "Management of " + f.organization() + " states that the changes to the system and its controls, the "
                + "significant incidents and the open findings listed in this letter are those recorded between "
                + f.from() + " and " + f.coversTo() + ", and that it is not aware of other changes to the system or its "
                + "controls in that time that would affect the report of " + f.engagement().name()
                + " for the period ending " + f.periodEnd() + ".";
    }

    public static ReportDocument document(BridgeFacts f, SignedBy signed) {
        String type = f.engagement().kindLabel();
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("1", "What this letter covers", List.of(
                new Paragraph("The " + type + " report of " + f.engagement().name() + " covers "
                        + (f.engagement().windowStart() == null ? "the as-of date " + f.periodEnd()
                                : "the period " + f.engagement().windowStart() + " to " + f.periodEnd())
                        + ". This letter covers the time from " + f.from() + " to " + f.coversTo()
                        + ", for which no service auditor's report has been issued."),
                new Paragraph("It is a letter of " + f.organization() + "'s management. The service auditor has not "
                        + "examined it and expresses no opinion on it. It lists the facts recorded in Assayer for that "
                        + "time, each with its date and source."))));
        sections.add(new Section("2", "Changes to the system and its controls", facts(f.changes(),
                "No change to the system or its controls was recorded between " + f.from() + " and " + f.coversTo()
                        + ".")));
        sections.add(new Section("3", "Significant incidents", facts(f.incidents(),
                "No significant incident was recorded between " + f.from() + " and " + f.coversTo() + ".")));
        sections.add(new Section("4", "Open findings", facts(f.openFindings(),
                "No open finding is recorded on " + f.generatedAt().toString().substring(0, 10) + ".")));
        sections.add(statementSection(f.organization(), f.number(), statement(f), signed));
        return new ReportDocument("Bridge letter", f.organization() + " · " + f.engagement().name() + " · "
                + f.from() + " to " + f.coversTo(), f.organization(),
                f.organization() + " · Bridge letter · " + type + " · " + f.from() + " to " + f.coversTo(),
                "For the user entities of " + f.organization() + " and their auditors", f.generatedAt(),
                "Version " + f.number() + (signed == null ? " (draft)" : " (signed)"), sections);
    }

    /** The statement as drafted, read back from a frozen draft (its last section's placeholder). */
    public static String draftedStatement(ReportDocument draft) {
        Section last = draft.sections().getLast();
        for (Block b : last.blocks()) {
            if (b instanceof Placeholder p && p.text().startsWith(DRAFT_PREFIX)) {
                return p.text().substring(DRAFT_PREFIX.length());
            }
        }
        throw new IllegalStateException("the frozen draft has no statement to sign");
    }

    /** Section 5 of a frozen draft, signed: the same statement, now the officer's recorded assertion. */
    public static Section statementSection(ReportDocument draft, SignedBy signed) {
        return statementSection(draft.organization(), 0, draftedStatement(draft), signed);
    }

    private static Section statementSection(String organization, int number, String statement, SignedBy signed) {
        List<Block> blocks = new ArrayList<>();
        if (signed == null) {
            blocks.add(new Paragraph("By signing, a named officer of " + organization + " makes this statement:"));
            blocks.add(new Placeholder(DRAFT_PREFIX + statement));
        } else {
            blocks.add(new Paragraph("Signed by a named officer of " + organization + ":"));
            blocks.add(new Recorded(statement, new Attribution("ASSERTION",
                    signed.officerName() + ", " + signed.officerTitle(), signed.signedAt())));
            blocks.add(new Signature(signed.officerName(), signed.officerTitle(), signed.signedAt(),
                    "the bridge letter draft with SHA-256 " + signed.versionSha256()));
        }
        return new Section("5", "Management's statement", blocks);
    }

    private static List<Block> facts(List<BridgeFacts.Fact> facts, String none) {
        if (facts.isEmpty()) {
            return List.of(new Placeholder(none));
        }
        List<List<Cell>> rows = facts.stream().map(x -> List.of(Cell.of(x.date() == null ? "" : x.date().toString()),
                Cell.of(x.text()), Cell.of(x.source()))).toList();
        return List.of(new Table(List.of("Date", "Recorded", "Source"), rows, List.of(14, 58, 28)));
    }
}
