package dev.assayer.report.render;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Report documents shaped like what the assembly produces: a SOC 2 Type II with its five sections
 * (placeholders, attributed results, a signature, unicode names, a very long word, a table that
 * runs over several pages) and a large one (N controls × M samples in Section IV) for the benchmark.
 */
public final class SampleReports {

    public static final String ORG = "Nordlicht Analytics GmbH";
    public static final String RUNNING_HEADER = ORG + " · SOC 2 Type II · 1 January 2026 to 30 June 2026";
    public static final String RESTRICTED = "Restricted use: intended solely for Nordlicht Analytics, its user entities "
            + "and their auditors.";
    public static final Instant GENERATED = Instant.parse("2026-07-15T09:30:00Z");
    public static final String LONG_WORD = "https://evidence.example.com/" + "Verylongunbrokenidentifier".repeat(8);
    public static final String SCRIPT = "<script>alert('x')</script> & \"quotes\"";
    /** Rows of the Section IV table that runs over several pages. */
    public static final int LONG_TABLE_ROWS = 120;
    public static final String LONG_TABLE_HEADER_1 = "Control";
    public static final String LONG_TABLE_HEADER_3 = "Test result";

    private static final Instant RECORDED = Instant.parse("2026-07-02T14:05:00Z");

    private SampleReports() {
    }

