package dev.assayer.people.internal;

import dev.assayer.people.BackgroundCheck;
import dev.assayer.people.BackgroundCheckResult;
import dev.assayer.people.ChecklistItem;
import dev.assayer.people.EmploymentType;
import dev.assayer.people.Person;
import dev.assayer.people.PersonDraft;
import dev.assayer.people.PopulationExtraction;
import dev.assayer.people.PopulationKind;
import dev.assayer.people.TrainingRecord;
import dev.assayer.people.internal.ChecklistRules.Completion;
import dev.assayer.people.internal.Populations.TrainingRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the roster, checklist completions, training and background checks, and extractions; every query names the organization. */
@Repository
public class PeopleRepository {

    private static final String PERSON_COLUMNS = "id, email, name, job_title, department, manager_email, start_date, "
            + "end_date, employment_type, version";
    private static final String TRAINING_COLUMNS = "id, person_id, course, completed_on, recorded_by_label, created_at";
    private static final String CHECK_COLUMNS = "id, person_id, completed_on, result, provider, recorded_by_label, "
            + "created_at";

    private final JdbcClient jdbc;

    public PeopleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- roster

    public Optional<Person> findByEmail(UUID orgId, String email) {
        return jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person WHERE org_id = :org AND email = :email")
                .param("org", orgId).param("email", email).query(PeopleRepository::person).optional();
    }

