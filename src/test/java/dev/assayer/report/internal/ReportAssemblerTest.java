package dev.assayer.report.internal;

import static dev.assayer.report.internal.ReportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.Control;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.TestHistoryEntry;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.report.AssertionSignature;
import dev.assayer.report.AuditorSection;
import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Block;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Placeholder;
import dev.assayer.report.ReportDocument.Recorded;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Signature;
import dev.assayer.report.ReportDocument.Table;
import dev.assayer.report.ReportKind;
import dev.assayer.report.ReportLanguage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Assembly from facts, on the document itself (no rendering, no database). */
class ReportAssemblerTest {

    static final String STAFF = "Sam Staff <sam@firm.test> (Example CPA)";
    static final String MANAGER = "Mia Manager <mia@firm.test> (Example CPA)";
    static final String CFO = "Carla Finance <carla@acme.test>";
    static final Instant T1 = Instant.parse("2026-07-10T09:00:00Z");
    static final Instant T2 = Instant.parse("2026-07-11T09:30:00Z");
    static final Instant T3 = Instant.parse("2026-07-12T14:15:00Z");

    final ReportAssembler assembler = new ReportAssembler();

    Control untested = control("AC-01", "Quarterly user access review", "CC6.1");
    Control allPassNoConclusion = control("AC-02", "Access requests approved", "CC6.1");
    Control concludedNotReviewed = control("AC-03", "Terminated users removed", "CC6.2");
    Control clean = control("CH-01", "Changes reviewed before merge", "CC8.1");
    Control withResponse = control("HR-01", "Training within 30 days", "CC1.4");
    Control withoutResponse = control("HR-02", "Background checks before start", "CC1.4");

    List<TestOfControl> tests() {
        List<TestOfControl> t = new ArrayList<>();
        t.add(test(allPassNoConclusion, TestKind.OPERATING_EFFECTIVENESS, null, null, null, false, List.of(), List.of()));
        t.add(test(concludedNotReviewed, TestKind.OPERATING_EFFECTIVENESS, "No exceptions noted.", STAFF, T1, false,
                List.of(), List.of()));
        t.add(test(clean, TestKind.OPERATING_EFFECTIVENESS, "No exceptions noted.", STAFF, T1, true, List.of(), List.of()));
        Deviation answered = deviation("D1", "1 of 25 sampled new hires completed training after 41 days", "We now block "
                + "access until training is done", CFO, T3, STAFF, T1);
        t.add(test(withResponse, TestKind.OPERATING_EFFECTIVENESS, "Exception noted: see D1.", STAFF, T2, true,
                List.of(answered), List.of(new TestHistoryEntry(5, T2, MANAGER, "deviation updated", "D1 (isolated)"))));
        Deviation open = deviation("D1", "2 of 25 background checks were completed after the start date", null, null,
                null, STAFF, T1);
        t.add(test(withoutResponse, TestKind.OPERATING_EFFECTIVENESS, "Exceptions noted: see D1.", STAFF, T2, true,
                List.of(open), List.of()));
        return t;
    }

    ReportFacts type2() {
        Engagement e = completeEngagement(Framework.SOC2, ReportType.TYPE2);
        return facts(e, ReportKind.SOC2_TYPE2, scope("CC1.4", "CC6.1", "CC6.2", "CC7.1", "CC8.1"),
                List.of(untested, allPassNoConclusion, concludedNotReviewed, clean, withResponse, withoutResponse), tests());
    }

    @Test
    void aSoc2TypeTwoHasFrontMatterAndFiveSectionsWithHeaderAndRestrictedUse() {
        ReportDocument d = assembler.assemble(type2());
        assertThat(d.sections()).extracting(Section::number).containsExactly(null, "I", "II", "III", "IV", "V");
        assertThat(d.runningHeader()).isEqualTo("Acme Corp · SOC 2 Type II · for the period 1 January 2026 to 30 June 2026");
        assertThat(d.restrictedUse()).startsWith("Restricted use").contains("Acme Corp");
        assertThat(d.versionLabel()).isEqualTo("Version 3");
        String iii = text(section(d, "III"));
        assertThat(iii).contains("Significant changes to the system during the period")
                .contains("Moved the payroll engine to a new queue service").contains("INC-4 Credential stuffing")
                .contains("Amazon Web Services").contains("CUEC-1").contains("Physical access is carved out to AWS");
    }

