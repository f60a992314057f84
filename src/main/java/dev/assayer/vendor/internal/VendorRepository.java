package dev.assayer.vendor.internal;

import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.vendor.CriticalityTier;
import dev.assayer.vendor.Opinion;
import dev.assayer.vendor.ReportKind;
import dev.assayer.vendor.ReviewDraft;
import dev.assayer.vendor.VendorCuec;
import dev.assayer.vendor.VendorDraft;
import dev.assayer.vendor.VendorStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for vendors and their report reviews. Lists (data accessed, CSOCs, engagement ids,
 * exceptions, CUECs) are validated documents stored as JSON columns. Every query names the organization.
 */
@Repository
public class VendorRepository {

    /** A vendor row as stored, plus the date of its latest review and whether it has a SOC 1/2 review. */
    public record VendorRow(UUID id, String ref, String name, String serviceProvided, List<String> dataAccessed,
            CriticalityTier tier, UUID ownerId, LocalDate contractStart, LocalDate contractEnd, boolean subservice,
            SubserviceMethod subserviceMethod, List<String> csocs, List<UUID> engagementIds, VendorStatus status,
            LocalDate lastReviewedOn, boolean hasSocReview, long version, Instant createdAt, Instant updatedAt) {
    }

    /** A review row as stored. */
    public record ReviewRow(UUID id, UUID vendorId, ReviewDraft review, UUID reviewedBy, Instant createdAt) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<UUID>> UUIDS = new TypeReference<>() {
    };
    private static final TypeReference<List<VendorCuec>> CUECS = new TypeReference<>() {
    };

    private static final String VENDOR_SELECT = "SELECT v.id, v.ref, v.name, v.service_provided, v.data_json, v.tier, "
            + "v.owner_id, v.contract_start, v.contract_end, v.subservice, v.subservice_method, v.csocs_json, "
            + "v.engagements_json, v.status, v.version, v.created_at, v.updated_at, "
            + "(SELECT MAX(r.reviewed_on) FROM vendor_review r WHERE r.org_id = v.org_id AND r.vendor_id = v.id) AS last_reviewed, "
            + "(SELECT COUNT(*) FROM vendor_review r WHERE r.org_id = v.org_id AND r.vendor_id = v.id "
            + "AND r.report_kind IN ('SOC1', 'SOC2')) AS soc_reviews FROM vendor v WHERE v.org_id = ?";

    private static final String REVIEW_COLUMNS = "id, vendor_id, report_kind, report_type, period_start, period_end, "
            + "as_of_date, service_auditor, opinion, exceptions_json, exceptions_effect, cuecs_json, bridge_received_on, "
            + "bridge_covers_until, reviewed_on, evidence_id, notes, reviewed_by, created_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public VendorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID orgId, UUID id, VendorDraft d, Instant now) {
        jdbc.sql("""
                INSERT INTO vendor (id, org_id, ref, name, service_provided, data_json, tier, owner_id, contract_start,
                    contract_end, subservice, subservice_method, csocs_json, engagements_json, status, version,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(id, orgId, d.ref(), d.name(), d.serviceProvided(), json.writeValueAsString(d.dataAccessed()),
                        d.tier().name(), d.ownerId(), d.contractStart(), d.contractEnd(), d.subservice(),
                        d.subserviceMethod() == null ? null : d.subserviceMethod().name(),
                        json.writeValueAsString(d.csocs()), json.writeValueAsString(d.engagementIds()),
                        d.status().name(), ts(now), ts(now))
                .update();
    }

    /** Replaces the vendor if it is still at {@code version}; false when it was not. */
    public boolean update(UUID orgId, UUID id, long version, VendorDraft d, Instant now) {
        return jdbc.sql("""
                UPDATE vendor SET ref = ?, name = ?, service_provided = ?, data_json = ?, tier = ?, owner_id = ?,
                    contract_start = ?, contract_end = ?, subservice = ?, subservice_method = ?, csocs_json = ?,
                    engagements_json = ?, status = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(d.ref(), d.name(), d.serviceProvided(), json.writeValueAsString(d.dataAccessed()),
                        d.tier().name(), d.ownerId(), d.contractStart(), d.contractEnd(), d.subservice(),
                        d.subserviceMethod() == null ? null : d.subserviceMethod().name(),
                        json.writeValueAsString(d.csocs()), json.writeValueAsString(d.engagementIds()),
                        d.status().name(), ts(now), id, orgId, version)
                .update() == 1;
    }

    public Optional<VendorRow> find(UUID orgId, UUID id) {
        return jdbc.sql(VENDOR_SELECT + " AND v.id = ?").params(orgId, id).query(this::vendor).optional();
    }

