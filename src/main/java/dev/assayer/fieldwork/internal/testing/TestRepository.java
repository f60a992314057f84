package dev.assayer.fieldwork.internal.testing;

import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.DeviationDraft;
import dev.assayer.fieldwork.DeviationNature;
import dev.assayer.fieldwork.DeviationStatus;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.ReviewNote;
import dev.assayer.fieldwork.SampleExtensionRequest;
import dev.assayer.fieldwork.SignOff;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestHistoryEntry;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.TestSizingMethod;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for tests of controls, their results, deviations, review notes and history. Every statement
 * names the client organization and the engagement, and — for the auditor's side — the firm
 * ({@link Scope#firmId()}); the client's reads of deviations leave the firm open.
 */
@Repository
public class TestRepository {

    /** Which rows a caller may touch: the client org, the engagement, and the firm (null: any firm, client side). */
    public record Scope(UUID orgId, UUID engagementId, UUID firmId) {
    }

    /** A test as stored. */
    public record TestRow(UUID id, UUID engagementId, UUID firmId, UUID controlId, TestKind kind,
            List<Procedure> procedures, List<TestAttribute> attributes, String populationDescription, UUID sampleId,
            List<ManualItem> manualItems, TestSizing sizing, List<SampleExtensionRequest> extensions,
            Conclusion conclusion, String resultWording, String concludedBy, Instant concludedAt, SignOff preparer,
            SignOff reviewer, String createdBy, Instant createdAt, Instant updatedAt, long version) {
    }

    /** A deviation as stored (without its items). */
    public record DeviationRow(UUID id, UUID engagementId, UUID testId, int seq, String description, String cause,
            DeviationNature nature, String compensatingControls, String managementResponse, String respondedBy,
            Instant respondedAt, DeviationStatus status, String createdBy, Instant createdAt, long version) {
    }

    private static final TypeReference<List<Procedure>> PROCEDURES = new TypeReference<>() {
    };
    private static final TypeReference<List<TestAttribute>> ATTRIBUTES = new TypeReference<>() {
    };
    private static final TypeReference<List<ManualItem>> ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<SampleExtensionRequest>> EXTENSIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<UUID>> IDS = new TypeReference<>() {
    };

    private static final String TEST_COLUMNS = "id, engagement_id, firm_id, control_id, kind, procedures_json, "
            + "attributes_json, population_description, sample_id, manual_items_json, sizing_method, frequency, "
            + "population_size, confidence, tolerable_rate, expected_rate, sample_size, allowed_deviations, sizing_note, "
            + "sizing_reason, extensions_json, conclusion, result_wording, concluded_by, concluded_at, preparer_id, "
            + "preparer_label, prepared_at, reviewer_id, reviewer_label, reviewed_at, created_by, created_at, updated_at, "
            + "version";
    private static final String DEVIATION_COLUMNS = "id, engagement_id, test_id, seq, description, cause, nature, "
            + "compensating_controls, management_response, responded_by, responded_at, status, created_by, created_at, version";
    private static final String RESULT_COLUMNS = "id, item_ref, item_row, item_key, attribute, outcome, note, "
            + "evidence_json, deviation_id, recorded_by, recorded_at, version";
    private static final String NOTE_COLUMNS = "id, test_id, seq, note_text, author_label, created_at, response, "
            + "responded_by, responded_at, cleared_by, cleared_at, version";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public TestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------------------------ tests

    public void insertTest(Scope s, UUID id, UUID controlId, TestKind kind, TestRules.ValidPlan p, String by,
            Instant now) {
        TestSizing z = p.sizing();
        jdbc.sql("""
                INSERT INTO control_test (id, org_id, engagement_id, firm_id, control_id, kind, procedures_json,
                    attributes_json, population_description, sample_id, manual_items_json, sizing_method, frequency,
                    population_size, confidence, tolerable_rate, expected_rate, sample_size, allowed_deviations,
                    sizing_note, sizing_reason, extensions_json, created_by, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, 0)""")
                .params(id, s.orgId(), s.engagementId(), s.firmId(), controlId, kind.name(),
                        json.writeValueAsString(p.procedures()), json.writeValueAsString(p.attributes()),
                        p.populationDescription(), p.sampleId(), json.writeValueAsString(p.manualItems()),
                        name(z.method()), name(z.frequency()), z.populationSize(), z.confidence(), z.tolerableRate(),
                        z.expectedRate(), z.sampleSize(), z.allowedDeviations(), z.note(), z.reason(), by, ts(now),
                        ts(now))
                .update();
    }

    public Optional<TestRow> findTest(Scope s, UUID id) {
        return jdbc.sql("SELECT " + TEST_COLUMNS + " FROM control_test WHERE org_id = ? AND engagement_id = ? "
                        + "AND firm_id = ? AND id = ?")
                .params(s.orgId(), s.engagementId(), s.firmId(), id).query(this::test).optional();
    }

    public List<TestRow> listTests(Scope s) {
        return jdbc.sql("SELECT " + TEST_COLUMNS + " FROM control_test WHERE org_id = ? AND engagement_id = ? "
                        + "AND firm_id = ? ORDER BY created_at, kind")
                .params(s.orgId(), s.engagementId(), s.firmId()).query(this::test).list();
    }

    public boolean updatePlan(Scope s, UUID id, long version, TestRules.ValidPlan p, Instant now) {
        TestSizing z = p.sizing();
        return jdbc.sql("""
                UPDATE control_test SET procedures_json = ?, attributes_json = ?, population_description = ?,
                    sample_id = ?, manual_items_json = ?, sizing_method = ?, frequency = ?, population_size = ?,
                    confidence = ?, tolerable_rate = ?, expected_rate = ?, sample_size = ?, allowed_deviations = ?,
                    sizing_note = ?, sizing_reason = ?, version = version + 1, updated_at = ?
                WHERE org_id = ? AND engagement_id = ? AND firm_id = ? AND id = ? AND version = ?""")
                .params(json.writeValueAsString(p.procedures()), json.writeValueAsString(p.attributes()),
                        p.populationDescription(), p.sampleId(), json.writeValueAsString(p.manualItems()),
                        name(z.method()), name(z.frequency()), z.populationSize(), z.confidence(), z.tolerableRate(),
                        z.expectedRate(), z.sampleSize(), z.allowedDeviations(), z.note(), z.reason(), ts(now),
                        s.orgId(), s.engagementId(), s.firmId(), id, version)
                .update() == 1;
    }

    /**
     * Bumps the test's version (every change to a workpaper does, so a sign-off always names the state
     * it signed) and locks its row for the rest of the transaction. {@code version} null: any version.
     */
    public boolean touch(Scope s, UUID id, Long version, Instant now) {
        return jdbc.sql("UPDATE control_test SET version = version + 1, updated_at = ? WHERE org_id = ? "
                        + "AND engagement_id = ? AND firm_id = ? AND id = ?" + (version == null ? "" : " AND version = ?"))
                .params(version == null ? List.of(ts(now), s.orgId(), s.engagementId(), s.firmId(), id)
                        : List.of(ts(now), s.orgId(), s.engagementId(), s.firmId(), id, version))
                .update() == 1;
    }

    /** Locks the test's row for the rest of the transaction without changing it (the client's response). */
    public void lock(Scope s, UUID id) {
        jdbc.sql("SELECT id FROM control_test WHERE org_id = ? AND engagement_id = ? AND firm_id = ? AND id = ? FOR UPDATE")
                .params(s.orgId(), s.engagementId(), s.firmId(), id).query(UUID.class).optional();
    }

    public void setConclusion(Scope s, UUID id, Conclusion c, String wording, String by, Instant at) {
        jdbc.sql("UPDATE control_test SET conclusion = ?, result_wording = ?, concluded_by = ?, concluded_at = ? "
                        + "WHERE org_id = ? AND engagement_id = ? AND firm_id = ? AND id = ?")
                .params(name(c), wording, by, ts(at), s.orgId(), s.engagementId(), s.firmId(), id).update();
    }

    public void setPreparer(Scope s, UUID id, SignOff so) {
        jdbc.sql("UPDATE control_test SET preparer_id = ?, preparer_label = ?, prepared_at = ? "
                        + "WHERE org_id = ? AND engagement_id = ? AND firm_id = ? AND id = ?")
                .params(so == null ? null : so.userId(), so == null ? null : so.by(), so == null ? null : ts(so.at()),
                        s.orgId(), s.engagementId(), s.firmId(), id)
                .update();
    }

    public void setReviewer(Scope s, UUID id, SignOff so) {
        jdbc.sql("UPDATE control_test SET reviewer_id = ?, reviewer_label = ?, reviewed_at = ? "
                        + "WHERE org_id = ? AND engagement_id = ? AND firm_id = ? AND id = ?")
                .params(so == null ? null : so.userId(), so == null ? null : so.by(), so == null ? null : ts(so.at()),
                        s.orgId(), s.engagementId(), s.firmId(), id)
                .update();
    }

    public void setExtensions(Scope s, UUID id, List<SampleExtensionRequest> extensions) {
        jdbc.sql("UPDATE control_test SET extensions_json = ? WHERE org_id = ? AND engagement_id = ? AND firm_id = ? "
                        + "AND id = ?")
                .params(json.writeValueAsString(extensions), s.orgId(), s.engagementId(), s.firmId(), id).update();
    }

    // ------------------------------------------------------------------------------------ results

    public List<ItemResult> results(Scope s, UUID testId) {
        return jdbc.sql("SELECT " + RESULT_COLUMNS + " FROM control_test_result WHERE org_id = ? AND engagement_id = ? "
                        + "AND firm_id = ? AND test_id = ? ORDER BY item_row, item_key, attribute")
                .params(s.orgId(), s.engagementId(), s.firmId(), testId).query(this::result).list();
    }

    /** Per test of the scope: {number of results, number of distinct items with a failed attribute}. */
    public Map<UUID, int[]> tallies(Scope s) {
        Map<UUID, int[]> out = new HashMap<>();
        jdbc.sql("SELECT test_id, COUNT(*) AS n, COUNT(DISTINCT CASE WHEN outcome = 'FAIL' THEN item_ref END) AS f "
                        + "FROM control_test_result WHERE org_id = ? AND engagement_id = ? AND firm_id = ? GROUP BY test_id")
                .params(s.orgId(), s.engagementId(), s.firmId())
                .query(rs -> {
                    out.put(rs.getObject("test_id", UUID.class), new int[] {rs.getInt("n"), rs.getInt("f")});
                });
        return out;
    }

    public void insertResult(Scope s, UUID testId, ItemResult r) {
        jdbc.sql("INSERT INTO control_test_result (id, org_id, engagement_id, firm_id, test_id, item_ref, item_row, "
                        + "item_key, attribute, outcome, note, evidence_json, deviation_id, recorded_by, recorded_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(r.id(), s.orgId(), s.engagementId(), s.firmId(), testId, r.itemRef(), r.row(), r.key(),
                        r.attribute(), r.outcome().name(), r.note(), json.writeValueAsString(r.evidenceIds()),
                        r.deviationId(), r.recordedBy(), ts(r.recordedAt()))
                .update();
    }

    public boolean updateResult(Scope s, UUID testId, ItemResult r, long version) {
        return jdbc.sql("UPDATE control_test_result SET outcome = ?, note = ?, evidence_json = ?, deviation_id = ?, "
                        + "recorded_by = ?, recorded_at = ?, version = version + 1 WHERE org_id = ? AND engagement_id = ? "
                        + "AND firm_id = ? AND test_id = ? AND id = ? AND version = ?")
                .params(r.outcome().name(), r.note(), json.writeValueAsString(r.evidenceIds()), r.deviationId(),
                        r.recordedBy(), ts(r.recordedAt()), s.orgId(), s.engagementId(), s.firmId(), testId, r.id(),
                        version)
                .update() == 1;
    }

    // ------------------------------------------------------------------------------------ deviations

    public int nextDeviationSeq(Scope s, UUID testId) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM control_test_deviation WHERE org_id = ? "
                        + "AND engagement_id = ? AND firm_id = ? AND test_id = ?")
                .params(s.orgId(), s.engagementId(), s.firmId(), testId).query(Integer.class).single();
    }

    public void insertDeviation(Scope s, UUID testId, UUID id, int seq, String description, String by, Instant now) {
        jdbc.sql("INSERT INTO control_test_deviation (id, org_id, engagement_id, firm_id, test_id, seq, description, "
                        + "status, created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, 0)")
                .params(id, s.orgId(), s.engagementId(), s.firmId(), testId, seq, description, by, ts(now), ts(now))
                .update();
    }

    /** Deviations of the scope (firm null: of every firm), optionally of one test, in test then sequence order. */
    public List<DeviationRow> deviations(Scope s, UUID testId) {
        StringBuilder sql = new StringBuilder("SELECT " + DEVIATION_COLUMNS
                + " FROM control_test_deviation WHERE org_id = ? AND engagement_id = ?");
        List<Object> params = new ArrayList<>(List.of(s.orgId(), s.engagementId()));
        if (s.firmId() != null) {
            sql.append(" AND firm_id = ?");
            params.add(s.firmId());
        }
        if (testId != null) {
            sql.append(" AND test_id = ?");
            params.add(testId);
        }
        sql.append(" ORDER BY created_at, seq");
        return jdbc.sql(sql.toString()).params(params).query(this::deviation).list();
    }

    public Optional<DeviationRow> findDeviation(Scope s, UUID id) {
        return deviationsWhere(s, id).stream().findFirst();
    }

    private List<DeviationRow> deviationsWhere(Scope s, UUID id) {
        if (s.firmId() == null) {
            return jdbc.sql("SELECT " + DEVIATION_COLUMNS + " FROM control_test_deviation WHERE org_id = ? "
                            + "AND engagement_id = ? AND id = ?")
                    .params(s.orgId(), s.engagementId(), id).query(this::deviation).list();
        }
        return jdbc.sql("SELECT " + DEVIATION_COLUMNS + " FROM control_test_deviation WHERE org_id = ? "
                        + "AND engagement_id = ? AND firm_id = ? AND id = ?")
                .params(s.orgId(), s.engagementId(), s.firmId(), id).query(this::deviation).list();
    }

    /** The test, firm and control a deviation belongs to (for the client's side). */
    public Optional<UUID[]> deviationOwner(UUID orgId, UUID engagementId, UUID deviationId) {
        return jdbc.sql("SELECT d.test_id, d.firm_id, t.control_id FROM control_test_deviation d JOIN control_test t "
                        + "ON t.id = d.test_id AND t.org_id = d.org_id WHERE d.org_id = ? AND d.engagement_id = ? AND d.id = ?")
                .params(orgId, engagementId, deviationId)
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)})
                .optional();
    }

    /** The firms with at least one test in an engagement (for the report, which reads every firm's tests). */
    public List<UUID> firmsOf(UUID orgId, UUID engagementId) {
        return jdbc.sql("SELECT DISTINCT firm_id FROM control_test WHERE org_id = ? AND engagement_id = ?")
                .params(orgId, engagementId).query(UUID.class).list();
    }

    /** Test id → control id and kind for every test of an engagement (any firm): for the client's list. */
    public Map<UUID, Object[]> testControls(UUID orgId, UUID engagementId) {
        Map<UUID, Object[]> out = new HashMap<>();
        jdbc.sql("SELECT id, control_id, kind FROM control_test WHERE org_id = ? AND engagement_id = ?")
                .params(orgId, engagementId)
                .query(rs -> {
                    out.put(rs.getObject("id", UUID.class), new Object[] {rs.getObject("control_id", UUID.class),
                            TestKind.valueOf(rs.getString("kind"))});
                });
        return out;
    }

    public boolean updateDeviation(Scope s, UUID id, long version, DeviationDraft d, Instant now) {
        return jdbc.sql("UPDATE control_test_deviation SET description = ?, cause = ?, nature = ?, "
                        + "compensating_controls = ?, version = version + 1, updated_at = ? WHERE org_id = ? "
                        + "AND engagement_id = ? AND firm_id = ? AND id = ? AND version = ?")
                .params(d.description(), d.cause(), name(d.nature()), d.compensatingControls(), ts(now), s.orgId(),
                        s.engagementId(), s.firmId(), id, version)
                .update() == 1;
    }

    /** The client's response; the scope's firm is null (the client answers whichever firm found it). */
    public boolean respond(UUID orgId, UUID engagementId, UUID id, long version, String response, String by,
            Instant now) {
        return jdbc.sql("UPDATE control_test_deviation SET management_response = ?, responded_by = ?, responded_at = ?, "
                        + "version = version + 1, updated_at = ? WHERE org_id = ? AND engagement_id = ? AND id = ? "
                        + "AND version = ?")
                .params(response, by, ts(now), ts(now), orgId, engagementId, id, version)
                .update() == 1;
    }

    public void setDeviationStatus(Scope s, UUID id, DeviationStatus status, Instant now) {
        jdbc.sql("UPDATE control_test_deviation SET status = ?, version = version + 1, updated_at = ? WHERE org_id = ? "
                        + "AND engagement_id = ? AND firm_id = ? AND id = ?")
                .params(status.name(), ts(now), s.orgId(), s.engagementId(), s.firmId(), id).update();
    }

    /** Deviation id → "key (A, B)" per failed item, in row order; firm null: any firm. */
    public Map<UUID, List<String>> deviationItems(Scope s) {
        Map<UUID, Map<String, List<String>>> grouped = new HashMap<>();
        String sql = "SELECT deviation_id, item_ref, item_key, attribute FROM control_test_result WHERE org_id = ? "
                + "AND engagement_id = ?" + (s.firmId() == null ? "" : " AND firm_id = ?")
                + " AND deviation_id IS NOT NULL ORDER BY item_row, item_key, attribute";
        List<Object> params = s.firmId() == null ? List.of(s.orgId(), s.engagementId())
                : List.of(s.orgId(), s.engagementId(), s.firmId());
        jdbc.sql(sql).params(params).query(rs -> {
            grouped.computeIfAbsent(rs.getObject("deviation_id", UUID.class), k -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(rs.getString("item_key") + "\u0000" + rs.getString("item_ref"), k -> new ArrayList<>())
                    .add(rs.getString("attribute"));
        });
        Map<UUID, List<String>> out = new HashMap<>();
        grouped.forEach((dev, items) -> out.put(dev, items.entrySet().stream()
                .map(e -> e.getKey().substring(0, e.getKey().indexOf('\u0000')) + " (" + String.join(", ", e.getValue()) + ")")
                .toList()));
        return out;
    }

    public long failedResultsOf(Scope s, UUID deviationId) {
        return jdbc.sql("SELECT COUNT(*) FROM control_test_result WHERE org_id = ? AND engagement_id = ? AND firm_id = ? "
                        + "AND deviation_id = ?")
                .params(s.orgId(), s.engagementId(), s.firmId(), deviationId).query(Long.class).single();
    }

    // ------------------------------------------------------------------------------------ review notes

    public List<ReviewNote> notes(Scope s, UUID testId) {
        return jdbc.sql("SELECT " + NOTE_COLUMNS + " FROM control_test_review_note WHERE org_id = ? AND engagement_id = ? "
                        + "AND firm_id = ? AND test_id = ? ORDER BY seq")
                .params(s.orgId(), s.engagementId(), s.firmId(), testId).query(this::note).list();
    }

    public Optional<ReviewNote> findNote(Scope s, UUID testId, UUID id) {
        return jdbc.sql("SELECT " + NOTE_COLUMNS + " FROM control_test_review_note WHERE org_id = ? AND engagement_id = ? "
                        + "AND firm_id = ? AND test_id = ? AND id = ?")
                .params(s.orgId(), s.engagementId(), s.firmId(), testId, id).query(this::note).optional();
    }

    public void insertNote(Scope s, UUID testId, UUID id, String text, UUID authorId, String author, Instant now) {
        int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM control_test_review_note WHERE org_id = ? "
                        + "AND engagement_id = ? AND firm_id = ? AND test_id = ?")
                .params(s.orgId(), s.engagementId(), s.firmId(), testId).query(Integer.class).single();
        jdbc.sql("INSERT INTO control_test_review_note (id, org_id, engagement_id, firm_id, test_id, seq, note_text, "
                        + "author_id, author_label, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(id, s.orgId(), s.engagementId(), s.firmId(), testId, seq, text, authorId, author, ts(now))
                .update();
    }

    public boolean respondToNote(Scope s, UUID testId, UUID id, String response, String by, Instant now) {
        return jdbc.sql("UPDATE control_test_review_note SET response = ?, responded_by = ?, responded_at = ?, "
                        + "version = version + 1 WHERE org_id = ? AND engagement_id = ? AND firm_id = ? AND test_id = ? "
                        + "AND id = ? AND cleared_at IS NULL")
                .params(response, by, ts(now), s.orgId(), s.engagementId(), s.firmId(), testId, id).update() == 1;
    }

    public boolean clearNote(Scope s, UUID testId, UUID id, String by, Instant now) {
        return jdbc.sql("UPDATE control_test_review_note SET cleared_by = ?, cleared_at = ?, version = version + 1 "
                        + "WHERE org_id = ? AND engagement_id = ? AND firm_id = ? AND test_id = ? AND id = ? "
                        + "AND cleared_at IS NULL")
                .params(by, ts(now), s.orgId(), s.engagementId(), s.firmId(), testId, id).update() == 1;
    }

    // ------------------------------------------------------------------------------------ history

    public void history(Scope s, UUID testId, String actor, String action, String detail, Instant now) {
        long seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM control_test_history WHERE org_id = ? "
                        + "AND engagement_id = ? AND firm_id = ? AND test_id = ?")
                .params(s.orgId(), s.engagementId(), s.firmId(), testId).query(Long.class).single();
        jdbc.sql("INSERT INTO control_test_history (id, org_id, engagement_id, firm_id, test_id, seq, occurred_at, "
                        + "actor_label, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), s.orgId(), s.engagementId(), s.firmId(), testId, seq, ts(now), actor, action,
                        detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3999) + "…")
                .update();
    }

    public List<TestHistoryEntry> history(Scope s, UUID testId) {
        return jdbc.sql("SELECT seq, occurred_at, actor_label, action, detail FROM control_test_history WHERE org_id = ? "
                        + "AND engagement_id = ? AND firm_id = ? AND test_id = ? ORDER BY seq")
                .params(s.orgId(), s.engagementId(), s.firmId(), testId)
                .query((rs, n) -> new TestHistoryEntry(rs.getLong("seq"), instant(rs, "occurred_at"),
                        rs.getString("actor_label"), rs.getString("action"), rs.getString("detail")))
                .list();
    }

    // ------------------------------------------------------------------------------------ mapping

    private TestRow test(ResultSet rs, int n) throws SQLException {
        TestSizing sizing = new TestSizing(parse(TestSizingMethod.class, rs.getString("sizing_method")),
                parse(ControlFrequency.class, rs.getString("frequency")), longOrNull(rs, "population_size"),
                decimal(rs, "confidence"), decimal(rs, "tolerable_rate"), decimal(rs, "expected_rate"),
                intOrNull(rs, "sample_size"), intOrNull(rs, "allowed_deviations"), rs.getString("sizing_note"),
                rs.getString("sizing_reason"));
        UUID preparerId = rs.getObject("preparer_id", UUID.class);
        UUID reviewerId = rs.getObject("reviewer_id", UUID.class);
        return new TestRow(rs.getObject("id", UUID.class), rs.getObject("engagement_id", UUID.class),
                rs.getObject("firm_id", UUID.class), rs.getObject("control_id", UUID.class),
                TestKind.valueOf(rs.getString("kind")), json.readValue(rs.getString("procedures_json"), PROCEDURES),
                json.readValue(rs.getString("attributes_json"), ATTRIBUTES), rs.getString("population_description"),
                rs.getObject("sample_id", UUID.class), json.readValue(rs.getString("manual_items_json"), ITEMS), sizing,
                json.readValue(rs.getString("extensions_json"), EXTENSIONS),
                parse(Conclusion.class, rs.getString("conclusion")), rs.getString("result_wording"),
                rs.getString("concluded_by"), instant(rs, "concluded_at"),
                preparerId == null ? null : new SignOff(preparerId, rs.getString("preparer_label"), instant(rs, "prepared_at")),
                reviewerId == null ? null : new SignOff(reviewerId, rs.getString("reviewer_label"), instant(rs, "reviewed_at")),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
    }

    private ItemResult result(ResultSet rs, int n) throws SQLException {
        return new ItemResult(rs.getObject("id", UUID.class), rs.getString("item_ref"), longOrNull(rs, "item_row"),
                rs.getString("item_key"), rs.getString("attribute"), ResultOutcome.valueOf(rs.getString("outcome")),
                rs.getString("note"), json.readValue(rs.getString("evidence_json"), IDS),
                rs.getObject("deviation_id", UUID.class), rs.getString("recorded_by"), instant(rs, "recorded_at"),
                rs.getLong("version"));
    }

    private DeviationRow deviation(ResultSet rs, int n) throws SQLException {
        return new DeviationRow(rs.getObject("id", UUID.class), rs.getObject("engagement_id", UUID.class),
                rs.getObject("test_id", UUID.class), rs.getInt("seq"), rs.getString("description"), rs.getString("cause"),
                parse(DeviationNature.class, rs.getString("nature")), rs.getString("compensating_controls"),
                rs.getString("management_response"), rs.getString("responded_by"), instant(rs, "responded_at"),
                DeviationStatus.valueOf(rs.getString("status")), rs.getString("created_by"), instant(rs, "created_at"),
                rs.getLong("version"));
    }

    private ReviewNote note(ResultSet rs, int n) throws SQLException {
        return new ReviewNote(rs.getObject("id", UUID.class), rs.getObject("test_id", UUID.class), "RN" + rs.getInt("seq"),
                rs.getString("note_text"), rs.getString("author_label"), instant(rs, "created_at"),
                rs.getString("response"), rs.getString("responded_by"), instant(rs, "responded_at"),
                rs.getString("cleared_by"), instant(rs, "cleared_at"), rs.getLong("version"));
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static BigDecimal decimal(ResultSet rs, String col) throws SQLException {
        BigDecimal d = rs.getBigDecimal(col);
        return d == null ? null : d.stripTrailingZeros();
    }

    private static Integer intOrNull(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
