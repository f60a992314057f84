package dev.assayer.fieldwork.internal.populations;

import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.RowFlag;
import dev.assayer.fieldwork.SampleExtension;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * SQL for populations, their versions, samples and sample extensions. Every statement names the
 * client organization, the engagement and the auditing firm ({@link Scope}).
 */
@Repository
public class PopulationRepository {

    /** Whose rows: the client, the engagement and the firm doing the fieldwork. */
    public record Scope(UUID orgId, UUID engagementId, UUID firmId) {
    }

    public record PopulationRow(UUID id, int latestVersion, String createdBy, Instant createdAt) {
    }

    /** What the import found in the file. */
    public record FileFacts(String filename, long sizeBytes, long rows, String sha256, LocalDate firstDate,
            LocalDate lastDate, long outOfPeriod, long unparseableDates, List<RowFlag> flags) {
    }

    /** A version as stored; {@code metadata.controls()} holds control ids as text. */
    public record VersionRow(UUID id, UUID populationId, int number, PopulationMetadata metadata, FileFacts file,
            UUID uploadedById, String uploadedBy, Instant uploadedAt, boolean sampled, long version) {
    }

    public record SampleRow(UUID id, UUID populationId, UUID versionId, int populationNumber, String sha256,
            String method, String seed, int size, int originalSize, String spreadBy, String justification,
            String selectionJson, UUID selectedById, String selectedBy, Instant selectedAt, long version) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<RowFlag>> FLAGS = new TypeReference<>() {
    };
    private static final String SCOPE = " org_id = ? AND engagement_id = ? AND firm_id = ? ";
    private static final String VERSION_COLUMNS = "id, population_id, version_number, name, controls_json, source_system, "
            + "query_text, query_parameters, extracted_by, extracted_at, period_from, period_to, key_column, date_column, "
            + "file_format, filename, size_bytes, row_count, sha256, first_date, last_date, out_of_period, "
            + "unparseable_dates, flags_json, uploaded_by_id, uploaded_by, uploaded_at, sampled, version";
    private static final String SAMPLE_COLUMNS = "id, population_id, population_version_id, population_number, "
            + "population_sha256, method, seed, sample_size, original_size, spread_by, justification, selection_json, "
            + "selected_by_id, selected_by, selected_at, version";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public PopulationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // populations

    public void insertPopulation(Scope s, UUID id, String createdBy, Instant now) {
        jdbc.sql("INSERT INTO population (id, org_id, engagement_id, firm_id, latest_version, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, 1, ?, ?)")
                .params(id, s.orgId(), s.engagementId(), s.firmId(), createdBy, ts(now)).update();
    }

    /** Moves the population to its next version number; false when someone else did first. */
    public boolean advance(Scope s, UUID id, int from) {
        return jdbc.sql("UPDATE population SET latest_version = ? WHERE id = ? AND" + SCOPE + "AND latest_version = ?")
                .params(from + 1, id, s.orgId(), s.engagementId(), s.firmId(), from).update() == 1;
    }

    public Optional<PopulationRow> population(Scope s, UUID id) {
        return jdbc.sql("SELECT id, latest_version, created_by, created_at FROM population WHERE id = ? AND" + SCOPE)
                .params(id, s.orgId(), s.engagementId(), s.firmId()).query(this::population).optional();
    }

    /** Newest first. */
    public List<PopulationRow> populations(Scope s) {
        return jdbc.sql("SELECT id, latest_version, created_by, created_at FROM population WHERE" + SCOPE
                        + "ORDER BY created_at DESC, id")
                .params(s.orgId(), s.engagementId(), s.firmId()).query(this::population).list();
    }

    // versions

    public void insertVersion(Scope s, VersionRow v, Instant now) {
        PopulationMetadata m = v.metadata();
        FileFacts f = v.file();
        jdbc.sql("INSERT INTO population_version (org_id, engagement_id, firm_id, " + VERSION_COLUMNS + ", updated_at) "
                        + "VALUES (" + marks(33) + ")")
                .params(s.orgId(), s.engagementId(), s.firmId(), v.id(), v.populationId(), v.number(), m.name(),
                        json.writeValueAsString(m.controls()), m.sourceSystem(), m.query(), m.queryParameters(),
                        m.extractedBy(), ts(m.extractedAt()), m.periodFrom(), m.periodTo(), m.keyColumn(),
                        m.dateColumn(), m.format().toUpperCase(java.util.Locale.ROOT), f.filename(), f.sizeBytes(),
                        f.rows(), f.sha256(), f.firstDate(), f.lastDate(), f.outOfPeriod(), f.unparseableDates(),
                        json.writeValueAsString(f.flags()), v.uploadedById(), v.uploadedBy(), ts(v.uploadedAt()), false,
                        0L, ts(now))
                .update();
    }

