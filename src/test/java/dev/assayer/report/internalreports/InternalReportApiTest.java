package dev.assayer.report.internalreports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.finding.FindingDraft;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.FindingSource;
import dev.assayer.finding.Severity;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Internal reports: per role and tenant, the controls matrix workbook, the statement of applicability, the one-page summary. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalReportApiTest extends IntegrationTest {

    static final LocalDate START = LocalDate.now().minusMonths(6).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);
    static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.COMPLIANCE_MANAGER, Role.AUDITOR);

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired FindingService findings;
    @Autowired ActivityLog activity;
    @Autowired MockMvc mvc;

    TestOrg acme;
    TestOrg other;
    Engagement audited;
    Engagement second;
    TestFirm.Inside in;
    EvidenceItem review;
    String findingRef;

    @BeforeAll
    void setUp() {
        acme = TestOrg.create(identity);
        other = TestOrg.create(identity);
        UUID owner = acme.user(Role.CONTROL_OWNER).userId();
        controls.create(acme.admin(), new ControlDraft("AC-01", "Quarterly user access review", null, owner,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.1", "CC6.2"), List.of()));
        controls.create(acme.admin(), new ControlDraft("BK-01", "Nightly backups are restored monthly", null, null,
                Nature.AUTOMATED, ControlKind.PREVENTIVE, Frequency.MONTHLY, false, ImplementationStatus.IN_PROGRESS,
                List.of("A1.2"), List.of()));
        audited = engagements.create(acme.admin(), new EngagementDraft("SOC 2 Type II " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, START, END, List.of("AVAILABILITY"), null, null, null, List.of(),
                List.of(), List.of(new ExcludedCriterion("CC6.5", "No physical media is ever disposed of by us"))));
        second = engagements.create(acme.admin(), new EngagementDraft("Next " + UUID.randomUUID(), Framework.SOC2,
                ReportType.TYPE2, null, END.plusDays(1), END.plusMonths(6), List.of(), null, null, null, List.of(),
                List.of(), List.of()));
        review = evidence.upload(acme.admin(), EvidenceMetadata.of("Q2 access review", START.plusDays(40), "AC-01"),
                "review.csv", "text/csv", new ByteArrayInputStream("user,decision\nana,keep\n".getBytes(StandardCharsets.UTF_8)));
        findingRef = findings.raise(acme.admin(), audited.id(), new FindingDraft("Backups not restored in March",
                "No restore test in March", Severity.HIGH, FindingSource.other(), List.of("BK-01"), List.of("A1.2"), null,
                LocalDate.now().plusDays(30))).ref();
        in = TestFirm.create(identity).inside(identity, access, acme, audited.id());
    }

    MockHttpServletResponse call(String bearer, String url) throws Exception {
        return mvc.perform(get(url).header("Authorization", bearer)).andReturn().getResponse();
    }

    String url(String kind, String format, Engagement e) {
        return "/api/v1/reports/internal/" + kind + "?format=" + format + "&engagement=" + e.id();
    }

    @Test
    void everyReportAndFormatIsReadByReportReadersOnlyAndEachDownloadIsLoggedWithItsSha256() throws Exception {
        String[][] all = {{"readiness", "pdf"}, {"readiness", "html"}, {"controls-matrix", "xlsx"},
            {"applicability", "pdf"}, {"applicability", "html"}, {"applicability", "xlsx"},
            {"executive-summary", "pdf"}, {"executive-summary", "html"}};
        for (String[] k : all) {
            for (Role role : TestOrg.ROLES) {
                MockHttpServletResponse res = call(acme.bearer(role), url(k[0], k[1], audited));
                assertThat(res.getStatus()).as(role + " " + k[0] + " " + k[1]).isEqualTo(READERS.contains(role) ? 200 : 403);
                if (res.getStatus() == 200) {
                    byte[] body = res.getContentAsByteArray();
                    String sha = Hashing.sha256Hex(body);
                    assertThat(res.getHeader("X-Content-SHA256")).isEqualTo(sha);
                    List<ActivityEntry> log = activity.recent(acme.id(), "internal-report", audited.id().toString(), 5);
                    assertThat(log.getFirst().after()).contains(sha, k[0], k[1]);
                    assertThat(log.getFirst().actorId()).isEqualTo(acme.user(role).userId());
                }
            }
        }
    }

    @Test
    void anotherOrganizationGetsNotFoundAndAnAuditorOnlyTheirEngagement() throws Exception {
        assertThat(call(other.bearer(Role.ADMIN), url("readiness", "pdf", audited)).getStatus()).isEqualTo(404);
        assertThat(call(in.bearer(Role.AUDIT_STAFF), url("controls-matrix", "xlsx", audited)).getStatus()).isEqualTo(200);
        assertThat(call(in.bearer(Role.AUDIT_PARTNER), url("readiness", "pdf", second)).getStatus()).isEqualTo(404);
        assertThat(call(acme.bearer(Role.ADMIN), "/api/v1/reports/internal/nonsense?engagement=" + audited.id())
                .getStatus()).isEqualTo(404);
        MockHttpServletResponse bad = call(acme.bearer(Role.ADMIN), url("controls-matrix", "pdf", audited));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("format");
    }

    @Test
    void theControlsMatrixHasARowPerCriterionAndControlWithRealDatesFiltersAFrozenBoldHeaderAndNoFormulas() throws Exception {
        byte[] xlsx = call(acme.bearer(Role.COMPLIANCE_MANAGER), url("controls-matrix", "xlsx", audited))
                .getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet m = book.getSheet("Controls matrix");
            assertThat(m.getPaneInformation().isFreezePane()).isTrue();
            assertThat(m.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(m.getCTWorksheet().getAutoFilter()).isNotNull();
            Row header = m.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Criterion");
            assertThat(book.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            List<String> cols = new ArrayList<>();
            header.forEach(c -> cols.add(c.getStringCellValue()));
            Row cc61 = find(m, "CC6.1", "AC-01");
            assertThat(cc61.getCell(cols.indexOf("Owner")).getStringCellValue())
                    .isEqualTo(acme.user(Role.CONTROL_OWNER).name());
            assertThat(cc61.getCell(cols.indexOf("Frequency")).getStringCellValue()).isEqualTo(Frequency.QUARTERLY.label());
            assertThat(cc61.getCell(cols.indexOf("Evidence current in window")).getNumericCellValue()).isEqualTo(1);
            Cell date = cc61.getCell(cols.indexOf("Latest evidence date"));
            assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
            assertThat(date.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(START.plusDays(40));
            assertThat(cc61.getCell(cols.indexOf("Latest evidence SHA-256")).getStringCellValue()).isEqualTo(review.sha256());
            assertThat(find(m, "CC6.2", "AC-01")).isNotNull();
            Row backup = find(m, "A1.2", "BK-01");
            assertThat(backup.getCell(cols.indexOf("Open findings")).getNumericCellValue()).isEqualTo(1);
            assertThat(backup.getCell(cols.indexOf("Open finding refs")).getStringCellValue()).isEqualTo(findingRef);
            assertThat(backup.getCell(cols.indexOf("Implementation status")).getStringCellValue()).isEqualTo("In progress");
            assertThat(find(m, "CC1.1", null).getCell(cols.indexOf("Control title")).getStringCellValue())
                    .isEqualTo("No control mapped");
            assertThat(find(m, "CC6.5", null)).as("declared not relevant: not in the matrix").isNull();
            Sheet summary = book.getSheet("Criteria summary");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Criterion");
            assertThat(summary.getLastRowNum()).isEqualTo(33 - 1 + 3);
            for (Sheet s : book) {
                for (Row r : s) {
                    for (Cell c : r) {
                        assertThat(c.getCellType()).isNotEqualTo(CellType.FORMULA);
                    }
                }
            }
        }
    }

    @Test
    void theStatementOfApplicabilityListsEveryCriterionWithTheReasonWhenNotApplicable() throws Exception {
        byte[] xlsx = call(acme.bearer(Role.AUDITOR), url("applicability", "xlsx", audited)).getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = book.getSheetAt(0);
            assertThat(s.getLastRowNum()).isEqualTo(61);
            Row cc65 = find(s, 1, "CC6.5");
            assertThat(cc65.getCell(4).getStringCellValue()).isEqualTo("No");
            assertThat(cc65.getCell(5).getStringCellValue()).contains("No physical media is ever disposed of by us");
            Row pi = find(s, 1, "PI1.1");
            assertThat(pi.getCell(4).getStringCellValue()).isEqualTo("No");
            assertThat(pi.getCell(5).getStringCellValue()).contains("not in the engagement's scope");
            Row a12 = find(s, 1, "A1.2");
            assertThat(a12.getCell(4).getStringCellValue()).isEqualTo("Yes");
            assertThat(a12.getCell(6).getStringCellValue()).isEqualTo("BK-01");
        }
        String html = call(acme.bearer(Role.ADMIN), url("applicability", "html", audited)).getContentAsString();
        assertThat(html).contains("CC6.5", "No physical media is ever disposed of by us", "AC-01");
    }

    @Test
    void theReadinessReportNamesEachGapWithItsOwnerAndTheOpenFindings() throws Exception {
        byte[] pdf = call(acme.bearer(Role.ADMIN), url("readiness", "pdf", audited)).getContentAsByteArray();
        try (PDDocument d = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
            assertThat(text).contains("Readiness by category", "Gaps and who owns them", "Control not implemented",
                    "BK-01", "No owner", findingRef, "Backups not restored in March");
            assertThat(text).doesNotContainIgnoringCase("passed").doesNotContainIgnoringCase("no exceptions noted");
        }
    }

    @Test
    void theExecutiveSummaryIsOnePageWithItsNumbersAndVectorCharts() throws Exception {
        MockHttpServletResponse res = call(acme.bearer(Role.ADMIN), url("executive-summary", "pdf", audited));
        byte[] pdf = res.getContentAsByteArray();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "assayer-internal-reports");
        Files.createDirectories(dir);
        Files.write(dir.resolve("executive-summary.pdf"), pdf);
        try (PDDocument d = Loader.loadPDF(pdf)) {
            assertThat(d.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(d);
            assertThat(text).contains("Executive summary", "Readiness by category", "Open findings by severity",
                    "Security", "Availability", "High", "1 open findings (0 overdue)".substring(2), "Page 1 of 1");
            PDPage page = d.getPage(0);
            for (COSName name : page.getResources().getXObjectNames()) {
                assertThat(page.getResources().getXObject(name))
                        .isNotInstanceOf(org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.class);
            }
            List<String> ops = new ArrayList<>();
            for (Object token : new PDFStreamParser(page).parse()) {
                if (token instanceof Operator op) {
                    ops.add(op.getName());
                }
            }
            assertThat(ops).as("rectangles filled as paths").contains("re", "f", "l", "S");
            for (COSName name : page.getResources().getFontNames()) {
                assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
            }
            ImageIO.write(new PDFRenderer(d).renderImageWithDPI(0, 72), "png", dir.resolve("executive-summary.png").toFile());
        }
        String html = call(acme.bearer(Role.ADMIN), url("executive-summary", "html", audited)).getContentAsString();
        assertThat(html).contains("<svg", "<rect", "Readiness by category", "Open findings by severity");
        assertThat(html).doesNotContain("<script");
    }

    @Test
    void aReportIsFiledAsEvidenceByThoseWhoMayUpload() throws Exception {
        String u = "/api/v1/reports/internal/controls-matrix/evidence?engagement=" + audited.id();
        for (Role role : TestOrg.ROLES) {
            int status = mvc.perform(post(u).header("Authorization", acme.bearer(role))).andReturn().getResponse()
                    .getStatus();
            assertThat(status).as(role.name())
                    .isEqualTo(role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER ? 201 : 403);
        }
        assertThat(mvc.perform(post(u).header("Authorization", other.bearer(Role.ADMIN))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post(u).header("Authorization", in.bearer(Role.AUDIT_PARTNER))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        List<EvidenceItem> filed = evidence.list(acme.admin(), null).stream()
                .filter(i -> "Assayer internal reports".equals(i.sourceSystem())).toList();
        assertThat(filed).hasSize(2).allSatisfy(i -> assertThat(i.filename()).endsWith(".xlsx"));
        assertThat(activity.recent(acme.id(), "internal-report", audited.id().toString(), 50))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("filed-as-evidence"));
    }

    static Row find(Sheet s, String criterion, String control) {
        for (Row r : s) {
            if (r.getRowNum() == 0) {
                continue;
            }
            Cell ctl = r.getCell(4);
            if (criterion.equals(r.getCell(0).getStringCellValue())
                    && (control == null ? ctl == null : ctl != null && control.equals(ctl.getStringCellValue()))) {
                return r;
            }
        }
        return null;
    }

    static Row find(Sheet s, int column, String value) {
        for (Row r : s) {
            if (r.getRowNum() > 0 && value.equals(r.getCell(column).getStringCellValue())) {
                return r;
            }
        }
        return null;
    }
}
