package dev.assayer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.TestHistoryEntry;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestSummary;
import dev.assayer.identity.IdentityService;
import dev.assayer.report.ReportDocument.Attribution;
import dev.assayer.report.ReportDocument.Block;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Recorded;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Table;
import dev.assayer.report.internal.ReportAssembler;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 6, "done means": no report section contains a test result, conclusion or opinion that was
 * not recorded by a person. An engagement with tests in every state (see {@link ReportScenario})
 * and a Section I typed by the auditor is generated as SOC 2 Type II and SOC 3; then, on the frozen
 * document and on the frozen PDF and HTML:
 * <ol>
 * <li>every attributed text (cell or recorded block) is a stored record of that kind, with the
 * same person and time — a reviewed test's result wording, a deviation's description by whoever
 * last wrote it, management's response, the auditor's Section I;</li>
 * <li>no text Assayer wrote itself contains result or opinion language ({@link ReportLanguage});
 * the single exception is the draft of management's assertion in Section II, which the officer
 * makes by signing and which an unsigned version presents as "Draft for signature … Not signed
 * for this version";</li>
 * <li>tests without a reviewer's sign-off contribute nothing: no wording, no deviation; their
 * controls show "No result recorded".</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportRecordedFactsTest extends IntegrationTest {

    static final String OPINION = "We have examined the description of the Acme Payroll Platform. In our opinion, "
            + "in all material respects, the description is fairly presented and the controls operated effectively.";

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired ReportService reports;

    ReportScenario s;
    AuditorSection section;
    ReportVersion type2;
    ReportVersion soc3;

    @BeforeAll
    void generate() {
        s = new ReportScenario(identity, engagements, access, controls, tests);
        section = reports.saveAuditorText(s.in.user(Role.AUDIT_PARTNER), s.engagement.id(), OPINION, null);
        type2 = reports.generate(s.acme.admin(), s.engagement.id(), "soc2-type2");
        soc3 = reports.generate(s.acme.admin(), s.engagement.id(), "soc3");
    }

    @Test
    void everyAttributedTextIsAStoredRecordOfThatPersonAndTime() {
        Set<Attributed> stored = storedRecords();
        for (ReportVersion v : List.of(type2, soc3)) {
            ReportDocument d = reports.document(s.acme.admin(), v.id());
            List<Attributed> shown = attributed(d);
            if (v == type2) {
                assertThat(shown).as(v.kind() + ": attributed texts").isNotEmpty();
            } else {
                assertThat(shown).as("SOC 3: no test detail and no reused opinion").isEmpty();
            }
            assertThat(shown).as(v.kind() + ": attributed texts that are no stored record").allMatch(stored::contains);
        }
        // and every reviewed result, deviation and response is shown in the Type II report
        ReportDocument d = reports.document(s.acme.admin(), type2.id());
        assertThat(attributed(d)).containsAll(stored.stream().filter(a -> !a.kind().equals("OPINION")).toList())
                .contains(new Attributed("OPINION", OPINION, section.textRecordedBy(), section.textRecordedAt()));
    }

    @Test
    void noUnattributedTextCarriesResultOrOpinionLanguage() {
        for (ReportVersion v : List.of(type2, soc3)) {
            ReportDocument d = reports.document(s.acme.admin(), v.id());
            assertThat(ReportLanguage.violations(d)).as(v.kind()).isEmpty();
            // the assertion is unsigned in a frozen version: a draft, then "not signed for this version"
            Section ii = d.sections().stream().filter(x -> "II".equals(x.number())).findFirst().orElseThrow();
            assertThat(ReportLanguage.exemptAssertionDraft(ii)).isNotNull();
        }
    }

    @Test
    void theRenderedPdfAndHtmlSayNothingMoreThanTheDocument() throws Exception {
        for (ReportVersion v : List.of(type2, soc3)) {
            ReportDocument d = reports.document(s.acme.admin(), v.id());
            String pdf;
            try (InputStream in = reports.content(s.acme.admin(), v.id(), "pdf").open();
                    PDDocument doc = Loader.loadPDF(in.readAllBytes())) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setSortByPosition(true);
                pdf = stripper.getText(doc);
            }
            assertThat(ReportLanguage.normalize(pdf)).contains("Acme Payroll Platform");
            assertThat(ReportLanguage.violationsInRendered(pdf, d)).as(v.kind() + " PDF").isEmpty();
            // the check would notice one more result phrase than people recorded
            assertThat(ReportLanguage.violationsInRendered(pdf + " No exceptions noted.", d)).hasSize(1);
            String html;
            try (InputStream in = reports.content(s.acme.admin(), v.id(), "html").open()) {
                html = htmlText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertThat(ReportLanguage.violationsInRendered(html, d)).as(v.kind() + " HTML").isEmpty();
            if (v == type2) {
                assertThat(ReportLanguage.normalize(html)).contains(ReportAssembler.NO_RESULT)
                        .contains(ReportScenario.CLEAN_WORDING);
            }
        }
    }

    @Test
    void testsWithoutAReviewerContributeNothing() {
        ReportDocument d = reports.document(s.acme.admin(), type2.id());
        String all = String.join("\n", d.sections().stream().flatMap(x -> dev.assayer.report.internal.ReportDiff.lines(x)
                .stream()).toList());
        assertThat(all).doesNotContain(ReportScenario.UNREVIEWED_WORDING);
        Section iv = d.sections().stream().filter(x -> "IV".equals(x.number())).findFirst().orElseThrow();
        assertThat(resultOf(iv, "AC-01")).isEqualTo(Cell.of(ReportAssembler.NO_RESULT));
        assertThat(resultOf(iv, "AC-02").text()).startsWith(ReportAssembler.NO_RESULT);
        assertThat(resultOf(iv, "AC-02").recorded()).isNull();
        assertThat(resultOf(iv, "AC-03").text()).startsWith(ReportAssembler.NO_RESULT);
        assertThat(resultOf(iv, "CH-01").text()).isEqualTo(ReportScenario.CLEAN_WORDING);
    }

    // ------------------------------------------------------------------------------- helpers

    record Attributed(String kind, String text, String by, java.time.Instant at) {
    }

    /** What people recorded, read through the fieldwork service as the auditor, and Section I. */
    Set<Attributed> storedRecords() {
        CurrentUser partner = s.in.user(Role.AUDIT_PARTNER);
        Set<Attributed> out = new HashSet<>();
        out.add(new Attributed("OPINION", section.text(), section.textRecordedBy(), section.textRecordedAt()));
        for (TestSummary summary : tests.list(partner, s.engagement.id())) {
            TestOfControl t = tests.get(partner, s.engagement.id(), summary.id());
            if (t.reviewer() == null) {
                continue;
            }
            out.add(new Attributed("TEST_RESULT", t.resultWording(), t.concludedBy(), t.concludedAt()));
            for (Deviation dv : t.deviations()) {
                TestHistoryEntry last = t.history().stream().filter(h -> h.action().equals("deviation updated")
                        && h.detail().startsWith(dv.ref())).reduce((a, b) -> b).orElse(null);
                out.add(last == null ? new Attributed("DEVIATION", dv.description(), dv.createdBy(), dv.createdAt())
                        : new Attributed("DEVIATION", dv.description(), last.actor(), last.at()));
                if (dv.managementResponse() != null) {
                    out.add(new Attributed("RESPONSE", dv.managementResponse(), dv.respondedBy(), dv.respondedAt()));
                }
            }
        }
        return out;
    }

    static List<Attributed> attributed(ReportDocument d) {
        List<Attributed> out = new ArrayList<>();
        for (Section sec : d.sections()) {
            for (Block b : sec.blocks()) {
                if (b instanceof Recorded r) {
                    out.add(of(r.text(), r.recorded()));
                } else if (b instanceof Table t) {
                    t.rows().forEach(row -> row.stream().filter(c -> c.recorded() != null)
                            .forEach(c -> out.add(of(c.text(), c.recorded()))));
                }
            }
        }
        return out;
    }

    static Attributed of(String text, Attribution a) {
        return new Attributed(a.kind(), text, a.recordedBy(), a.recordedAt());
    }

    static Cell resultOf(Section iv, String ref) {
        for (Block b : iv.blocks()) {
            if (b instanceof Table t) {
                for (List<Cell> row : t.rows()) {
                    if (row.getFirst().text().startsWith(ref + " ")) {
                        return row.get(2);
                    }
                }
            }
        }
        throw new AssertionError("no row for " + ref);
    }

    /** The text of an HTML page: without style and tags, entities decoded. */
    static String htmlText(String html) {
        String t = html.replaceAll("(?is)<style.*?</style>", " ").replaceAll("(?is)<head.*?</head>", " ")
                .replaceAll("(?s)<[^>]+>", " ");
        return t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&apos;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
    }
}
