package dev.assayer.evidence;

import java.time.LocalDate;
import java.util.UUID;

/**
 * How one control's evidence stands against a window (see {@link EvidenceService#tally}). Counts are
 * disjoint: every item supporting the control is in exactly one of valid, outsideWindow, expired,
 * withdrawn. {@code latestEffective} is the latest effective date (or period end) among the
 * control's items that are not withdrawn, whatever the window; {@code nextRenewal} the earliest
 * renewal date that has not passed among those items; {@code latestValidId}/{@code latestValidTitle}
 * the newest valid item (null when there is none).
 */
public record EvidenceTally(int valid, int outsideWindow, int expired, int withdrawn, LocalDate latestEffective,
        LocalDate nextRenewal, UUID latestValidId, String latestValidTitle) {

    public static final EvidenceTally NONE = new EvidenceTally(0, 0, 0, 0, null, null, null, null);

    public int total() {
        return valid + outsideWindow + expired + withdrawn;
    }
}