    @Test
    void sectionFourShowsExactlyTheReviewedResultsAndNoResultRecordedOtherwise() {
        ReportDocument d = assembler.assemble(type2());
        Section iv = section(d, "IV");
        assertThat(resultFor(iv, "AC-01")).isEqualTo(Cell.of(ReportAssembler.NO_RESULT));
        // all items passed but nobody concluded: no result, never "passed"
        assertThat(resultFor(iv, "AC-02").text()).startsWith(ReportAssembler.NO_RESULT).doesNotContainIgnoringCase("pass");
        assertThat(resultFor(iv, "AC-02").recorded()).isNull();
        // concluded but not reviewed: the wording is not shown
        assertThat(resultFor(iv, "AC-03").text()).isEqualTo(ReportAssembler.NO_RESULT
                + " (the service auditor's test is not signed off by a reviewer)");
        assertThat(text(d)).doesNotContain("AC-03 deviation");
        Cell cleanResult = resultFor(iv, "CH-01");
        assertThat(cleanResult.text()).isEqualTo("No exceptions noted.");
        assertThat(cleanResult.recorded()).isEqualTo(new ReportDocument.Attribution("TEST_RESULT", STAFF, T1));
        // the test column: method, procedure and sample size
        assertThat(row(iv, "CH-01").get(1).text()).contains("Inspection: Inspect evidence of changes reviewed before merge")
                .contains("Sample size: 25");
    }

    @Test
    void deviationsAreTheAuditorsWordsWithWhoLastWroteThemAndResponsesAreManagements() {
        ReportDocument d = assembler.assemble(type2());
        Cell hr01 = row(section(d, "IV"), "HR-01 deviation D1").get(2);
        assertThat(hr01.text()).isEqualTo("1 of 25 sampled new hires completed training after 41 days");
        assertThat(hr01.recorded()).isEqualTo(new ReportDocument.Attribution("DEVIATION", MANAGER, T2));
        Cell hr02 = row(section(d, "IV"), "HR-02 deviation D1").get(2);
        assertThat(hr02.recorded()).isEqualTo(new ReportDocument.Attribution("DEVIATION", STAFF, T1));
        Section v = section(d, "V");
        assertThat(row(v, "CC1.4 · HR-01 deviation D1").get(2))
                .isEqualTo(new Cell("We now block access until training is done",
                        new ReportDocument.Attribution("RESPONSE", CFO, T3)));
        assertThat(row(v, "CC1.4 · HR-02 deviation D1").get(2)).isEqualTo(Cell.of("No response recorded"));
    }

    @Test
    void noUnattributedTextCarriesResultOrOpinionLanguage() {
        ReportFacts f = type2();
        for (ReportKind kind : List.of(ReportKind.SOC2_TYPE2, ReportKind.SOC3)) {
            ReportDocument d = assembler.assemble(new ReportFacts(f.organization(), f.engagement(), kind, 3, NOW,
                    f.scope(), f.controls(), f.tests(), f.significantIncidents(), f.subservices(), f.changes(),
                    null, null, null));
            assertThat(ReportLanguage.violations(d)).as(kind.code()).isEmpty();
            // the only unattributed statements are the draft for signature, ending "not signed for this version"
            assertThat(ReportLanguage.exemptAssertionDraft(section(d, "II"))).isNotNull();
        }
        // the detector itself finds what it should
        ReportDocument leaky = new ReportDocument("t", "s", "o", "h", null, NOW, "v", List.of(new Section("IV", "x",
                List.of(new Table(List.of("a"), List.of(List.of(Cell.of("No exceptions noted"))), null),
                        new ReportDocument.Paragraph("Controls operated effectively")))));
        assertThat(ReportLanguage.violations(leaky)).hasSize(2);
    }

    @Test
    void typeOneListsControlsWithoutTestsOfOperatingEffectiveness() {
        Engagement e = completeEngagement(Framework.SOC2, ReportType.TYPE1);
        ReportDocument d = assembler.assemble(facts(e, ReportKind.SOC2_TYPE1, scope("CC8.1"), List.of(clean), tests()));
        assertThat(d.runningHeader()).endsWith("as of 30 June 2026");
        Section iv = section(d, "IV");
        Table t = (Table) iv.blocks().stream().filter(b -> b instanceof Table).findFirst().orElseThrow();
        assertThat(t.headers()).containsExactly("Control", "Description");
        assertThat(text(d)).doesNotContain("No exceptions noted").doesNotContain("Sample size");
        assertThat(text(section(d, "III"))).doesNotContain("Changes to the system during the period");
        assertThat(ReportLanguage.violations(d)).isEmpty();
        assertThat(ReportAssembler.statements(facts(e, ReportKind.SOC2_TYPE1, List.of(), List.of(), List.of()), "x"))
                .hasSize(2).noneMatch(s -> s.contains("operated effectively"));
    }

