package dev.assayer.fieldwork.internal.testing;

import dev.assayer.fieldwork.sampling.ControlFrequency;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for a firm's frequency table: one row per firm once it changed the defaults. */
@Repository
public class FirmTableRepository {

    /** The stored table of one firm. */
    public record Row(UUID firmId, Map<ControlFrequency, Integer> sizes, BigDecimal defaultConfidence, long version,
            String updatedBy, Instant updatedAt) {
    }

    /** Columns in the order of {@link #FREQUENCIES}. */
    private static final String[] COLUMNS = {"annual", "quarterly", "monthly", "semi_monthly", "weekly", "daily",
            "several_times_a_day", "automated"};
    public static final ControlFrequency[] FREQUENCIES = {ControlFrequency.ANNUAL, ControlFrequency.QUARTERLY,
            ControlFrequency.MONTHLY, ControlFrequency.SEMI_MONTHLY, ControlFrequency.WEEKLY, ControlFrequency.DAILY,
            ControlFrequency.SEVERAL_TIMES_A_DAY, ControlFrequency.AUTOMATED};

    private final JdbcClient jdbc;

    public FirmTableRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Row> find(UUID firmId) {
        return jdbc.sql("SELECT firm_id, " + String.join(", ", COLUMNS)
                        + ", default_confidence, version, updated_by, updated_at FROM firm_frequency_table WHERE firm_id = ?")
                .param(firmId)
                .query((rs, n) -> {
                    Map<ControlFrequency, Integer> sizes = new EnumMap<>(ControlFrequency.class);
                    for (int i = 0; i < COLUMNS.length; i++) {
                        sizes.put(FREQUENCIES[i], rs.getInt(COLUMNS[i]));
                    }
                    return new Row(rs.getObject("firm_id", UUID.class), sizes,
                            rs.getBigDecimal("default_confidence").stripTrailingZeros(), rs.getLong("version"),
                            rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
                }).optional();
    }

    /** The first change from the defaults (version 1); false when another change got there first. */
    public boolean insert(UUID firmId, Map<ControlFrequency, Integer> sizes, BigDecimal confidence, String by,
            Instant at) {
        if (find(firmId).isPresent()) {
            return false;
        }
        Object[] params = new Object[COLUMNS.length + 5];
        params[0] = firmId;
        for (int i = 0; i < COLUMNS.length; i++) {
            params[i + 1] = sizes.get(FREQUENCIES[i]);
        }
        params[COLUMNS.length + 1] = confidence;
        params[COLUMNS.length + 2] = 1L;
        params[COLUMNS.length + 3] = by;
        params[COLUMNS.length + 4] = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        try {
            jdbc.sql("INSERT INTO firm_frequency_table (firm_id, " + String.join(", ", COLUMNS)
                            + ", default_confidence, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(params).update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    public boolean update(UUID firmId, long version, Map<ControlFrequency, Integer> sizes, BigDecimal confidence,
            String by, Instant at) {
        StringBuilder set = new StringBuilder();
        Object[] params = new Object[COLUMNS.length + 5];
        for (int i = 0; i < COLUMNS.length; i++) {
            set.append(COLUMNS[i]).append(" = ?, ");
            params[i] = sizes.get(FREQUENCIES[i]);
        }
        params[COLUMNS.length] = confidence;
        params[COLUMNS.length + 1] = by;
        params[COLUMNS.length + 2] = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        params[COLUMNS.length + 3] = firmId;
        params[COLUMNS.length + 4] = version;
        return jdbc.sql("UPDATE firm_frequency_table SET " + set + "default_confidence = ?, version = version + 1, "
                        + "updated_by = ?, updated_at = ? WHERE firm_id = ? AND version = ?")
                .params(params).update() == 1;
    }
}
