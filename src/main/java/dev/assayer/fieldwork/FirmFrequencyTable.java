package dev.assayer.fieldwork;

import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.fieldwork.sampling.FrequencyTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An audit firm's sample sizes by control frequency (every frequency but EVENT_DRIVEN, which is
 * sized by population from these) and the confidence its tests use by default (0.95 or 0.90).
 * {@code customized} is false while the firm uses the defaults (version 0).
 */
public record FirmFrequencyTable(UUID firmId, Map<ControlFrequency, Integer> sizes, BigDecimal defaultConfidence,
        String automatedNote, boolean customized, String updatedBy, Instant updatedAt, long version) {

    public FirmFrequencyTable {
        sizes = Map.copyOf(sizes);
    }

    /** The table as the sampling rules use it. */
    public FrequencyTable table() {
        FrequencyTable t = FrequencyTable.defaults();
        for (Map.Entry<ControlFrequency, Integer> e : sizes.entrySet()) {
            t = t.withOverride(e.getKey(), e.getValue());
        }
        return t;
    }
}
