package dev.assayer.fieldwork.sampling;

import java.util.EnumMap;
import java.util.Map;

/**
 * Sample sizes by control frequency, as a firm's methodology sets them. Immutable;
 * {@link #withOverride} returns a changed copy. Event-driven controls are sized by population
 * (docs/sampling.md): all items when the population has at most 5; otherwise the size of the
 * periodic frequency with a comparable number of occurrences a year, read from this table (so a
 * firm's overrides apply): up to 12 → monthly, up to 24 → semi-monthly, up to 52 → weekly, up to
 * 365 → daily, more → several times a day.
 */
public final class FrequencyTable {

    /** A size with a note for the working papers (e.g. the ITGC reliance an automated control needs). */
    public record Guidance(int size, String note) {
    }

    private static final String AUTOMATED_NOTE = "One instance per configuration; relies on effective IT general "
            + "controls (change management, logical access) over the period.";

    private final Map<ControlFrequency, Integer> sizes;

    private FrequencyTable(Map<ControlFrequency, Integer> sizes) {
        this.sizes = sizes;
    }

    /** Annual 1, quarterly 2, monthly 2, semi-monthly 3, weekly 5, daily 25, several a day 40, automated 1. */
    public static FrequencyTable defaults() {
        Map<ControlFrequency, Integer> m = new EnumMap<>(ControlFrequency.class);
        m.put(ControlFrequency.ANNUAL, 1);
        m.put(ControlFrequency.QUARTERLY, 2);
        m.put(ControlFrequency.MONTHLY, 2);
        m.put(ControlFrequency.SEMI_MONTHLY, 3);
        m.put(ControlFrequency.WEEKLY, 5);
        m.put(ControlFrequency.DAILY, 25);
        m.put(ControlFrequency.SEVERAL_TIMES_A_DAY, 40);
        m.put(ControlFrequency.AUTOMATED, 1);
        return new FrequencyTable(m);
    }

    /** A copy with one frequency's size replaced (a firm's methodology). */
    public FrequencyTable withOverride(ControlFrequency frequency, int size) {
        if (frequency == ControlFrequency.EVENT_DRIVEN) {
            throw new IllegalArgumentException("event-driven controls are sized by population; override the periodic sizes");
        }
        if (size < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, was " + size);
        }
        Map<ControlFrequency, Integer> m = new EnumMap<>(sizes);
        m.put(frequency, size);
        return new FrequencyTable(m);
    }

    /** The size for a periodic or automated control. */
    public Guidance sizeFor(ControlFrequency frequency) {
        if (frequency == ControlFrequency.EVENT_DRIVEN) {
            throw new IllegalArgumentException("event-driven controls are sized by population: use sizeForEvents");
        }
        return new Guidance(sizes.get(frequency), frequency == ControlFrequency.AUTOMATED ? AUTOMATED_NOTE : null);
    }

    /** The size for an event-driven control whose population (occurrences in the period) is given. */
    public Guidance sizeForEvents(long population) {
        if (population < 0) {
            throw new IllegalArgumentException("population must not be negative, was " + population);
        }
        if (population <= 5) {
            return new Guidance((int) population, "All occurrences (population of " + population + ").");
        }
        ControlFrequency like = population <= 12 ? ControlFrequency.MONTHLY
                : population <= 24 ? ControlFrequency.SEMI_MONTHLY
                : population <= 52 ? ControlFrequency.WEEKLY
                : population <= 365 ? ControlFrequency.DAILY
                : ControlFrequency.SEVERAL_TIMES_A_DAY;
        int size = (int) Math.min(sizes.get(like), population);
        return new Guidance(size, "Sized like a " + like.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " control (population of " + population + ").");
    }
}