    public Optional<Person> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person WHERE org_id = ? AND id = ?")
                .params(orgId, id).query(PeopleRepository::person).optional();
    }

    /** By name, then e-mail. */
    public List<Person> list(UUID orgId) {
        return jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person WHERE org_id = :org ORDER BY name, email")
                .param("org", orgId).query(PeopleRepository::person).list();
    }

    public void insert(UUID orgId, UUID id, PersonDraft d, Instant now) {
        jdbc.sql("""
                INSERT INTO person (id, org_id, email, name, job_title, department, manager_email, start_date, end_date,
                    employment_type, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(id, orgId, d.email(), d.name(), d.jobTitle(), d.department(), d.managerEmail(), d.startDate(),
                        d.endDate(), d.employmentType().name(), ts(now), ts(now))
                .update();
    }

    /** Replaces the person if still at {@code version}; false when it was not. */
    public boolean update(UUID orgId, UUID id, long version, PersonDraft d, Instant now) {
        return jdbc.sql("""
                UPDATE person SET email = ?, name = ?, job_title = ?, department = ?, manager_email = ?, start_date = ?,
                    end_date = ?, employment_type = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(d.email(), d.name(), d.jobTitle(), d.department(), d.managerEmail(), d.startDate(), d.endDate(),
                        d.employmentType().name(), ts(now), id, orgId, version)
                .update() == 1;
    }

    /** The people who name {@code email} as their manager. */
    public List<Person> reportsOf(UUID orgId, String email) {
        return jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person WHERE org_id = ? AND manager_email = ? ORDER BY email")
                .params(orgId, email).query(PeopleRepository::person).list();
    }

    /** Points the people who named {@code oldEmail} as manager at {@code newEmail}. */
    public void renameManager(UUID orgId, String oldEmail, String newEmail, Instant now) {
        jdbc.sql("UPDATE person SET manager_email = ?, version = version + 1, updated_at = ? "
                        + "WHERE org_id = ? AND manager_email = ?")
                .params(newEmail, ts(now), orgId, oldEmail).update();
    }

    public List<Person> startedBetween(UUID orgId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person WHERE org_id = ? AND start_date >= ? AND start_date <= ? "
                        + "ORDER BY start_date, email")
                .params(orgId, from, to).query(PeopleRepository::person).list();
    }

    public List<Person> endedBetween(UUID orgId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT " + PERSON_COLUMNS + " FROM person WHERE org_id = ? AND end_date >= ? AND end_date <= ? "
                        + "ORDER BY end_date, email")
                .params(orgId, from, to).query(PeopleRepository::person).list();
    }

    // --- checklist completions

    public Map<ChecklistItem, Completion> completions(UUID orgId, UUID personId) {
        Map<ChecklistItem, Completion> out = new EnumMap<>(ChecklistItem.class);
        jdbc.sql("SELECT item, completed_on, reference, recorded_by_label, recorded_at FROM person_checklist_item "
                        + "WHERE org_id = ? AND person_id = ?")
                .params(orgId, personId)
                .query(rs -> {
                    out.put(ChecklistItem.valueOf(rs.getString("item")), completion(rs));
                });
        return out;
    }

    /** Every completion of the organization by person. */
    public Map<UUID, Map<ChecklistItem, Completion>> allCompletions(UUID orgId) {
        Map<UUID, Map<ChecklistItem, Completion>> out = new HashMap<>();
        jdbc.sql("SELECT person_id, item, completed_on, reference, recorded_by_label, recorded_at "
                        + "FROM person_checklist_item WHERE org_id = ?")
                .param(orgId)
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject("person_id", UUID.class), k -> new EnumMap<>(ChecklistItem.class))
                            .put(ChecklistItem.valueOf(rs.getString("item")), completion(rs));
                });
        return out;
    }

    public void insertCompletion(UUID orgId, UUID personId, ChecklistItem item, LocalDate completedOn, String reference,
            UUID recordedBy, String recordedByLabel, Instant now) {
        jdbc.sql("""
                INSERT INTO person_checklist_item (org_id, person_id, item, completed_on, reference, recorded_by,
                    recorded_by_label, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orgId, personId, item.name(), completedOn, reference, recordedBy, recordedByLabel, ts(now))
                .update();
    }

    public boolean deleteCompletion(UUID orgId, UUID personId, ChecklistItem item) {
        return jdbc.sql("DELETE FROM person_checklist_item WHERE org_id = ? AND person_id = ? AND item = ?")
                .params(orgId, personId, item.name()).update() == 1;
    }

    // --- training

    public void insertTraining(UUID orgId, UUID id, UUID personId, String course, LocalDate completedOn, UUID recordedBy,
            String recordedByLabel, Instant now) {
        jdbc.sql("""
                INSERT INTO training_record (id, org_id, person_id, course, completed_on, recorded_by, recorded_by_label,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orgId, personId, course, completedOn, recordedBy, recordedByLabel, ts(now))
                .update();
    }

    /** Latest first. */
    public List<TrainingRecord> training(UUID orgId, UUID personId) {
        return jdbc.sql("SELECT " + TRAINING_COLUMNS + " FROM training_record WHERE org_id = ? AND person_id = ? "
                        + "ORDER BY completed_on DESC, course")
                .params(orgId, personId).query(PeopleRepository::training).list();
    }

    public Optional<TrainingRecord> trainingRecord(UUID orgId, UUID personId, UUID id) {
        return jdbc.sql("SELECT " + TRAINING_COLUMNS + " FROM training_record WHERE org_id = ? AND person_id = ? AND id = ?")
                .params(orgId, personId, id).query(PeopleRepository::training).optional();
    }

    /** Every training record of the organization by person. */
    public Map<UUID, List<TrainingRecord>> allTraining(UUID orgId) {
        Map<UUID, List<TrainingRecord>> out = new HashMap<>();
        jdbc.sql("SELECT " + TRAINING_COLUMNS + " FROM training_record WHERE org_id = ? ORDER BY completed_on DESC, course")
                .param(orgId).query(PeopleRepository::training).list()
                .forEach(t -> out.computeIfAbsent(t.personId(), k -> new java.util.ArrayList<>()).add(t));
        return out;
    }

    /** Whether the same completion (course compared ignoring case) is already recorded. */
    public boolean trainingExists(UUID orgId, UUID personId, String course, LocalDate completedOn) {
        return jdbc.sql("SELECT COUNT(*) FROM training_record WHERE org_id = ? AND person_id = ? "
                        + "AND LOWER(course) = LOWER(?) AND completed_on = ?")
                .params(orgId, personId, course, completedOn).query(Long.class).single() > 0;
    }

    public boolean deleteTraining(UUID orgId, UUID personId, UUID id) {
        return jdbc.sql("DELETE FROM training_record WHERE org_id = ? AND person_id = ? AND id = ?")
                .params(orgId, personId, id).update() == 1;
    }

    public List<TrainingRow> trainingCompletedBetween(UUID orgId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT t.id, p.email, p.name, t.course, t.completed_on
                FROM training_record t JOIN person p ON p.id = t.person_id AND p.org_id = t.org_id
                WHERE t.org_id = ? AND t.completed_on >= ? AND t.completed_on <= ?
                ORDER BY t.completed_on, p.email, t.course, t.id""")
                .params(orgId, from, to)
                .query((rs, n) -> new TrainingRow(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("name"), rs.getString("course"), rs.getObject("completed_on", LocalDate.class)))
                .list();
    }

    // --- background checks

    public void insertCheck(UUID orgId, UUID id, UUID personId, LocalDate completedOn, BackgroundCheckResult result,
            String provider, UUID recordedBy, String recordedByLabel, Instant now) {
        jdbc.sql("""
                INSERT INTO background_check (id, org_id, person_id, completed_on, result, provider, recorded_by,
                    recorded_by_label, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orgId, personId, completedOn, result.name(), provider, recordedBy, recordedByLabel, ts(now))
                .update();
    }

    /** Latest first. */
    public List<BackgroundCheck> checks(UUID orgId, UUID personId) {
        return jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM background_check WHERE org_id = ? AND person_id = ? "
                        + "ORDER BY completed_on DESC, created_at DESC")
                .params(orgId, personId).query(PeopleRepository::check).list();
    }

    public Optional<BackgroundCheck> check(UUID orgId, UUID personId, UUID id) {
        return jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM background_check WHERE org_id = ? AND person_id = ? AND id = ?")
                .params(orgId, personId, id).query(PeopleRepository::check).optional();
    }

    public Map<UUID, List<BackgroundCheck>> allChecks(UUID orgId) {
        Map<UUID, List<BackgroundCheck>> out = new HashMap<>();
        jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM background_check WHERE org_id = ? ORDER BY completed_on DESC")
                .param(orgId).query(PeopleRepository::check).list()
                .forEach(c -> out.computeIfAbsent(c.personId(), k -> new java.util.ArrayList<>()).add(c));
        return out;
    }

    public boolean deleteCheck(UUID orgId, UUID personId, UUID id) {
        return jdbc.sql("DELETE FROM background_check WHERE org_id = ? AND person_id = ? AND id = ?")
                .params(orgId, personId, id).update() == 1;
    }

    // --- extractions

    public void insertExtraction(UUID orgId, PopulationExtraction x) {
        jdbc.sql("""
                INSERT INTO people_extraction (id, org_id, kind, period_from, period_to, filter_text, source_text,
                    row_count, sha256, extracted_by, extracted_by_label, extracted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(x.id(), orgId, x.kind().name(), x.from(), x.to(), x.filter(), x.source(), x.rowCount(),
                        x.sha256(), x.extractedById(), x.extractedBy(), ts(x.extractedAt()))
                .update();
    }

    /** Latest first. */
    public List<PopulationExtraction> extractions(UUID orgId, int limit) {
        return jdbc.sql("SELECT * FROM people_extraction WHERE org_id = ? ORDER BY extracted_at DESC, id LIMIT "
                        + Math.max(1, Math.min(limit, 500)))
                .param(orgId)
                .query((rs, n) -> new PopulationExtraction(rs.getObject("id", UUID.class),
                        PopulationKind.valueOf(rs.getString("kind")), rs.getObject("period_from", LocalDate.class),
                        rs.getObject("period_to", LocalDate.class), rs.getString("filter_text"),
                        rs.getString("source_text"), rs.getInt("row_count"), rs.getString("sha256"),
                        rs.getObject("extracted_by", UUID.class), rs.getString("extracted_by_label"),
                        instant(rs, "extracted_at")))
                .list();
    }

    static Person person(ResultSet rs, int row) throws SQLException {
        return new Person(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getString("job_title"), rs.getString("department"), rs.getString("manager_email"),
                rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                EmploymentType.valueOf(rs.getString("employment_type")), rs.getLong("version"));
    }

    private static TrainingRecord training(ResultSet rs, int row) throws SQLException {
        LocalDate completed = rs.getObject("completed_on", LocalDate.class);
        return new TrainingRecord(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class),
                rs.getString("course"), completed, TrainingRules.expiresOn(completed), rs.getString("recorded_by_label"),
                instant(rs, "created_at"));
    }

    private static BackgroundCheck check(ResultSet rs, int row) throws SQLException {
        return new BackgroundCheck(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class),
                rs.getObject("completed_on", LocalDate.class), BackgroundCheckResult.valueOf(rs.getString("result")),
                rs.getString("provider"), rs.getString("recorded_by_label"), instant(rs, "created_at"));
    }

    private static Completion completion(ResultSet rs) throws SQLException {
        return new Completion(rs.getObject("completed_on", LocalDate.class), rs.getString("reference"),
                rs.getString("recorded_by_label"), instant(rs, "recorded_at"));
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }
}