    @Test
    void socThreeIsShortGeneralUseWithoutSectionFour() {
        ReportFacts f = type2();
        ReportDocument d = assembler.assemble(new ReportFacts(f.organization(), f.engagement(), ReportKind.SOC3, 1, NOW,
                f.scope(), f.controls(), f.tests(), f.significantIncidents(), f.subservices(), f.changes(), null, null,
                null));
        assertThat(d.sections()).extracting(Section::number).containsExactly(null, "I", "II", "III");
        assertThat(d.restrictedUse()).isNull();
        assertThat(text(d)).doesNotContainIgnoringCase("restricted use").doesNotContain("No exceptions noted")
                .doesNotContain("1 of 25 sampled");
        assertThat(section(d, "I").blocks()).containsExactly(new Placeholder(ReportAssembler.SOC3_SECTION_I_PLACEHOLDER));
        // the auditor's SOC 2 report is not reused as the SOC 3 opinion
        AuditorSection a = new AuditorSection(f.engagement().id(), FIRM, "Example CPA", "SOC 2 opinion", MANAGER, T3,
                null, null, null, null, null, 0);
        ReportDocument withSoc2Opinion = assembler.assemble(new ReportFacts(f.organization(), f.engagement(),
                ReportKind.SOC3, 1, NOW, f.scope(), f.controls(), f.tests(), f.significantIncidents(), f.subservices(),
                f.changes(), a, null, null));
        assertThat(section(withSoc2Opinion, "I").blocks())
                .containsExactly(new Placeholder(ReportAssembler.SOC3_SECTION_I_PLACEHOLDER));
    }

    @Test
    void socOneUsesControlObjectives() {
        Engagement e = completeEngagement(Framework.SOC1, ReportType.TYPE2);
        Control c = soc1Control("PR-01", "Payroll changes approved", "BP-PAY-1");
        ReportDocument d = assembler.assemble(facts(e, ReportKind.SOC1_TYPE2, scope("BP-PAY-1", "BP-PAY-2"), List.of(c),
                List.of()));
        assertThat(section(d, "IV").title()).startsWith("Control objectives");
        assertThat(text(section(d, "IV"))).contains("BP-PAY-1").contains("PR-01").contains("No control is related to BP-PAY-2");
        assertThat(d.restrictedUse()).contains("internal control over financial reporting");
        assertThat(text(section(d, "III"))).doesNotContain("not relevant");
    }

    @Test
    void sectionOneIsTheAuditorsTextAttributedOrAPlaceholder() {
        ReportFacts f = type2();
        assertThat(section(assembler.assemble(f), "I").blocks())
                .containsExactly(new Placeholder(ReportAssembler.SECTION_I_PLACEHOLDER));
        AuditorSection a = new AuditorSection(f.engagement().id(), FIRM, "Example CPA", "Opinion text as typed", MANAGER,
                T3, "r.pdf", "ab".repeat(32), 10L, STAFF, T2, 2);
        ReportDocument d = assembler.assemble(withSection(f, a, null));
        assertThat(section(d, "I").blocks().getFirst()).isEqualTo(new Recorded("Opinion text as typed",
                new ReportDocument.Attribution("OPINION", MANAGER, T3)));
        assertThat(text(section(d, "I"))).contains("r.pdf").contains("ab".repeat(32)).contains("uploaded by " + STAFF);
    }

    @Test
    void theAssertionIsSignedOnlyForTheVersionItRefersTo() {
        ReportFacts f = type2();
        AssertionSignature other = new AssertionSignature(UUID.randomUUID(), UUID.randomUUID(), 2, "cd".repeat(32),
                "Carla Finance", "CFO", UUID.randomUUID(), CFO, T3);
        Section unsigned = section(assembler.assemble(withSection(f, null, other)), "II");
        assertThat(unsigned.blocks()).noneMatch(b -> b instanceof Signature);
        assertThat(((Placeholder) unsigned.blocks().getLast()).text()).startsWith("Not signed for this version.")
                .contains("version 2 was signed by Carla Finance, CFO");
        AssertionSignature mine = new AssertionSignature(UUID.randomUUID(), UUID.randomUUID(), 3, "ef".repeat(32),
                "Carla Finance", "CFO", UUID.randomUUID(), CFO, T3);
        ReportDocument signed = assembler.assemble(withSection(f, null, mine));
        Section ii = section(signed, "II");
        assertThat(ii.blocks().getLast()).isEqualTo(new Signature("Carla Finance", "CFO", T3,
                "Version 3 of this report (PDF SHA-256 " + "ef".repeat(32) + ")"));
        assertThat(ii.blocks()).filteredOn(b -> b instanceof Recorded).hasSize(3)
                .allMatch(b -> ((Recorded) b).recorded().equals(new ReportDocument.Attribution("ASSERTION", CFO, T3)));
        assertThat(ReportLanguage.exemptAssertionDraft(ii)).isNull();
        assertThat(ReportLanguage.violations(signed)).isEmpty();
    }

