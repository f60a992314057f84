package dev.assayer.control.internal;

import dev.assayer.control.Control;
import dev.assayer.control.ControlFilter;
import dev.assayer.control.ControlKind;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the control library. Every statement is scoped by {@code org_id}. */
@Repository
public class ControlRepository {

    /** Owner names come from the organization's membership, so a former member shows no name. */
    private static final String SELECT = """
            SELECT c.id, c.ref, c.title, c.description, c.owner_id, u.name AS owner_name, c.nature, c.kind, c.frequency,
                   c.key_control, c.status, c.version, c.created_at, c.updated_at
            FROM control c
            LEFT JOIN membership m ON m.org_id = c.org_id AND m.user_id = c.owner_id
            LEFT JOIN app_user u ON u.id = m.user_id
            WHERE c.org_id = ?""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ControlRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Controls of the organization that match the filter, without mappings, ordered by ref. */
    public List<Control> find(UUID orgId, ControlFilter f) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        if (f.text() != null && !f.text().isBlank()) {
            String like = "%" + f.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            sql.append(" AND (LOWER(c.ref) LIKE ? ESCAPE '\\' OR LOWER(c.title) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(c.description) LIKE ? ESCAPE '\\')");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (f.criterion() != null && !f.criterion().isBlank()) {
            sql.append(" AND EXISTS (SELECT 1 FROM control_criterion cc WHERE cc.org_id = c.org_id"
                    + " AND cc.control_id = c.id AND cc.criterion_id = ?)");
            params.add(f.criterion().strip().toUpperCase(Locale.ROOT));
        }
        if (f.objective() != null && !f.objective().isBlank()) {
            sql.append(" AND EXISTS (SELECT 1 FROM control_objective_map co WHERE co.org_id = c.org_id"
                    + " AND co.control_id = c.id AND LOWER(co.objective_ref) = ?)");
            params.add(f.objective().strip().toLowerCase(Locale.ROOT));
        }
        if (f.ownerId() != null) {
            sql.append(" AND c.owner_id = ?");
            params.add(f.ownerId());
        }
        if (f.status() != null) {
            sql.append(" AND c.status = ?");
            params.add(f.status().name());
        }
        if (f.nature() != null) {
            sql.append(" AND c.nature = ?");
            params.add(f.nature().name());
        }
        if (f.frequency() != null) {
            sql.append(" AND c.frequency = ?");
            params.add(f.frequency().name());
        }
        if (Boolean.TRUE.equals(f.keyOnly())) {
            sql.append(" AND c.key_control = TRUE");
        }
        List<Control> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(ControlRepository::map).list());
        rows.sort(BY_REF);
        return rows;
    }

    /** Ordered by ref, case-insensitively and the same on every database. */
    public static final Comparator<Control> BY_REF = Comparator.comparing((Control c) -> ControlRules.refKey(c.ref()))
            .thenComparing(Control::ref);

    public Optional<Control> byId(UUID orgId, UUID id) {
        return jdbc.sql(SELECT + " AND c.id = ?").params(orgId, id).query(ControlRepository::map).optional();
    }

    public Optional<UUID> idByRef(UUID orgId, String ref) {
        return jdbc.sql("SELECT id FROM control WHERE org_id = ? AND ref_key = ?").params(orgId, ControlRules.refKey(ref))
                .query(UUID.class).optional();
    }

    public boolean exists(UUID orgId, UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM control WHERE org_id = ? AND id = ?").params(orgId, id).query(Long.class)
                .single() > 0;
    }

    public long count(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM control WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    public Map<UUID, String> refs(UUID orgId) {
        Map<UUID, String> out = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT id, ref FROM control WHERE org_id = ? ORDER BY ref_key").param(orgId)
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return out;
    }

    /** criterion ids per control of the organization (or of one control), in mapping order. */
    public Map<UUID, List<String>> criteria(UUID orgId, UUID controlId) {
        return mappings("SELECT control_id, criterion_id FROM control_criterion WHERE org_id = ?", orgId, controlId);
    }

    public Map<UUID, List<String>> objectives(UUID orgId, UUID controlId) {
        return mappings("SELECT control_id, objective_ref FROM control_objective_map WHERE org_id = ?", orgId, controlId);
    }

    private Map<UUID, List<String>> mappings(String sql, UUID orgId, UUID controlId) {
        Map<UUID, List<String>> out = new HashMap<>();
        var spec = controlId == null ? jdbc.sql(sql + " ORDER BY control_id, sort_order").param(orgId)
                : jdbc.sql(sql + " AND control_id = ? ORDER BY control_id, sort_order").params(orgId, controlId);
        spec.query(rs -> {
            out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return out;
    }

    public static Control withMappings(Control c, Map<UUID, List<String>> criteria, Map<UUID, List<String>> objectives) {
        return new Control(c.id(), c.ref(), c.title(), c.description(), c.ownerId(), c.ownerName(), c.nature(), c.kind(),
                c.frequency(), c.keyControl(), c.status(), criteria.getOrDefault(c.id(), List.of()),
                objectives.getOrDefault(c.id(), List.of()), c.version(), c.createdAt(), c.updatedAt());
    }

    /** A new control to insert. */
    public record NewControl(UUID id, ControlValues values) {
    }

    public void insert(UUID orgId, List<NewControl> controls, Instant now) {
        if (controls.isEmpty()) {
            return;
        }
        OffsetDateTime ts = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (NewControl n : controls) {
            ControlValues v = n.values();
            rows.add(new Object[] {n.id(), orgId, v.ref(), ControlRules.refKey(v.ref()), v.title(), v.description(),
                    v.ownerId(), v.nature().name(), v.kind().name(), v.frequency().name(), v.keyControl(),
                    v.status().name(), ts, ts});
        }
        template.batchUpdate("""
                INSERT INTO control (id, org_id, ref, ref_key, title, description, owner_id, nature, kind, frequency,
                    key_control, status, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""", rows);
        List<Object[]> crit = new ArrayList<>();
        List<Object[]> obj = new ArrayList<>();
        for (NewControl n : controls) {
            addMappingRows(orgId, n.id(), n.values().criteria(), crit);
            addMappingRows(orgId, n.id(), n.values().objectives(), obj);
        }
        insertMappings(crit, obj);
    }

    private static void addMappingRows(UUID orgId, UUID controlId, List<String> items, List<Object[]> rows) {
        for (int i = 0; i < items.size(); i++) {
            rows.add(new Object[] {orgId, controlId, items.get(i), i});
        }
    }

    private void insertMappings(List<Object[]> crit, List<Object[]> obj) {
        if (!crit.isEmpty()) {
            template.batchUpdate("INSERT INTO control_criterion (org_id, control_id, criterion_id, sort_order)"
                    + " VALUES (?, ?, ?, ?)", crit);
        }
        if (!obj.isEmpty()) {
            template.batchUpdate("INSERT INTO control_objective_map (org_id, control_id, objective_ref, sort_order)"
                    + " VALUES (?, ?, ?, ?)", obj);
        }
    }

    /** Updates the control's fields if its version is still {@code version}; false when stale. */
    public boolean update(UUID orgId, UUID id, long version, ControlValues v, Instant now) {
        return jdbc.sql("""
                UPDATE control SET ref = ?, ref_key = ?, title = ?, description = ?, owner_id = ?, nature = ?, kind = ?,
                    frequency = ?, key_control = ?, status = ?, version = version + 1, updated_at = ?
                WHERE id = ? AND org_id = ? AND version = ?""")
                .params(v.ref(), ControlRules.refKey(v.ref()), v.title(), v.description(), v.ownerId(), v.nature().name(),
                        v.kind().name(), v.frequency().name(), v.keyControl(), v.status().name(),
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC), id, orgId, version)
                .update() == 1;
    }

    public void replaceCriteria(UUID orgId, UUID id, List<String> criteria) {
        jdbc.sql("DELETE FROM control_criterion WHERE org_id = ? AND control_id = ?").params(orgId, id).update();
        List<Object[]> rows = new ArrayList<>();
        addMappingRows(orgId, id, criteria, rows);
        insertMappings(rows, List.of());
    }

    public void replaceObjectives(UUID orgId, UUID id, List<String> objectives) {
        jdbc.sql("DELETE FROM control_objective_map WHERE org_id = ? AND control_id = ?").params(orgId, id).update();
        List<Object[]> rows = new ArrayList<>();
        addMappingRows(orgId, id, objectives, rows);
        insertMappings(List.of(), rows);
    }

    public Optional<Long> version(UUID orgId, UUID id) {
        return jdbc.sql("SELECT version FROM control WHERE org_id = ? AND id = ?").params(orgId, id).query(Long.class)
                .optional();
    }

    private static Control map(ResultSet rs, int n) throws SQLException {
        return new Control(rs.getObject("id", UUID.class), rs.getString("ref"), rs.getString("title"),
                rs.getString("description"), rs.getObject("owner_id", UUID.class), rs.getString("owner_name"),
                Nature.valueOf(rs.getString("nature")), ControlKind.valueOf(rs.getString("kind")),
                Frequency.valueOf(rs.getString("frequency")), rs.getBoolean("key_control"),
                ImplementationStatus.valueOf(rs.getString("status")), List.of(), List.of(), rs.getLong("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
