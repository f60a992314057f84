package dev.assayer.finding;

import java.util.UUID;

/**
 * What a finding came from: the {@code type}, the id of the source record when there is one
 * (a deviation's or a test's id; this module never looks it up), and {@code ref}, the text people
 * see, e.g. "Deviation 2 in test of CC6.2-01, item CHG-1042". {@code ref} is required for every
 * type but OTHER.
 */
public record FindingSource(SourceType type, UUID id, String ref) {

    /** A finding raised directly, with no source record. */
    public static FindingSource other() {
        return new FindingSource(SourceType.OTHER, null, null);
    }

    /** A deviation found in a test of operating effectiveness. */
    public static FindingSource deviation(UUID deviationId, String ref) {
        return new FindingSource(SourceType.DEVIATION, deviationId, ref);
    }

    /** A failed test of design (walkthrough). */
    public static FindingSource testOfDesign(UUID testId, String ref) {
        return new FindingSource(SourceType.TEST_OF_DESIGN, testId, ref);
    }

    /** A readiness gap, e.g. "CC6.1: no control". */
    public static FindingSource readinessGap(String ref) {
        return new FindingSource(SourceType.READINESS_GAP, null, ref);
    }
}
