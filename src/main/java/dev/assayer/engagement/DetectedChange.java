package dev.assayer.engagement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A fact Assayer already recorded in an engagement's period that may be a change to the system
 * (controls created, retired or changed, policies published, subservice organizations added or
 * changed, significant incidents as a pointer), grouped per kind and day. It is only a proposal:
 * {@code status} is DETECTED ("detected, not yet reviewed") until a person records it as a change
 * (RECORDED, with {@code changeId}) or dismisses it as not a system change (DISMISSED), with who
 * and when. {@code key} identifies the group (kind, day and the records in it); {@code refs} are the
 * records' references; {@code proposedArea} may be null (the person chooses).
 */
public record DetectedChange(String key, String kind, String kindLabel, LocalDate on, String summary,
        List<String> refs, String proposedArea, String status, String decidedBy, Instant decidedAt, UUID changeId) {

    public static final String DETECTED = "DETECTED";
    public static final String RECORDED = "RECORDED";
    public static final String DISMISSED = "DISMISSED";

    public DetectedChange {
        refs = refs == null ? List.of() : List.copyOf(refs);
    }

    public boolean open() {
        return DETECTED.equals(status);
    }
}
