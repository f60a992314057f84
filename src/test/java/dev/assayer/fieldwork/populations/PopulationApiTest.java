package dev.assayer.fieldwork.populations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.Sample;
import dev.assayer.fieldwork.SampleItem;
import dev.assayer.fieldwork.internal.populations.SelectionDocument;
import dev.assayer.fieldwork.sampling.SelectionJson;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 4 §4 and §6 in the app: populations with their C&A record, versions, and reproducible samples. */
class PopulationApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired PopulationService populations;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Value("${assayer.data-dir}") String dataDir;
    @TempDir Path tmp;

    Fixture fx;
    String base;
    String staff;

    @BeforeEach
    void setUp() {
        fx = Fixture.create(identity, engagements, access);
        base = "/api/v1/engagements/" + fx.id();
        staff = fx.in().bearer(Role.AUDIT_STAFF);
    }

    private JsonNode body(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    private JsonNode importCsv(String bearer, String filename, String content) throws Exception {
        return body(mvc.perform(Fixture.upload(base + "/populations", filename, content).header("Authorization", bearer))
                .andExpect(status().isCreated()));
    }

    private JsonNode select(String bearer, String populationId, int version, String request) throws Exception {
        return body(mvc.perform(post(base + "/populations/{id}/versions/{n}/samples", populationId, version)
                        .header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON).content(request))
                .andExpect(status().isCreated()));
    }

    private String selectionJson(String sampleId) throws Exception {
        return mvc.perform(get(base + "/samples/{id}/selection.json", sampleId).header("Authorization", staff))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }

    @Test
    void anImportRecordsCompletenessAndAccuracyAndTheHashOfTheBytesAsSupplied() throws Exception {
        controls.create(fx.client().admin(), new ControlDraft("CM-01", "Changes are approved", null, null, Nature.MANUAL,
                ControlKind.PREVENTIVE, Frequency.PER_EVENT, true, ImplementationStatus.IMPLEMENTED, List.of(), List.of()));
        String content = Fixture.csv(40).replace("\n", "\r\n");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Map<String, String> fields = Fixture.fields();
        fields.put("controls", "CM-01");
        JsonNode p = body(mvc.perform(Fixture.upload(base + "/populations", "changes.csv", bytes, fields)
                        .header("Authorization", staff))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith(base + "/populations/"))));
        JsonNode v = p.path("versions").get(0);
        String sha = Hashing.sha256Hex(bytes);
        assertThat(p.path("name").asString()).isEqualTo("Changes merged to main");
        assertThat(p.path("latestVersion").asInt()).isEqualTo(1);
        assertThat(v.path("number").asInt()).isEqualTo(1);
        assertThat(v.path("controlRefs").get(0).asString()).isEqualTo("CM-01");
        assertThat(v.path("sourceSystem").asString()).isEqualTo("GitHub");
        assertThat(v.path("query").asString()).startsWith("gh pr list");
        assertThat(v.path("queryParameters").asString()).startsWith("repo=acme/app");
        assertThat(v.path("extractedBy").asString()).isEqualTo("J. Diaz, platform lead at the client");
        assertThat(v.path("extractedAt").asString()).isEqualTo(java.time.LocalDate.now().minusDays(2) + "T14:30:00Z");
        assertThat(v.path("periodFrom").asString()).isEqualTo(Fixture.START.toString());
        assertThat(v.path("periodTo").asString()).isEqualTo(Fixture.END.toString());
        assertThat(v.path("keyColumn").asString()).isEqualTo("id");
        assertThat(v.path("dateColumn").asString()).isEqualTo("merged_on");
        assertThat(v.path("format").asString()).isEqualTo("csv");
        assertThat(v.path("filename").asString()).isEqualTo("changes.csv");
        assertThat(v.path("rows").asLong()).isEqualTo(40);
        assertThat(v.path("sizeBytes").asLong()).isEqualTo(bytes.length);
        assertThat(v.path("sha256").asString()).isEqualTo(sha);
        assertThat(v.path("outOfPeriod").asLong()).isZero();
        assertThat(v.path("uploadedBy").asString()).contains(fx.in().user(Role.AUDIT_STAFF).email())
                .contains(fx.firm().name());
        assertThat(v.path("uploadedAt").asString()).isNotEmpty();
        assertThat(v.path("sampled").asBoolean()).isFalse();

        // stored once under its hash, downloaded byte for byte
        assertThat(Files.readAllBytes(Path.of(dataDir, "populations", sha))).isEqualTo(bytes);
        byte[] downloaded = mvc.perform(get(base + "/populations/{id}/versions/1/file", p.path("id").asString())
                        .header("Authorization", staff))
                .andExpect(status().isOk()).andExpect(header().string("X-Content-SHA256", sha))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("changes.csv")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(bytes);
        assertThat(jdbc.sql("SELECT action FROM activity_entry WHERE org_id = ? AND entity_type = 'population' "
                + "AND entity_id = ?").params(fx.client().id(), p.path("id").asString()).query(String.class).list())
                .containsExactly("imported");
    }

    @Test
    void rowsOutsideTheEngagementPeriodAndRowsWithoutADateAreFlagged() throws Exception {
        StringBuilder b = new StringBuilder("id,merged_on,title\n");
        b.append("IN-1,").append(Fixture.START).append(",first day\n");                        // row 1, line 2
        b.append("IN-2,").append(Fixture.START.plusDays(20)).append(",\"two\nlines\"\n");       // row 2, lines 3-4
        b.append("IN-3,").append(Fixture.END).append("T23:59:00Z,last day\n");                  // row 3, line 5
        b.append("OLD,").append(Fixture.START.minusDays(1)).append(",before\n");                // row 4, line 6
        b.append("LATE,").append(Fixture.END.plusDays(1)).append(",after\n");                   // row 5, line 7
        b.append("NODATE,n/a,unreadable\n");                                                    // row 6, line 8
        b.append("EMPTY,,no date\n");                                                           // row 7, line 9
        for (int i = 1; i <= 60; i++) {                                                         // rows 8-67
            b.append("PREV-").append(i).append(',').append(Fixture.START.minusMonths(2)).append(",earlier\n");
        }
        JsonNode v = importCsv(staff, "flags.csv", b.toString()).path("versions").get(0);
        assertThat(v.path("rows").asLong()).isEqualTo(67);
        assertThat(v.path("outOfPeriod").asLong()).isEqualTo(62);
        assertThat(v.path("unparseableDates").asLong()).isEqualTo(2);
        assertThat(v.path("firstDate").asString()).isEqualTo(Fixture.START.minusMonths(2).toString());
        assertThat(v.path("lastDate").asString()).isEqualTo(Fixture.END.plusDays(1).toString());
        List<JsonNode> outside = new ArrayList<>();
        List<JsonNode> unreadable = new ArrayList<>();
        v.path("flags").forEach(f -> (f.path("kind").asString().equals("out-of-period") ? outside : unreadable).add(f));
        assertThat(outside).hasSize(50);
        assertThat(outside.get(0).path("row").asLong()).isEqualTo(4);
        assertThat(outside.get(0).path("line").asLong()).isEqualTo(6);
        assertThat(outside.get(0).path("key").asString()).isEqualTo("OLD");
        assertThat(outside.get(0).path("date").asString()).isEqualTo(Fixture.START.minusDays(1).toString());
        assertThat(outside.get(1).path("key").asString()).isEqualTo("LATE");
        assertThat(outside.get(2).path("key").asString()).isEqualTo("PREV-1");
        assertThat(outside.get(49).path("row").asLong()).isEqualTo(55);
        assertThat(unreadable).extracting(f -> f.path("row").asLong()).containsExactly(6L, 7L);
        assertThat(unreadable).extracting(f -> f.path("line").asLong()).containsExactly(8L, 9L);
        assertThat(unreadable.get(0).path("date").asString()).isEqualTo("n/a");
        assertThat(v.path("warnings").toString()).contains("62 rows are dated outside the engagement period")
                .contains("2 rows have no readable date");
    }

    @Test
    void aReExtractionIsANewVersionAndASampledVersionIsImmutable() throws Exception {
        JsonNode p = importCsv(staff, "changes.csv", Fixture.csv(30));
        String id = p.path("id").asString();
        String v1 = base + "/populations/" + id + "/versions/1";
        JsonNode edited = body(mvc.perform(put(v1).header("Authorization", staff).contentType(MediaType.APPLICATION_JSON)
                        .content(update("Changes merged to main (all repos)", "merged_on", 0)))
                .andExpect(status().isOk()));
        assertThat(edited.path("name").asString()).isEqualTo("Changes merged to main (all repos)");
        assertThat(edited.path("version").asLong()).isEqualTo(1);
        mvc.perform(put(v1).header("Authorization", staff).contentType(MediaType.APPLICATION_JSON)
                        .content(update("stale", "merged_on", 0)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].field").value("version"));
        mvc.perform(put(v1).header("Authorization", staff).contentType(MediaType.APPLICATION_JSON)
                        .content(update("x", "no_such_column", 1)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("dateColumn"))
                .andExpect(jsonPath("$.errors[0].line").value(1));

        select(staff, id, 1, "{\"size\": 5, \"seed\": \"v1\"}");
        mvc.perform(put(v1).header("Authorization", fx.in().bearer(Role.AUDIT_MANAGER))
                        .contentType(MediaType.APPLICATION_JSON).content(update("too late", "merged_on", 2)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", Matchers.containsString("immutable")))
                .andExpect(jsonPath("$.detail", Matchers.containsString("version 2")));
        mvc.perform(get(v1).header("Authorization", staff)).andExpect(status().isOk())
                .andExpect(jsonPath("$.sampled").value(true)).andExpect(jsonPath("$.samples").value(1))
                .andExpect(jsonPath("$.name").value("Changes merged to main (all repos)"));

        String second = Fixture.csv(35);
        JsonNode v2 = body(mvc.perform(Fixture.upload(base + "/populations/" + id + "/versions", "changes-2.csv", second)
                        .header("Authorization", fx.in().bearer(Role.AUDIT_MANAGER)))
                .andExpect(status().isCreated()));
        assertThat(v2.path("number").asInt()).isEqualTo(2);
        assertThat(v2.path("sampled").asBoolean()).isFalse();
        JsonNode history = body(mvc.perform(get(base + "/populations/" + id).header("Authorization", staff))
                .andExpect(status().isOk()));
        assertThat(history.path("latestVersion").asInt()).isEqualTo(2);
        assertThat(history.path("versions")).extracting(x -> x.path("number").asInt()).containsExactly(2, 1);
        assertThat(history.path("versions")).extracting(x -> x.path("rows").asLong()).containsExactly(35L, 30L);
        assertThat(history.path("versions").get(0).path("sha256").asString())
                .isEqualTo(Hashing.sha256Hex(second.getBytes(StandardCharsets.UTF_8)));
        assertThat(history.path("versions").get(0).path("uploadedBy").asString())
                .contains(fx.in().user(Role.AUDIT_MANAGER).email());
        assertThat(history.path("versions").get(1).path("uploadedBy").asString())
                .contains(fx.in().user(Role.AUDIT_STAFF).email());
        assertThat(history.path("samples")).hasSize(1);
        // the new version is editable while version 1 stays as sampled
        mvc.perform(put(base + "/populations/" + id + "/versions/2").header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content(update("Changes, re-extracted", "merged_on", 0)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Changes, re-extracted"));
        assertThat(jdbc.sql("SELECT action FROM activity_entry WHERE org_id = ? AND entity_type = 'population' "
                        + "AND entity_id = ? ORDER BY seq").params(fx.client().id(), id).query(String.class).list())
                .containsExactly("imported", "version-updated", "version-imported", "version-updated");
    }

    private static String update(String name, String dateColumn, long version) {
        return """
                {"name": "%s", "sourceSystem": "GitHub", "query": "gh pr list --state merged",
                 "extractedBy": "J. Diaz", "extractedAt": "2026-01-05T10:00:00Z", "keyColumn": "id",
                 "dateColumn": "%s", "version": %d}""".formatted(name, dateColumn, version);
    }

    @Test
    void aSampleMadeInTheAppIsTheSampleTheCommandLineMakesFromTheSameFile() throws Exception {
        String content = Fixture.csv(200);
        Path file = write("changes.csv", content);
        String id = importCsv(staff, "changes.csv", content).path("id").asString();
        record Case(String request, List<String> options) {
        }
        List<Case> cases = List.of(
                new Case("{\"size\": 12, \"seed\": \"FY-2026 CM-01\"}", List.of("--size", "12", "--seed", "FY-2026 CM-01")),
                new Case("{\"method\": \"systematic\", \"size\": 10, \"seed\": \"sys\"}",
                        List.of("--size", "10", "--seed", "sys", "--method", "systematic")),
                new Case("{\"size\": 8, \"seed\": \"q\", \"spreadByQuarter\": true, \"chosenRows\": [150, 3], "
                        + "\"justification\": \"largest changes\"}", List.of("--size", "8", "--seed", "q", "--spread-by",
                        "merged_on", "--choose", "150,3", "--justification", "largest changes")));
        for (Case c : cases) {
            JsonNode s = select(staff, id, 1, c.request());
            String downloaded = selectionJson(s.path("sample").path("id").asString());
            List<String> args = new ArrayList<>(List.of("select", "--population", file.toString(), "--key-column", "id"));
            args.addAll(c.options());
            args.add("--json");
            Fixture.Run cli = Fixture.cli(args.toArray(String[]::new));
            assertThat(cli.code()).as(cli.err()).isZero();
            assertThat(downloaded).isEqualTo(cli.out());
            assertThat(s.path("selectionJson").asString() + System.lineSeparator()).isEqualTo(cli.out());
            assertThat(s.path("command").asString()).startsWith("./assayer sample select --population changes.csv")
                    .contains("--key-column id");
            // the offline reader reads the stored document as the app does
            Path selection = write("selection.json", downloaded);
            assertThat(SelectionJson.read(selection)).isEqualTo(SelectionDocument.parse(downloaded));
            assertThat(Fixture.cli("verify", "--population", file.toString(), "--selection", selection.toString()).code())
                    .isZero();
        }
        // without a key column the plain command gives the same document
        Map<String, String> fields = Fixture.fields();
        fields.put("keyColumn", null);
        String plain = body(mvc.perform(Fixture.upload(base + "/populations", "changes.csv",
                        content.getBytes(StandardCharsets.UTF_8), fields).header("Authorization", staff))
                .andExpect(status().isCreated())).path("id").asString();
        JsonNode s = select(staff, plain, 1, "{\"size\": 25, \"seed\": \"2026-Q3\"}");
        assertThat(selectionJson(s.path("sample").path("id").asString())).isEqualTo(Fixture.cli("select", "--population",
                file.toString(), "--size", "25", "--seed", "2026-Q3", "--json").out());
        assertThat(s.path("sample").path("items")).hasSize(25);
        assertThat(s.path("sample").path("populationSha256").asString())
                .isEqualTo(Hashing.sha256Hex(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anExtensionContinuesTheDrawStreamAndNeverChangesEarlierItems() throws Exception {
        String content = Fixture.csv(100);
        Path file = write("changes.csv", content);
        String id = importCsv(staff, "changes.csv", content).path("id").asString();
        String sampleId = select(staff, id, 1, "{\"size\": 10, \"seed\": \"ext\"}").path("sample").path("id").asString();
        Sample before = populations.sample(fx.in().user(Role.AUDIT_STAFF), UUID.fromString(sampleId));

        JsonNode extended = body(mvc.perform(post(base + "/samples/{id}/extend", sampleId)
                        .header("Authorization", fx.in().bearer(Role.AUDIT_MANAGER)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"additional\": 5, \"reason\": \"one deviation: CHG-17 merged without approval\"}"))
                .andExpect(status().isOk()));
        assertThat(extended.path("sample").path("size").asInt()).isEqualTo(15);
        assertThat(extended.path("originalSize").asInt()).isEqualTo(10);
        JsonNode ext = extended.path("extensions").get(0);
        assertThat(ext.path("fromSize").asInt()).isEqualTo(10);
        assertThat(ext.path("toSize").asInt()).isEqualTo(15);
        assertThat(ext.path("reason").asString()).contains("CHG-17");
        assertThat(ext.path("extendedBy").asString()).contains(fx.in().user(Role.AUDIT_MANAGER).email());

        Sample after = populations.sample(fx.in().user(Role.AUDIT_STAFF), UUID.fromString(sampleId));
        assertThat(after.items()).hasSize(15);
        assertThat(after.items().stream().filter(i -> !i.extension()).toList()).isEqualTo(before.items());
        assertThat(after.items().stream().filter(SampleItem::extension).count()).isEqualTo(5);
        assertThat(after.selectedAt()).isEqualTo(before.selectedAt());
        // the extended selection is the command line's selection with the larger size
        assertThat(selectionJson(sampleId)).isEqualTo(Fixture.cli("select", "--population", file.toString(), "--size", "15",
                "--seed", "ext", "--key-column", "id", "--json").out());

        mvc.perform(post(base + "/samples/{id}/extend", sampleId).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"additional\": 2}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post(base + "/samples/{id}/extend", sampleId).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"additional\": 86, \"reason\": \"x\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("additional"));
        String systematic = select(staff, id, 1, "{\"method\": \"systematic\", \"size\": 4, \"seed\": \"s\"}")
                .path("sample").path("id").asString();
        mvc.perform(post(base + "/samples/{id}/extend", systematic).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"additional\": 2, \"reason\": \"deviation\"}"))
                .andExpect(status().isConflict());
        // the service call other fieldwork code uses
        Sample again = populations.extend(fx.in().user(Role.AUDIT_STAFF), UUID.fromString(sampleId), 1, "second deviation")
                .sample();
        assertThat(again.items().stream().filter(i -> !i.extension()).toList()).isEqualTo(before.items());
        assertThat(again.size()).isEqualTo(16);
    }

    @Test
    void verifyReDerivesTheSampleFromTheStoredFileAndDetectsAChange() throws Exception {
        String content = Fixture.csv(50);
        JsonNode p = importCsv(staff, "changes.csv", content);
        String sha = p.path("versions").get(0).path("sha256").asString();
        String id = p.path("id").asString();
        String sampleId = select(staff, id, 1, "{\"size\": 6, \"seed\": \"verify\"}").path("sample").path("id").asString();
        mvc.perform(post(base + "/samples/{id}/verify", sampleId).header("Authorization", staff))
                .andExpect(status().isOk()).andExpect(jsonPath("$.matches").value(true))
                .andExpect(jsonPath("$.difference").doesNotExist());

        // offline: the downloaded file and selection verify with the command line
        byte[] downloaded = mvc.perform(get(base + "/populations/{id}/versions/1/file", id).header("Authorization", staff))
                .andReturn().getResponse().getContentAsByteArray();
        Path file = Files.write(tmp.resolve("changes.csv"), downloaded);
        Path selection = write("selection.json", selectionJson(sampleId));
        assertThat(Fixture.cli("verify", "--population", file.toString(), "--selection", selection.toString()).code())
                .isZero();

        Path stored = Path.of(dataDir, "populations", sha);
        assertThat(stored.toFile().setWritable(true, true)).isTrue();
        Files.writeString(stored, content.replace("CHG-7,", "CHG-X,"));
        mvc.perform(post(base + "/samples/{id}/verify", sampleId).header("Authorization", staff))
                .andExpect(status().isOk()).andExpect(jsonPath("$.matches").value(false))
                .andExpect(jsonPath("$.difference", Matchers.containsString("the population file changed")))
                .andExpect(jsonPath("$.difference", Matchers.containsString("changes.csv")))
                .andExpect(jsonPath("$.difference", Matchers.not(Matchers.containsString(dataDir))));
        mvc.perform(post(base + "/populations/{id}/versions/1/samples", id).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"size\": 3, \"seed\": \"again\"}"))
                .andExpect(status().isConflict());
    }

    @Test
    void jsonlPopulationsAreImportedAndSampledLikeCsv() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            b.append("{\"ticket\": \"T-").append(i).append("\", \"opened\": \"").append(Fixture.START.plusDays(i))
                    .append("T09:00:00Z\", \"priority\": ").append(i % 3).append("}\n");
            if (i == 10) {
                b.append('\n');
            }
        }
        b.append("{\"ticket\": \"T-LATE\", \"opened\": \"").append(Fixture.END.plusDays(3)).append("\"}\n");
        Map<String, String> fields = Fixture.fields();
        fields.put("keyColumn", "ticket");
        fields.put("dateColumn", "opened");
        JsonNode p = body(mvc.perform(Fixture.upload(base + "/populations", "tickets.jsonl",
                        b.toString().getBytes(StandardCharsets.UTF_8), fields).header("Authorization", staff))
                .andExpect(status().isCreated()));
        JsonNode v = p.path("versions").get(0);
        assertThat(v.path("format").asString()).isEqualTo("jsonl");
        assertThat(v.path("rows").asLong()).isEqualTo(31);
        assertThat(v.path("outOfPeriod").asLong()).isEqualTo(1);
        assertThat(v.path("flags").get(0).path("key").asString()).isEqualTo("T-LATE");
        assertThat(v.path("flags").get(0).path("row").asLong()).isEqualTo(31);
        assertThat(v.path("flags").get(0).path("line").asLong()).isEqualTo(32);
        String id = p.path("id").asString();
        JsonNode s = select(staff, id, 1, "{\"size\": 7, \"seed\": \"jsonl\"}");
        Path file = write("tickets.jsonl", b.toString());
        assertThat(selectionJson(s.path("sample").path("id").asString())).isEqualTo(Fixture.cli("select", "--population",
                file.toString(), "--size", "7", "--seed", "jsonl", "--key-column", "ticket", "--json").out());
        assertThat(s.path("sample").path("items").get(0).path("key").asString()).startsWith("T-");

        // a JSONL file under another name downloads under a name the command line reads as JSONL
        fields.put("format", "jsonl");
        String other = body(mvc.perform(Fixture.upload(base + "/populations", "export.txt",
                        b.toString().getBytes(StandardCharsets.UTF_8), fields).header("Authorization", staff))
                .andExpect(status().isCreated())).path("id").asString();
        mvc.perform(get(base + "/populations/{id}/versions/1/file", other).header("Authorization", staff))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.containsString("export.txt.jsonl")));
    }

    @Test
    void malformedFilesNameTheLineMissingFieldsAreNamedAndNothingIsStored() throws Exception {
        String unterminated = "id,merged_on\nA," + Fixture.START + "\nB," + Fixture.START + "\n\"C," + Fixture.START + "\n";
        mvc.perform(Fixture.upload(base + "/populations", "bad.csv", unterminated).header("Authorization", staff))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].line").value(4))
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("bad.csv line 4")))
                .andExpect(jsonPath("$.detail", Matchers.containsString("inside a quoted field")));
        String badJson = "{\"id\": \"A\", \"merged_on\": \"" + Fixture.START + "\"}\n{\"id\": \"B\"}\n{not json}\n";
        mvc.perform(Fixture.upload(base + "/populations", "bad.jsonl", badJson).header("Authorization", staff))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.detail", Matchers.containsString("not valid JSON")));
        String noKey = "{\"other\": \"A\", \"merged_on\": \"" + Fixture.START + "\"}\n";
        mvc.perform(Fixture.upload(base + "/populations", "nokey.jsonl", noKey).header("Authorization", staff))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("keyColumn"))
                .andExpect(jsonPath("$.errors[0].line").value(1));
        Map<String, String> wrongColumn = Fixture.fields();
        wrongColumn.put("keyColumn", "change_id");
        mvc.perform(Fixture.upload(base + "/populations", "changes.csv", Fixture.csv(3).getBytes(StandardCharsets.UTF_8),
                        wrongColumn).header("Authorization", staff))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("keyColumn"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("change_id")));

        Map<String, String> missing = Fixture.fields();
        for (String f : List.of("name", "sourceSystem", "query", "extractedBy", "extractedAt")) {
            missing.put(f, null);
        }
        missing.put("controls", "NO-SUCH-CONTROL");
        mvc.perform(Fixture.upload(base + "/populations", "changes.csv", null, missing).header("Authorization", staff))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("controls", "file", "name",
                        "sourceSystem", "query", "extractedBy", "extractedAt")));
        Map<String, String> badDates = Fixture.fields();
        badDates.put("periodFrom", Fixture.END.toString());
        badDates.put("periodTo", Fixture.START.toString());
        mvc.perform(Fixture.upload(base + "/populations", "changes.csv", Fixture.csv(3).getBytes(StandardCharsets.UTF_8),
                        badDates).header("Authorization", staff))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("periodTo"));
        badDates = Fixture.fields();
        badDates.put("extractedAt", "last Tuesday");
        mvc.perform(Fixture.upload(base + "/populations", "changes.csv", Fixture.csv(3).getBytes(StandardCharsets.UTF_8),
                        badDates).header("Authorization", staff))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("extractedAt"));

        mvc.perform(get(base + "/populations").header("Authorization", staff)).andExpect(status().isOk())
                .andExpect(jsonPath("$", Matchers.hasSize(0)));
        assertThat(Files.exists(Path.of(dataDir, "populations",
                Hashing.sha256Hex(unterminated.getBytes(StandardCharsets.UTF_8))))).isFalse();
        try (var left = Files.list(Path.of(dataDir, "populations", "tmp"))) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void selectionRequestsAreCheckedFieldByField() throws Exception {
        String id = importCsv(staff, "changes.csv", Fixture.csv(20)).path("id").asString();
        String url = base + "/populations/" + id + "/versions/1/samples";
        mvc.perform(post(url).header("Authorization", staff).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"size\": 21, \"chosenRows\": [0], \"method\": \"haphazard\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("method", "size", "seed",
                        "chosenRows", "justification")));
        mvc.perform(post(url).header("Authorization", staff).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"size\": 3, \"seed\": \"s\", \"method\": \"systematic\", \"spreadByQuarter\": true}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("spreadByQuarter"));
        mvc.perform(post(url).header("Authorization", staff).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"size\": 1, \"seed\": \"s\", \"spreadByQuarter\": true}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("quarters")));
        mvc.perform(get(base + "/populations/" + id + "/versions/1").header("Authorization", staff))
                .andExpect(jsonPath("$.sampled").value(false));
    }

    @Test
    void onlyTheFirmInsideTheEngagementReadsAndWritesPopulationsAndSamples() throws Exception {
        String id = importCsv(staff, "changes.csv", Fixture.csv(60)).path("id").asString();
        String sampleId = select(staff, id, 1, "{\"size\": 5, \"seed\": \"perm\"}").path("sample").path("id").asString();

        for (Role role : TestFirm.ROLES) {
            String bearer = fx.in().bearer(role);
            for (String url : List.of(base + "/populations", base + "/populations/" + id, base + "/populations/" + id
                    + "/versions/1", base + "/populations/" + id + "/versions/1/file", base + "/samples/" + sampleId,
                    base + "/samples/" + sampleId + "/selection.json")) {
                mvc.perform(get(url).header("Authorization", bearer)).andExpect(status().isOk());
            }
            mvc.perform(post(base + "/samples/{s}/verify", sampleId).header("Authorization", bearer))
                    .andExpect(status().isOk());
            String created = importCsv(bearer, "changes.csv", Fixture.csv(12)).path("id").asString();
            mvc.perform(put(base + "/populations/{id}/versions/1", created).header("Authorization", bearer)
                    .contentType(MediaType.APPLICATION_JSON).content(update("renamed", "merged_on", 0)))
                    .andExpect(status().isOk());
            mvc.perform(Fixture.upload(base + "/populations/" + created + "/versions", "v2.csv", Fixture.csv(13))
                    .header("Authorization", bearer)).andExpect(status().isCreated());
            String s = select(bearer, created, 2, "{\"size\": 3, \"seed\": \"" + role + "\"}").path("sample").path("id")
                    .asString();
            mvc.perform(post(base + "/samples/{s}/extend", s).header("Authorization", bearer)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"additional\": 1, \"reason\": \"deviation\"}"))
                    .andExpect(status().isOk());
        }

        // client members (every role) have no fieldwork rights: 403 everywhere
        for (Role role : TestOrg.ROLES) {
            String bearer = fx.client().bearer(role);
            expectEverywhere(bearer, id, sampleId, 403);
        }
        // another firm granted the same engagement, and this firm inside another client, see nothing
        TestFirm rival = TestFirm.create(identity);
        TestFirm.Inside rivalInside = rival.inside(identity, access, fx.client(), fx.id());
        expectEverywhere(rivalInside.bearer(Role.AUDIT_PARTNER), id, sampleId, 404);
        mvc.perform(get(base + "/populations").header("Authorization", rivalInside.bearer(Role.AUDIT_STAFF)))
                .andExpect(status().isOk()).andExpect(jsonPath("$", Matchers.hasSize(0)));
        Fixture otherClient = Fixture.create(identity, engagements, access);
        TestFirm.Inside elsewhere = fx.firm().inside(identity, access, otherClient.client(), otherClient.id());
        expectEverywhere(elsewhere.bearer(Role.AUDIT_PARTNER), id, sampleId, 404);
        String otherBase = "/api/v1/engagements/" + otherClient.id();
        mvc.perform(get(otherBase + "/populations/{id}", id).header("Authorization", elsewhere.bearer(Role.AUDIT_STAFF)))
                .andExpect(status().isNotFound());
        mvc.perform(get(otherBase + "/samples/{id}", sampleId).header("Authorization", elsewhere.bearer(Role.AUDIT_STAFF)))
                .andExpect(status().isNotFound());
        // the firm's own users outside any engagement
        String firmContext = "Bearer " + identity.issueToken(fx.firm().user(Role.AUDIT_PARTNER), "t").token();
        expectEverywhere(firmContext, id, sampleId, 404);
        // and the service says the same to callers in other modules
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ApiProblem.class,
                () -> populations.sample(fx.client().admin(), UUID.fromString(sampleId))).status()).isEqualTo(403);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ApiProblem.class,
                () -> populations.sample(rivalInside.user(Role.AUDIT_MANAGER), UUID.fromString(sampleId))).status())
                .isEqualTo(404);
        // nothing changed for the firm that owns the records
        mvc.perform(get(base + "/populations/" + id + "/versions/1").header("Authorization", staff))
                .andExpect(jsonPath("$.name").value("Changes merged to main"));
    }

    private void expectEverywhere(String bearer, String id, String sampleId, int code) throws Exception {
        List<ResultActions> calls = new ArrayList<>();
        calls.add(mvc.perform(get(base + "/populations/" + id).header("Authorization", bearer)));
        calls.add(mvc.perform(get(base + "/populations/" + id + "/versions/1").header("Authorization", bearer)));
        calls.add(mvc.perform(get(base + "/populations/" + id + "/versions/1/file").header("Authorization", bearer)));
        calls.add(mvc.perform(put(base + "/populations/" + id + "/versions/1").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(update("hijacked", "merged_on", 99))));
        calls.add(mvc.perform(Fixture.upload(base + "/populations/" + id + "/versions", "x.csv", Fixture.csv(3))
                .header("Authorization", bearer)));
        calls.add(mvc.perform(post(base + "/populations/" + id + "/versions/1/samples").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"size\": 2, \"seed\": \"x\"}")));
        calls.add(mvc.perform(get(base + "/samples/" + sampleId).header("Authorization", bearer)));
        calls.add(mvc.perform(get(base + "/samples/" + sampleId + "/selection.json").header("Authorization", bearer)));
        calls.add(mvc.perform(post(base + "/samples/" + sampleId + "/verify").header("Authorization", bearer)));
        calls.add(mvc.perform(post(base + "/samples/" + sampleId + "/extend").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"additional\": 1, \"reason\": \"x\"}")));
        if (code == 403) {
            calls.add(mvc.perform(get(base + "/populations").header("Authorization", bearer)));
            calls.add(mvc.perform(Fixture.upload(base + "/populations", "x.csv", Fixture.csv(3))
                    .header("Authorization", bearer)));
        }
        for (ResultActions r : calls) {
            assertThat(r.andReturn().getResponse().getStatus())
                    .as(r.andReturn().getRequest().getMethod() + " " + r.andReturn().getRequest().getRequestURI())
                    .isEqualTo(code);
        }
    }
}