    /**
     * Replaces the metadata (and the period flags computed with it) of an unsampled version at the
     * expected lock version; false when it is stale or sampled meanwhile.
     */
    public boolean updateVersion(Scope s, UUID id, long expected, PopulationMetadata m, FileFacts f, Instant now) {
        return jdbc.sql("""
                UPDATE population_version SET name = ?, controls_json = ?, source_system = ?, query_text = ?,
                    query_parameters = ?, extracted_by = ?, extracted_at = ?, period_from = ?, period_to = ?,
                    key_column = ?, date_column = ?, file_format = ?, first_date = ?, last_date = ?, out_of_period = ?,
                    unparseable_dates = ?, flags_json = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND engagement_id = ? AND firm_id = ? AND version = ? AND sampled = FALSE""")
                .params(m.name(), json.writeValueAsString(m.controls()), m.sourceSystem(), m.query(),
                        m.queryParameters(), m.extractedBy(), ts(m.extractedAt()), m.periodFrom(), m.periodTo(),
                        m.keyColumn(), m.dateColumn(), m.format().toUpperCase(java.util.Locale.ROOT), f.firstDate(),
                        f.lastDate(), f.outOfPeriod(), f.unparseableDates(), json.writeValueAsString(f.flags()), ts(now),
                        id, s.orgId(), s.engagementId(), s.firmId(), expected)
                .update() == 1;
    }

    /** A sample was drawn: the version becomes immutable (and any edit begun before fails on its lock version). */
    public void markSampled(Scope s, UUID versionId, Instant now) {
        jdbc.sql("UPDATE population_version SET sampled = TRUE, version = version + 1, updated_at = ? WHERE id = ? AND"
                        + SCOPE)
                .params(ts(now), versionId, s.orgId(), s.engagementId(), s.firmId()).update();
    }

