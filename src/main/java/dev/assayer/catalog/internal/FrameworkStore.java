package dev.assayer.catalog.internal;

import dev.assayer.catalog.Category;
import dev.assayer.catalog.Criterion;
import dev.assayer.catalog.Framework;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SQL for the framework tables. {@link #sync} writes a framework only when the file's revision (or
 * content) differs from what is stored, and updates rows in place so references to criteria stay
 * valid.
 */
final class FrameworkStore {

    private final JdbcClient jdbc;

    FrameworkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Stored(int revision, String contentHash) {
    }

    /** @return true when the framework was written, false when it was already current */
    boolean sync(FrameworkDefinition def) {
        Optional<Stored> stored = jdbc.sql("SELECT revision, content_hash FROM framework WHERE framework_key = ?")
                .param(def.key()).query((rs, n) -> new Stored(rs.getInt(1), rs.getString(2))).optional();
        if (stored.isPresent() && stored.get().revision() == def.revision()
                && stored.get().contentHash().equals(def.contentHash())) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (stored.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO framework (framework_key, name, edition, kind, revision, source, content_hash, loaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(def.key(), def.name(), def.edition(), def.kind(), def.revision(), def.source(),
                            def.contentHash(), now)
                    .update();
        } else {
            jdbc.sql("""
                    UPDATE framework SET name = ?, edition = ?, kind = ?, revision = ?, source = ?, content_hash = ?,
                        loaded_at = ? WHERE framework_key = ?""")
                    .params(def.name(), def.edition(), def.kind(), def.revision(), def.source(), def.contentHash(), now,
                            def.key())
                    .update();
        }
        syncCategories(def);
        syncCriteria(def);
        return true;
    }

    private void syncCategories(FrameworkDefinition def) {
        Set<String> existing = new HashSet<>(jdbc.sql("SELECT code FROM framework_category WHERE framework_key = ?")
                .param(def.key()).query(String.class).list());
        int ordinal = 0;
        for (Category c : def.categories()) {
            ordinal++;
            if (existing.remove(c.code())) {
                jdbc.sql("""
                        UPDATE framework_category SET name = ?, required = ?, description = ?, ordinal = ?
                        WHERE framework_key = ? AND code = ?""")
                        .params(c.name(), c.required(), c.description(), ordinal, def.key(), c.code()).update();
            } else {
                jdbc.sql("""
                        INSERT INTO framework_category (framework_key, code, name, required, description, ordinal)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(def.key(), c.code(), c.name(), c.required(), c.description(), ordinal).update();
            }
        }
        for (String gone : existing) {
            jdbc.sql("DELETE FROM framework_category WHERE framework_key = ? AND code = ?").params(def.key(), gone)
                    .update();
        }
    }

    private void syncCriteria(FrameworkDefinition def) {
        Set<String> existing = new HashSet<>(jdbc.sql("SELECT id FROM criterion WHERE framework_key = ?")
                .param(def.key()).query(String.class).list());
        int ordinal = 0;
        for (FrameworkDefinition.Item c : def.criteria()) {
            ordinal++;
            String seriesTitle = def.seriesTitle(c.series());
            if (existing.remove(c.id())) {
                jdbc.sql("""
                        UPDATE criterion SET category = ?, series = ?, series_title = ?, title = ?, description = ?,
                            guidance = ?, coso_principle = ?, ordinal = ?
                        WHERE framework_key = ? AND id = ?""")
                        .params(c.category(), c.series(), seriesTitle, c.title(), c.description(), c.guidance(),
                                c.cosoPrinciple(), ordinal, def.key(), c.id())
                        .update();
            } else {
                jdbc.sql("""
                        INSERT INTO criterion (framework_key, id, category, series, series_title, title, description,
                            guidance, coso_principle, ordinal)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(def.key(), c.id(), c.category(), c.series(), seriesTitle, c.title(), c.description(),
                                c.guidance(), c.cosoPrinciple(), ordinal)
                        .update();
            }
        }
        for (String gone : existing) {
            jdbc.sql("DELETE FROM criterion WHERE framework_key = ? AND id = ?").params(def.key(), gone).update();
        }
    }

    /** Reads every stored framework with its categories and criteria, in canonical order. */
    CatalogSnapshot read() {
        Map<String, List<Category>> categories = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM framework_category ORDER BY framework_key, ordinal").query(rs -> {
            categories.computeIfAbsent(rs.getString("framework_key"), k -> new ArrayList<>())
                    .add(new Category(rs.getString("code"), rs.getString("name"), rs.getBoolean("required"),
                            rs.getString("description")));
        });
        Map<String, List<Criterion>> criteria = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM criterion ORDER BY framework_key, ordinal").query(rs -> {
            criteria.computeIfAbsent(rs.getString("framework_key"), k -> new ArrayList<>())
                    .add(new Criterion(rs.getString("id"), rs.getString("framework_key"), rs.getString("category"),
                            rs.getString("series"), rs.getString("series_title"), rs.getString("title"),
                            rs.getString("description"), rs.getString("guidance"), rs.getInt("ordinal")));
        });
        List<Framework> frameworks = jdbc.sql("SELECT * FROM framework ORDER BY framework_key").query((rs, n) -> {
            String key = rs.getString("framework_key");
            return new Framework(key, rs.getString("name"), rs.getString("edition"), rs.getString("kind"),
                    rs.getInt("revision"), categories.getOrDefault(key, List.of()),
                    criteria.getOrDefault(key, List.of()).size());
        }).list();
        return new CatalogSnapshot(frameworks, criteria);
    }
}
