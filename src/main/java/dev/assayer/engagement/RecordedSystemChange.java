package dev.assayer.engagement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A change to the system during an engagement's period (DC9) as recorded, with its history: a
 * correction supersedes it ({@code supersededBy}), a withdrawal keeps it with who, when and why.
 * Only a {@link #current()} change reaches the report. {@code source} says where the fact came
 * from ("manual", "roll-forward", or the kind of detected fact, e.g. "control change") and
 * {@code sourceRef} points at it (a ticket, the detection's key).
 */
public record RecordedSystemChange(UUID id, UUID engagementId, LocalDate changedOn, String area, String description,
        boolean significant, String source, String sourceRef, UUID supersedes, UUID supersededBy, UUID recordedById,
        String recordedBy, Instant recordedAt, String withdrawnBy, Instant withdrawnAt, String withdrawnReason,
        long version) {

    /** Neither superseded by a correction nor withdrawn. */
    public boolean current() {
        return supersededBy == null && withdrawnAt == null;
    }

    public boolean withdrawn() {
        return withdrawnAt != null;
    }

    /** The fixed record the report reads. */
    public SystemChange toChange() {
        return new SystemChange(id, engagementId, changedOn, area, description, significant, source, recordedBy,
                recordedAt);
    }
}