    @Test
    void missingDescriptionFactsArePlaceholdersNotInventions() {
        Engagement bare = engagement(Framework.SOC2, ReportType.TYPE2, null, List.of(), List.of(), List.of());
        ReportDocument d = assembler.assemble(new ReportFacts("Acme Corp", bare, ReportKind.SOC2_TYPE2, 1, NOW,
                scope("CC6.1"), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null));
        List<String> placeholders = section(d, "III").blocks().stream().filter(b -> b instanceof Placeholder)
                .map(b -> ((Placeholder) b).text()).toList();
        assertThat(placeholders).contains("No description of the services provided is recorded.",
                "No service commitments or system requirements are recorded.", "No system components are recorded.",
                "No system boundaries are recorded.", "No complementary user entity controls are recorded.",
                "No subservice organizations are recorded.", "No changes to the system during the period are recorded.");
        assertThat(ReportLanguage.violations(d)).isEmpty();
    }

    @Test
    void theCanonicalJsonIsStableAndReadsBack() {
        ReportDocument d = assembler.assemble(withSection(type2(), null, null));
        ReportJson json = new ReportJson();
        byte[] a = json.write(d);
        assertThat(json.write(json.read(a))).isEqualTo(a);
        assertThat(json.read(a)).isEqualTo(d);
        assertThat(new String(a, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"generatedAt\":");
    }

    @Test
    void comparingTwoDocumentsNamesChangedSectionsWithALineDiff() {
        ReportFacts f = type2();
        ReportDocument before = assembler.assemble(f);
        List<TestOfControl> more = new ArrayList<>(f.tests());
        more.add(test(untested, TestKind.OPERATING_EFFECTIVENESS, "No exceptions noted.", STAFF, T3, true, List.of(), List.of()));
        ReportDocument after = assembler.assemble(new ReportFacts(f.organization(), f.engagement(), f.kind(), 3, NOW,
                f.scope(), f.controls(), more, f.significantIncidents(), f.subservices(), f.changes(), null, null, null));
        var changes = new ReportDiff().compare(before, after);
        assertThat(changes).filteredOn(c -> c.change().equals("changed")).extracting(c -> c.number()).containsExactly("IV");
        var iv = changes.stream().filter(c -> "IV".equals(c.number())).findFirst().orElseThrow();
        assertThat(iv.diff()).anyMatch(l -> l.startsWith("-") && l.contains("AC-01") && l.contains(ReportAssembler.NO_RESULT))
                .anyMatch(l -> l.startsWith("+") && l.contains("No exceptions noted."));
        ReportDocument soc3 = assembler.assemble(new ReportFacts(f.organization(), f.engagement(), ReportKind.SOC3, 3, NOW,
                f.scope(), f.controls(), more, f.significantIncidents(), f.subservices(), f.changes(), null, null, null));
        assertThat(new ReportDiff().compare(before, soc3)).filteredOn(c -> c.change().equals("removed"))
                .extracting(c -> c.number()).containsExactly("IV", "V");
    }

    // ------------------------------------------------------------------------------- helpers

    static ReportFacts withSection(ReportFacts f, AuditorSection a, AssertionSignature s) {
        return new ReportFacts(f.organization(), f.engagement(), f.kind(), f.versionNumber(), f.generatedAt(), f.scope(),
                f.controls(), f.tests(), f.significantIncidents(), f.subservices(), f.changes(), a, s, s);
    }

    static Section section(ReportDocument d, String number) {
        return d.sections().stream().filter(s -> number.equals(s.number())).findFirst().orElseThrow();
    }

    static List<Cell> row(Section s, String firstCellPrefix) {
        for (Block b : s.blocks()) {
            if (b instanceof Table t) {
                for (List<Cell> r : t.rows()) {
                    if (r.getFirst().text().startsWith(firstCellPrefix)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no row starting with " + firstCellPrefix + " in section " + s.number());
    }

    static Cell resultFor(Section iv, String controlRef) {
        return row(iv, controlRef + " ").get(2);
    }

    static String text(ReportDocument d) {
        return String.join("\n", d.sections().stream().map(ReportAssemblerTest::text).toList());
    }

    static String text(Section s) {
        return String.join("\n", ReportDiff.lines(s));
    }
}