    public Optional<VersionRow> version(Scope s, UUID populationId, int number) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM population_version WHERE population_id = ? AND "
                        + "version_number = ? AND" + SCOPE)
                .params(populationId, number, s.orgId(), s.engagementId(), s.firmId()).query(this::version).optional();
    }

    public Optional<VersionRow> versionById(Scope s, UUID id) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM population_version WHERE id = ? AND" + SCOPE)
                .params(id, s.orgId(), s.engagementId(), s.firmId()).query(this::version).optional();
    }

    /** All versions of the engagement's populations (or of one population), newest number first. */
    public List<VersionRow> versions(Scope s, UUID populationId) {
        String where = populationId == null ? "" : " AND population_id = ?";
        var spec = jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM population_version WHERE" + SCOPE + where
                + " ORDER BY population_id, version_number DESC").params(s.orgId(), s.engagementId(), s.firmId());
        if (populationId != null) {
            spec = spec.param(populationId);
        }
        return spec.query(this::version).list();
    }

    /** Samples per version id. */
    public Map<UUID, Integer> sampleCounts(Scope s) {
        Map<UUID, Integer> out = new HashMap<>();
        jdbc.sql("SELECT population_version_id, COUNT(*) AS n FROM sample WHERE" + SCOPE + "GROUP BY population_version_id")
                .params(s.orgId(), s.engagementId(), s.firmId())
                .query(rs -> {
                    out.put(rs.getObject("population_version_id", UUID.class), rs.getInt("n"));
                });
        return out;
    }

    // samples

    public void insertSample(Scope s, SampleRow r) {
        jdbc.sql("INSERT INTO sample (org_id, engagement_id, firm_id, " + SAMPLE_COLUMNS + ") "
                        + "VALUES (" + marks(19) + ")")
                .params(s.orgId(), s.engagementId(), s.firmId(), r.id(), r.populationId(), r.versionId(),
                        r.populationNumber(), r.sha256(), r.method(), r.seed(), r.size(), r.originalSize(), r.spreadBy(),
                        r.justification(), r.selectionJson(), r.selectedById(), r.selectedBy(), ts(r.selectedAt()),
                        r.version())
                .update();
    }

    /** Replaces the selection after an extension, at the expected lock version. */
    public boolean extendSample(Scope s, UUID id, long expected, int size, String selectionJson) {
        return jdbc.sql("UPDATE sample SET sample_size = ?, selection_json = ?, version = version + 1 WHERE id = ? AND"
                        + SCOPE + "AND version = ?")
                .params(size, selectionJson, id, s.orgId(), s.engagementId(), s.firmId(), expected).update() == 1;
    }

    public Optional<SampleRow> sample(Scope s, UUID id) {
        return jdbc.sql("SELECT " + SAMPLE_COLUMNS + " FROM sample WHERE id = ? AND" + SCOPE)
                .params(id, s.orgId(), s.engagementId(), s.firmId()).query(this::sample).optional();
    }

    /** The engagement's samples (or one population's), newest first. */
    public List<SampleRow> samples(Scope s, UUID populationId) {
        String where = populationId == null ? "" : " AND population_id = ?";
        var spec = jdbc.sql("SELECT " + SAMPLE_COLUMNS + " FROM sample WHERE" + SCOPE + where
                + " ORDER BY selected_at DESC, id").params(s.orgId(), s.engagementId(), s.firmId());
        if (populationId != null) {
            spec = spec.param(populationId);
        }
        return spec.query(this::sample).list();
    }

    public void insertExtension(Scope s, UUID sampleId, int from, int to, String reason, UUID byId, String by,
            Instant at) {
        jdbc.sql("INSERT INTO sample_extension (id, sample_id, org_id, engagement_id, firm_id, from_size, to_size, reason, "
                        + "extended_by_id, extended_by, extended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), sampleId, s.orgId(), s.engagementId(), s.firmId(), from, to, reason, byId, by,
                        ts(at))
                .update();
    }

    /** Oldest first. */
    public List<SampleExtension> extensions(Scope s, UUID sampleId) {
        return jdbc.sql("SELECT from_size, to_size, reason, extended_by, extended_at FROM sample_extension "
                        + "WHERE sample_id = ? AND" + SCOPE + "ORDER BY extended_at, to_size")
                .params(sampleId, s.orgId(), s.engagementId(), s.firmId())
                .query((rs, n) -> new SampleExtension(rs.getInt("from_size"), rs.getInt("to_size"),
                        rs.getString("reason"), rs.getString("extended_by"), instant(rs, "extended_at")))
                .list();
    }

    // mapping

    private PopulationRow population(ResultSet rs, int n) throws SQLException {
        return new PopulationRow(rs.getObject("id", UUID.class), rs.getInt("latest_version"), rs.getString("created_by"),
                instant(rs, "created_at"));
    }

    private VersionRow version(ResultSet rs, int n) throws SQLException {
        PopulationMetadata m = new PopulationMetadata(rs.getString("name"),
                json.readValue(rs.getString("controls_json"), STRINGS), rs.getString("source_system"),
                rs.getString("query_text"), rs.getString("query_parameters"), rs.getString("extracted_by"),
                instant(rs, "extracted_at"), date(rs, "period_from"), date(rs, "period_to"), rs.getString("key_column"),
                rs.getString("date_column"), rs.getString("file_format").toLowerCase(java.util.Locale.ROOT));
        FileFacts f = new FileFacts(rs.getString("filename"), rs.getLong("size_bytes"), rs.getLong("row_count"),
                rs.getString("sha256"), date(rs, "first_date"), date(rs, "last_date"), rs.getLong("out_of_period"),
                rs.getLong("unparseable_dates"), json.readValue(rs.getString("flags_json"), FLAGS));
        return new VersionRow(rs.getObject("id", UUID.class), rs.getObject("population_id", UUID.class),
                rs.getInt("version_number"), m, f, rs.getObject("uploaded_by_id", UUID.class), rs.getString("uploaded_by"),
                instant(rs, "uploaded_at"), rs.getBoolean("sampled"), rs.getLong("version"));
    }

    private SampleRow sample(ResultSet rs, int n) throws SQLException {
        return new SampleRow(rs.getObject("id", UUID.class), rs.getObject("population_id", UUID.class),
                rs.getObject("population_version_id", UUID.class), rs.getInt("population_number"),
                rs.getString("population_sha256"), rs.getString("method"), rs.getString("seed"), rs.getInt("sample_size"),
                rs.getInt("original_size"), rs.getString("spread_by"), rs.getString("justification"),
                rs.getString("selection_json"), rs.getObject("selected_by_id", UUID.class), rs.getString("selected_by"),
                instant(rs, "selected_at"), rs.getLong("version"));
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        Date d = rs.getDate(col);
        return d == null ? null : d.toLocalDate();
    }
}
