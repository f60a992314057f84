package dev.assayer.fieldwork.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.internal.export.WorkpaperXlsx;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 4 §9 on the API: the workpapers of an engagement as JSON and XLSX, whole or per control, auditors only. */
class WorkpaperExportTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired PopulationService populations;
    @Autowired RequestListService requests;
    @Autowired ActivityLog activity;
    @Autowired MockMvc mvc;

    static final JsonMapper JSON = JsonMapper.builder().build();

    Workpaper wp;
    String base;

    @BeforeEach
    void setUp() {
        wp = Workpaper.create(identity, engagements, access, controls, tests, populations, requests);
        base = "/api/v1/engagements/" + wp.id() + "/workpapers";
    }

    MockHttpServletResponse download(String url, String bearer) throws Exception {
        return mvc.perform(get(url).header("Authorization", bearer)).andExpect(status().isOk()).andReturn()
                .getResponse();
    }

    static JsonNode test(JsonNode doc, String control, String kind) {
        for (JsonNode c : doc.path("controls")) {
            if (c.path("ref").asString().equals(control)) {
                for (JsonNode t : c.path("tests")) {
                    if (t.path("kind").asString().equals(kind)) {
                        return t;
                    }
                }
            }
        }
        throw new AssertionError("no " + kind + " test of " + control);
    }

    @Test
    void jsonHoldsTheConcludedTestExactlyAsRecordedAndNoConclusionWhereNoneWasWritten() throws Exception {
        MockHttpServletResponse res = download(base + ".json", wp.in().bearer(Role.AUDIT_STAFF));
        byte[] body = res.getContentAsByteArray();
        assertThat(res.getContentType()).startsWith("application/json");
        String sha = Hashing.sha256Hex(body);
        assertThat(res.getHeader("X-Content-SHA256")).isEqualTo(sha);
        assertThat(res.getHeader("Content-Disposition")).contains("attachment")
                .contains("workpapers-soc-2-type-ii-").contains(LocalDate.now(java.time.ZoneOffset.UTC) + ".json");

        JsonNode doc = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        List<String> keys = new ArrayList<>(doc.propertyNames());
        assertThat(keys).containsExactly("schemaVersion", "engagement", "firm", "generatedAt", "generatedBy", "filter",
                "controls", "populations", "requests");
        assertThat(doc.path("engagement").path("id").asString()).isEqualTo(wp.id().toString());
        assertThat(doc.path("engagement").path("reportType").asString()).isEqualTo("TYPE2");
        assertThat(doc.path("engagement").path("periodStart").asString()).isEqualTo(Workpaper.START.toString());
        assertThat(doc.path("firm").path("name").asString()).isEqualTo(wp.firm().name());
        assertThat(doc.path("generatedBy").asString()).isEqualTo(wp.staff().label());
        assertThat(doc.path("filter").isNull()).isTrue();
        assertThat(doc.path("controls")).extracting(c -> c.path("ref").asString()).containsExactly("AC-01", "HR-02");

        JsonNode oe = test(doc, "AC-01", "OPERATING_EFFECTIVENESS");
        assertThat(oe.path("id").asString()).isEqualTo(wp.concluded().id().toString());
        assertThat(oe.path("status").asString()).isEqualTo("REVIEWED");
        assertThat(oe.path("procedures")).hasSize(2);
        assertThat(oe.path("procedures").get(1).path("method").asString()).isEqualTo("INSPECTION");
        assertThat(oe.path("procedures").get(1).path("text").asString()).isEqualTo("Inspect each review's sign-off");
        assertThat(oe.path("attributes").get(0).path("code").asString()).isEqualTo("A");
        assertThat(oe.path("sizing").path("method").asString()).isEqualTo("JUDGMENTAL");
        assertThat(oe.path("sizing").path("reason").asString()).isEqualTo("Three of six months");
        assertThat(oe.path("sample").isNull()).isTrue();
        assertThat(oe.path("results")).hasSize(6);
        JsonNode failed = null;
        for (JsonNode r : oe.path("results")) {
            if (r.path("outcome").asString().equals("FAIL")) {
                failed = r;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.path("key").asString()).isEqualTo("REV-2");
        assertThat(failed.path("attribute").asString()).isEqualTo("A");
        assertThat(failed.path("deviation").asString()).isEqualTo("D1");
        assertThat(failed.path("note").asString()).isEqualTo("Not signed");

        JsonNode d1 = oe.path("deviations").get(0);
        assertThat(d1.path("ref").asString()).isEqualTo("D1");
        assertThat(d1.path("status").asString()).isEqualTo("OPEN");
        assertThat(d1.path("description").asString()).isEqualTo(Workpaper.DESCRIPTION);
        assertThat(d1.path("cause").asString()).isEqualTo(Workpaper.CAUSE);
        assertThat(d1.path("nature").asString()).isEqualTo("ISOLATED");
        assertThat(d1.path("compensatingControls").asString()).isEqualTo("Quarterly SSO reconciliation");
        assertThat(d1.path("managementResponse").path("text").asString()).isEqualTo(Workpaper.RESPONSE);
        assertThat(d1.path("managementResponse").path("by").asString())
                .isEqualTo(wp.client().user(Role.COMPLIANCE_MANAGER).label());
        assertThat(d1.path("finding").isNull()).isTrue();

        JsonNode conclusion = oe.path("conclusion");
        assertThat(conclusion.path("value").asString()).isEqualTo("EFFECTIVE_WITH_EXCEPTIONS");
        assertThat(conclusion.path("resultWording").asString()).isEqualTo(Workpaper.WORDING);
        assertThat(conclusion.path("concludedBy").asString()).isEqualTo(wp.staff().label());
        assertThat(conclusion.path("concludedAt").asString()).isEqualTo(wp.concluded().concludedAt().toString());
        JsonNode signOffs = oe.path("signOffs");
        assertThat(signOffs.path("preparer").path("by").asString()).isEqualTo(wp.staff().label());
        assertThat(signOffs.path("preparer").path("at").asString()).isEqualTo(wp.concluded().preparer().at().toString());
        assertThat(signOffs.path("reviewer").path("by").asString()).isEqualTo(wp.in().user(Role.AUDIT_MANAGER).label());
        assertThat(signOffs.path("locked").asBoolean()).isTrue();
        assertThat(oe.path("reviewNotes")).hasSize(1);
        assertThat(oe.path("reviewNotes").get(0).path("response").asString()).isEqualTo("Ticket ITSM-88 attached");
        assertThat(oe.path("reviewNotes").get(0).path("clearedBy").asString())
                .isEqualTo(wp.in().user(Role.AUDIT_MANAGER).label());

        // the test nobody concluded: no conclusion, no wording, no sign-offs — nothing made up
        JsonNode design = test(doc, "AC-01", "DESIGN");
        assertThat(design.has("conclusion")).isTrue();
        assertThat(design.path("conclusion").isNull()).isTrue();
        assertThat(design.path("signOffs").path("preparer").isNull()).isTrue();
        assertThat(design.path("signOffs").path("reviewer").isNull()).isTrue();
        assertThat(design.path("results")).isEmpty();
        assertThat(test(doc, "HR-02", "OPERATING_EFFECTIVENESS").path("conclusion").isNull()).isTrue();

        // the sampled test names its population by id, version and SHA-256, with seed, method and items
        JsonNode sample = test(doc, "HR-02", "OPERATING_EFFECTIVENESS").path("sample");
        assertThat(sample.path("id").asString()).isEqualTo(wp.sample().sample().id().toString());
        assertThat(sample.path("populationId").asString()).isEqualTo(wp.population().id().toString());
        assertThat(sample.path("populationVersion").asInt()).isEqualTo(1);
        assertThat(sample.path("populationSha256").asString())
                .isEqualTo(Hashing.sha256Hex(wp.populationCsv().getBytes(StandardCharsets.UTF_8)));
        assertThat(sample.path("seed").asString()).isEqualTo("wp-2026");
        assertThat(sample.path("method").asString()).isEqualTo(wp.sample().sample().method());
        assertThat(sample.path("items")).extracting(i -> i.path("row").asLong())
                .containsExactlyElementsOf(wp.sample().sample().items().stream().map(i -> i.row()).toList());

        JsonNode population = doc.path("populations").get(0);
        assertThat(population.path("versions").get(0).path("sourceSystem").asString()).isEqualTo("Workday");
        assertThat(population.path("versions").get(0).path("extractedBy").asString()).isEqualTo("P. Lee, HR systems");
        assertThat(population.path("versions").get(0).path("rows").asLong()).isEqualTo(12);
        assertThat(population.path("versions").get(0).path("controls")).extracting(JsonNode::asString)
                .containsExactly("HR-02");
        assertThat(doc.path("requests")).extracting(r -> r.path("ref").asString())
                .containsExactly(wp.requestAc().ref(), wp.requestHr().ref());

        // the export is in the client's activity log with the SHA-256 of the bytes handed out
        List<ActivityEntry> log = activity.recent(wp.client().id(), "workpapers", wp.id().toString(), 5);
        assertThat(log).hasSize(1);
        assertThat(log.getFirst().action()).isEqualTo("exported");
        assertThat(log.getFirst().actorLabel()).isEqualTo(wp.staff().label());
        assertThat(log.getFirst().after()).contains("\"sha256\":\"" + sha + "\"").contains("\"format\":\"JSON\"");
    }

    @Test
    void xlsxOpensWithEverySheetAFrozenBoldHeaderAFilterRealDatesAndNoFormula() throws Exception {
        MockHttpServletResponse res = download(base + ".xlsx", wp.in().bearer(Role.AUDIT_MANAGER));
        assertThat(res.getContentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(res.getHeader("Content-Disposition")).contains(".xlsx");
        byte[] body = res.getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("Summary", "Tests", "Results", "Deviations", "Populations", "Samples",
                    "Requests", "Sign-offs", "Review notes");
            assertThat(names).isEqualTo(WorkpaperXlsx.SHEETS);
            for (Sheet sheet : wb) {
                PaneInformation pane = sheet.getPaneInformation();
                assertThat(pane).as(sheet.getSheetName() + " frozen header").isNotNull();
                assertThat(pane.isFreezePane()).isTrue();
                assertThat(pane.getHorizontalSplitTopRow()).isEqualTo((short) 1);
                assertThat(((XSSFSheet) sheet).getCTWorksheet().isSetAutoFilter()).as(sheet.getSheetName() + " filter")
                        .isTrue();
                Cell first = sheet.getRow(0).getCell(0);
                assertThat(wb.getFontAt(first.getCellStyle().getFontIndex()).getBold()).isTrue();
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as(sheet.getSheetName() + " " + cell.getAddress())
                                .isNotEqualTo(CellType.FORMULA);
                    }
                }
            }
            Sheet deviations = wb.getSheet("Deviations");
            List<String> header = headers(deviations);
            Row d1 = deviations.getRow(1);
            assertThat(d1.getCell(header.indexOf("Control")).getStringCellValue()).isEqualTo("AC-01");
            assertThat(d1.getCell(header.indexOf("Deviation")).getStringCellValue()).isEqualTo("D1");
            assertThat(d1.getCell(header.indexOf("Management response")).getStringCellValue()).isEqualTo(Workpaper.RESPONSE);
            Cell cause = d1.getCell(header.indexOf("Cause"));
            assertThat(cause.getCellType()).isEqualTo(CellType.STRING);
            assertThat(cause.getStringCellValue()).isEqualTo(Workpaper.CAUSE);
            Cell responded = d1.getCell(header.indexOf("Responded at (UTC)"));
            assertThat(responded.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(responded)).isTrue();

            Sheet testsSheet = wb.getSheet("Tests");
            List<String> th = headers(testsSheet);
            List<String> wordings = new ArrayList<>();
            for (Row row : testsSheet) {
                if (row.getRowNum() > 0) {
                    Cell c = row.getCell(th.indexOf("Result wording"));
                    wordings.add(c == null ? null : c.getStringCellValue());
                }
            }
            assertThat(wordings).hasSize(3).containsOnlyOnce(Workpaper.WORDING).containsNull();

            Sheet pops = wb.getSheet("Populations");
            List<String> ph = headers(pops);
            assertThat(pops.getRow(1).getCell(ph.indexOf("SHA-256")).getStringCellValue())
                    .isEqualTo(Hashing.sha256Hex(wp.populationCsv().getBytes(StandardCharsets.UTF_8)));
            Cell from = pops.getRow(1).getCell(ph.indexOf("Period from"));
            assertThat(DateUtil.isCellDateFormatted(from)).isTrue();
            assertThat(from.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(Workpaper.START);
            assertThat(wb.getSheet("Samples").getLastRowNum()).isEqualTo(4);
            assertThat(wb.getSheet("Sign-offs").getLastRowNum()).isEqualTo(3);
        }
        List<ActivityEntry> log = activity.recent(wp.client().id(), "workpapers", wp.id().toString(), 5);
        assertThat(log.getFirst().after()).contains("\"sha256\":\"" + Hashing.sha256Hex(body) + "\"")
                .contains("\"format\":\"XLSX\"");
    }

    static List<String> headers(Sheet sheet) {
        List<String> out = new ArrayList<>();
        sheet.getRow(0).forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }

    @Test
    void oneControlExportsOnlyItsTestsPopulationsAndRequests() throws Exception {
        MockHttpServletResponse res = download(base + ".json?control=hr-02", wp.in().bearer(Role.AUDIT_STAFF));
        assertThat(res.getHeader("Content-Disposition")).contains("-hr-02-");
        JsonNode doc = JSON.readTree(res.getContentAsString());
        assertThat(doc.path("filter").path("control").asString()).isEqualTo("HR-02");
        assertThat(doc.path("controls")).extracting(c -> c.path("ref").asString()).containsExactly("HR-02");
        assertThat(doc.path("populations")).hasSize(1);
        assertThat(doc.path("requests")).extracting(r -> r.path("ref").asString()).containsExactly(wp.requestHr().ref());

        JsonNode byId = JSON.readTree(download(base + ".json?control=" + wp.monthly().id(), wp.in().bearer(Role.AUDIT_STAFF))
                .getContentAsString());
        assertThat(byId.path("controls")).extracting(c -> c.path("ref").asString()).containsExactly("AC-01");
        assertThat(byId.path("controls").get(0).path("tests")).hasSize(2);
        assertThat(byId.path("populations")).isEmpty();
        assertThat(byId.path("requests")).extracting(r -> r.path("ref").asString()).containsExactly(wp.requestAc().ref());

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(
                download(base + ".xlsx?control=AC-01", wp.in().bearer(Role.AUDIT_PARTNER)).getContentAsByteArray()))) {
            assertThat(wb.getSheet("Tests").getLastRowNum()).isEqualTo(2);
            assertThat(wb.getSheet("Samples").getLastRowNum()).isZero();
        }

        mvc.perform(get(base + ".xlsx?control=NOPE-9").header("Authorization", wp.in().bearer(Role.AUDIT_STAFF)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("control"));
    }

    @Test
    void onlyTheFirmInsideTheEngagementExports() throws Exception {
        for (Role role : TestFirm.ROLES) {
            download(base + ".json", wp.in().bearer(role));
        }
        download(base + ".xlsx", wp.in().secondBearer());
        int before = activity.recent(wp.client().id(), "workpapers", wp.id().toString(), 50).size();
        // the client's members never export the auditor's workpapers
        for (Role role : TestOrg.ROLES) {
            for (String ext : List.of(".json", ".xlsx")) {
                mvc.perform(get(base + ext).header("Authorization", wp.client().bearer(role)))
                        .andExpect(status().isForbidden());
            }
        }
        // another firm, inside another engagement of the same client: not found
        Engagement other = engagements.create(wp.client().admin(), new EngagementDraft("Other " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, Workpaper.START, Workpaper.END, List.of(), null, null, null, null,
                null, null));
        TestFirm otherFirm = TestFirm.create(identity);
        TestFirm.Inside otherIn = otherFirm.inside(identity, access, wp.client(), other.id());
        // and the same firm inside another client's engagement: not found either
        TestOrg otherClient = TestOrg.create(identity);
        Engagement elsewhere = engagements.create(otherClient.admin(), new EngagementDraft("Else " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, Workpaper.START, Workpaper.END, List.of(), null, null, null, null,
                null, null));
        TestFirm.Inside sameFirmElsewhere = wp.firm().inside(identity, access, otherClient, elsewhere.id());
        for (String bearer : List.of(otherIn.bearer(Role.AUDIT_PARTNER), otherIn.bearer(Role.AUDIT_STAFF),
                sameFirmElsewhere.bearer(Role.AUDIT_MANAGER))) {
            for (String ext : List.of(".json", ".xlsx")) {
                mvc.perform(get(base + ext).header("Authorization", bearer)).andExpect(status().isNotFound());
            }
        }
        mvc.perform(get("/api/v1/engagements/" + UUID.randomUUID() + "/workpapers.json")
                .header("Authorization", wp.in().bearer(Role.AUDIT_STAFF))).andExpect(status().isNotFound());
        assertThat(activity.recent(wp.client().id(), "workpapers", wp.id().toString(), 50)).hasSize(before);
    }
}