    public static ReportDocument soc2TypeII() {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("I", "Independent Service Auditor's Report", List.of(
                new Placeholder("Section I is supplied by the service auditor. Assayer does not write "
                        + "the opinion; it is added here when the auditor uploads or types it."))));
        sections.add(new Section("II", "Management's Assertion", List.of(
                new Paragraph("We have prepared the accompanying description of Nordlicht Analytics' data "
                        + "pipeline system for the period 1 January 2026 to 30 June 2026."),
                new Recorded("The description presents the system fairly and the controls were suitably "
                        + "designed and operated effectively throughout the period.",
                        new Attribution("ASSERTION", "Zoë Łukasiewicz-Ødegaard", RECORDED)),
                new Signature("Zoë Łukasiewicz-Ødegaard", "Chief Executive Officer",
                        Instant.parse("2026-07-10T16:42:00Z"), "Report version 3 (sha256 4be1…90af)"))));
        sections.add(new Section("III", "Description of the System", List.of(
                new Heading(2, "DC1 Services provided"),
                new Paragraph("Nordlicht Analytics runs a hosted analytics pipeline for retailers.\n"
                        + "Customers upload point-of-sale data; the pipeline returns forecasts.\n\n"
                        + "Support is provided from Berlin and Kraków."),
                new Heading(2, "DC2 Principal service commitments"),
                new Bullets(List.of("Availability of 99.9 % per calendar month",
                        "Customer data encrypted at rest and in transit",
                        "Reference: " + LONG_WORD)),
                new Heading(2, "DC3 System components"),
                new Table(List.of("Component", "Kind", "Description"), List.of(
                        List.of(Cell.of("AWS eu-central-1"), Cell.of("Infrastructure"), Cell.of("Production VPC")),
                        List.of(Cell.of("Ингестор"), Cell.of("Software"), Cell.of("Ingestion service (Go)")),
                        List.of(Cell.of("José Ñúñez, SRE"), Cell.of("People"), Cell.of(SCRIPT))),
                        List.of(30, 20, 50)),
                new Heading(3, "Boundaries"),
                new Paragraph("The corporate office network is outside the boundary of the system."),
                new Heading(2, "DC6 Complementary user entity controls"),
                new Table(List.of("CUEC", "Related criteria"), List.of(
                        List.of(Cell.of("User entities restrict who may upload data."), Cell.of("CC6.1, CC6.2")),
                        List.of(Cell.of("User entities review the forecasts they receive."), Cell.of("PI1.4"))),
                        null),
                new Heading(2, "DC9 Significant changes during the period"),
                new Placeholder("No significant changes were recorded for the period."))));
        sections.add(new Section("IV", "Trust Services Criteria, Related Controls and Tests of Controls",
                sectionFour()));
        sections.add(new Section("V", "Other Information Provided by Management", List.of(
                new Paragraph("This section is not covered by the service auditor's report."),
                new Heading(2, "Management's responses to deviations"),
                new Recorded("Two onboarding tickets were closed late because the HR system was migrated in "
                        + "March; reminders now run daily.",
                        new Attribution("RESPONSE", "Małgorzata Brzęczyszczykiewicz", RECORDED)))));
        return new ReportDocument("SOC 2 Type II Report", "Description of the data pipeline system and tests of "
                + "controls for 1 January 2026 to 30 June 2026", ORG, RUNNING_HEADER, RESTRICTED, GENERATED,
                "Version 3", sections);
    }

    private static List<Block> sectionFour() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Tests of controls, results and deviations as the service auditor recorded them."));
        blocks.add(new Heading(2, "CC6.1 Logical access security"));
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 1; i <= LONG_TABLE_ROWS; i++) {
            String control = "AC-%02d".formatted(i);
            Cell result;
            if (i % 17 == 0) {
                result = Cell.of("No result recorded");
            } else if (i % 11 == 0) {
                result = new Cell("Deviation: 1 of 25 sampled access requests was approved after access was granted.",
                        new Attribution("DEVIATION", "Ana Müller-Sánchez", RECORDED));
            } else {
                result = new Cell("No exceptions noted.", new Attribution("TEST_RESULT", "Ana Müller-Sánchez",
                        RECORDED.plus(Duration.ofMinutes(i))));
            }
            rows.add(List.of(Cell.of(control + " Access to production requires an approved ticket"),
                    Cell.of("Inspected the ticket, approval and grant date for a sample of 25 grants"), result));
        }
        blocks.add(new Table(List.of(LONG_TABLE_HEADER_1, "Test performed", LONG_TABLE_HEADER_3), rows,
                List.of(30, 40, 30)));
        blocks.add(new Heading(2, "CC8.1 Change management"));
        blocks.add(new Placeholder("No result recorded for CHG-02: the auditor has not recorded a test."));
        return blocks;
    }

    /** A Type II with {@code controls} controls, each with a test and {@code samples} sampled items. */
    public static ReportDocument large(int controls, int samples) {
        List<Block> four = new ArrayList<>();
        four.add(new Paragraph("Tests of controls, results and deviations as the service auditor recorded them."));
        int criteria = 33;
        for (int c = 0; c < controls; c++) {
            if (c % Math.max(1, controls / criteria) == 0) {
                four.add(new Heading(2, "CC%d.%d Criterion %d".formatted(1 + c % 9, 1 + c % 4, c / Math.max(1, controls / criteria) + 1)));
            }
            String id = "CTL-%03d".formatted(c + 1);
            four.add(new Heading(3, id + " Quarterly review of privileged access by the system owner"));
            four.add(new Table(List.of("Test performed", "Method", "Sample size"), List.of(List.of(
                    Cell.of("Inspected the review records, the reviewer and the changes requested for each sampled item"),
                    Cell.of("Inspection"), Cell.of(Integer.toString(samples)))), List.of(60, 20, 20)));
            List<List<Cell>> rows = new ArrayList<>(samples);
            for (int s = 0; s < samples; s++) {
                Cell result = (c * samples + s) % 97 == 0
                        ? new Cell("Deviation: approval recorded two days after the change went live",
                                new Attribution("DEVIATION", "Dana Ortiz", RECORDED))
                        : new Cell("No exceptions noted", new Attribution("TEST_RESULT", "Dana Ortiz", RECORDED));
                rows.add(List.of(Cell.of(Integer.toString(s + 1)), Cell.of("PR-%05d merged to main".formatted(c * 1000 + s)),
                        Cell.of("Approved by a second engineer before merge"), result));
            }
            four.add(new Table(List.of("#", "Sample item", "Attribute", "Result"), rows, List.of(6, 24, 35, 35)));
        }
        ReportDocument base = soc2TypeII();
        List<Section> sections = new ArrayList<>(base.sections());
        sections.set(3, new Section("IV", "Trust Services Criteria, Related Controls and Tests of Controls", four));
        return new ReportDocument(base.title(), base.subtitle(), base.organization(), base.runningHeader(),
                base.restrictedUse(), base.generatedAt(), base.versionLabel(), sections);
    }
}
