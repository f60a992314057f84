package dev.assayer.engagement.internal;

import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementStatus;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemDescription;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for engagements. The system description and the lists of the description (subservice
 * organizations, CUECs, criteria not relevant) are validated documents stored as JSON columns of
 * the engagement row, so an engagement is written in one statement. Every query names the organization.
 */
@Repository
public class EngagementRepository {

    private static final String COLUMNS = "id, org_id, name, framework, report_type, as_of_date, period_start, "
            + "period_end, categories, status, service_auditor, system_json, subservices_json, cuecs_json, "
            + "excluded_json, version, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public EngagementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID orgId, UUID id, EngagementDraft d, Instant now) {
        jdbc.sql("INSERT INTO engagement (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(id, orgId, d.name(), d.framework().name(), d.reportType().name(), d.asOfDate(),
                        d.periodStart(), d.periodEnd(), String.join(",", d.categories()), d.status().name(),
                        d.serviceAuditor(), json.writeValueAsString(d.system()),
                        json.writeValueAsString(d.subserviceOrganizations()), json.writeValueAsString(d.cuecs()),
                        json.writeValueAsString(d.criteriaNotRelevant()), ts(now), ts(now))
                .update();
    }

    /** Replaces the engagement if it is still at {@code version}; returns false when it was not. */
    public boolean update(UUID orgId, UUID id, long version, EngagementDraft d, Instant now) {
        return jdbc.sql("""
                UPDATE engagement SET name = ?, framework = ?, report_type = ?, as_of_date = ?, period_start = ?,
                    period_end = ?, categories = ?, status = ?, service_auditor = ?, system_json = ?,
                    subservices_json = ?, cuecs_json = ?, excluded_json = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(d.name(), d.framework().name(), d.reportType().name(), d.asOfDate(), d.periodStart(),
                        d.periodEnd(), String.join(",", d.categories()), d.status().name(), d.serviceAuditor(),
                        json.writeValueAsString(d.system()), json.writeValueAsString(d.subserviceOrganizations()),
                        json.writeValueAsString(d.cuecs()), json.writeValueAsString(d.criteriaNotRelevant()), ts(now),
                        id, orgId, version)
                .update() == 1;
    }

    public Optional<Engagement> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engagement WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(this::map).optional();
    }

    /** Newest first. */
    public List<Engagement> list(UUID orgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engagement WHERE org_id = ? ORDER BY created_at DESC, name")
                .param(orgId).query(this::map).list();
    }

    /** The latest created engagement that is not closed. */
    public Optional<Engagement> current(UUID orgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engagement WHERE org_id = ? AND status <> ? "
                        + "ORDER BY created_at DESC, name LIMIT 1")
                .params(orgId, EngagementStatus.CLOSED.name()).query(this::map).optional();
    }

    private Engagement map(ResultSet rs, int n) throws SQLException {
        ReportType type = ReportType.valueOf(rs.getString("report_type"));
        LocalDate start = rs.getObject("period_start", LocalDate.class);
        LocalDate end = rs.getObject("period_end", LocalDate.class);
        String cats = rs.getString("categories");
        List<String> categories = cats == null || cats.isBlank() ? List.of() : Arrays.asList(cats.split(","));
        return new Engagement(rs.getObject("id", UUID.class), rs.getString("name"),
                Framework.valueOf(rs.getString("framework")), type, rs.getObject("as_of_date", LocalDate.class), start,
                end, EngagementRules.categorySet(categories), EngagementStatus.valueOf(rs.getString("status")),
                rs.getString("service_auditor"), json.readValue(rs.getString("system_json"), SystemDescription.class),
                json.readValue(rs.getString("subservices_json"), new TypeReference<List<SubserviceOrganization>>() {
                }), json.readValue(rs.getString("cuecs_json"), new TypeReference<List<Cuec>>() {
                }), json.readValue(rs.getString("excluded_json"), new TypeReference<List<ExcludedCriterion>>() {
                }), EngagementRules.warnings(type, start, end), rs.getLong("version"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }
}