    /** By name. */
    public List<VendorRow> list(UUID orgId) {
        return jdbc.sql(VENDOR_SELECT + " ORDER BY v.name, v.ref").param(orgId).query(this::vendor).list();
    }

    public List<String> refs(UUID orgId) {
        return jdbc.sql("SELECT ref FROM vendor WHERE org_id = ?").param(orgId).query(String.class).list();
    }

    /** Whether another vendor of the organization already uses the ref (case-insensitive). */
    public boolean refTaken(UUID orgId, String ref, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM vendor WHERE org_id = ? AND UPPER(ref) = UPPER(?) AND id <> ?")
                .params(orgId, ref, except).query(Long.class).single() > 0;
    }

    public void insertReview(UUID orgId, UUID id, UUID vendorId, ReviewDraft r, UUID reviewedBy, Instant now) {
        jdbc.sql("INSERT INTO vendor_review (org_id, " + REVIEW_COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orgId, id, vendorId, r.reportKind().name(), r.reportType() == null ? null : r.reportType().name(),
                        r.periodStart(), r.periodEnd(), r.asOfDate(), r.serviceAuditor(),
                        r.opinion() == null ? null : r.opinion().name(), json.writeValueAsString(r.exceptions()),
                        r.exceptionsEffect(), json.writeValueAsString(r.cuecs()), r.bridgeLetterReceivedOn(),
                        r.bridgeLetterCoversUntil(), r.reviewedOn(), r.evidenceId(), r.notes(), reviewedBy, ts(now))
                .update();
    }

    /** A vendor's reviews, latest first. */
    public List<ReviewRow> reviews(UUID orgId, UUID vendorId) {
        return jdbc.sql("SELECT " + REVIEW_COLUMNS + " FROM vendor_review WHERE org_id = ? AND vendor_id = ? "
                        + "ORDER BY reviewed_on DESC, created_at DESC")
                .params(orgId, vendorId).query(this::review).list();
    }

    /** Every review of the organization, latest first per vendor. */
    public List<ReviewRow> allReviews(UUID orgId) {
        return jdbc.sql("SELECT " + REVIEW_COLUMNS + " FROM vendor_review WHERE org_id = ? "
                        + "ORDER BY vendor_id, reviewed_on DESC, created_at DESC")
                .param(orgId).query(this::review).list();
    }

    public Optional<ReviewRow> review(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + REVIEW_COLUMNS + " FROM vendor_review WHERE org_id = ? AND id = ?")
                .params(orgId, id).query(this::review).optional();
    }

    private VendorRow vendor(ResultSet rs, int n) throws SQLException {
        String method = rs.getString("subservice_method");
        return new VendorRow(rs.getObject("id", UUID.class), rs.getString("ref"), rs.getString("name"),
                rs.getString("service_provided"), json.readValue(rs.getString("data_json"), STRINGS),
                CriticalityTier.valueOf(rs.getString("tier")), rs.getObject("owner_id", UUID.class),
                rs.getObject("contract_start", LocalDate.class), rs.getObject("contract_end", LocalDate.class),
                rs.getBoolean("subservice"), method == null ? null : SubserviceMethod.valueOf(method),
                json.readValue(rs.getString("csocs_json"), STRINGS), json.readValue(rs.getString("engagements_json"), UUIDS),
                VendorStatus.valueOf(rs.getString("status")), rs.getObject("last_reviewed", LocalDate.class),
                rs.getLong("soc_reviews") > 0, rs.getLong("version"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private ReviewRow review(ResultSet rs, int n) throws SQLException {
        String type = rs.getString("report_type");
        String opinion = rs.getString("opinion");
        ReviewDraft d = new ReviewDraft(ReportKind.valueOf(rs.getString("report_kind")),
                type == null ? null : ReportType.valueOf(type), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class), rs.getObject("as_of_date", LocalDate.class),
                rs.getString("service_auditor"), opinion == null ? null : Opinion.valueOf(opinion),
                json.readValue(rs.getString("exceptions_json"), STRINGS), rs.getString("exceptions_effect"),
                json.readValue(rs.getString("cuecs_json"), CUECS), rs.getObject("bridge_received_on", LocalDate.class),
                rs.getObject("bridge_covers_until", LocalDate.class), rs.getObject("reviewed_on", LocalDate.class),
                rs.getObject("evidence_id", UUID.class), rs.getString("notes"));
        return new ReviewRow(rs.getObject("id", UUID.class), rs.getObject("vendor_id", UUID.class), d,
                rs.getObject("reviewed_by", UUID.class), instant(rs, "created_at"));
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }
}
