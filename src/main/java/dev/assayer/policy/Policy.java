package dev.assayer.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A policy with its standing. {@code currentVersion} is the number of the published version (null
 * until one is published) and {@code latestVersion}/{@code latestStatus} the newest version of any
 * status. {@code approvedOn} is the approval date of the current version (the latest approved one
 * when none is published yet); {@code reviewDue} is a year later and {@code reviewOverdue} is true
 * once that date has passed. {@code acknowledged} of {@code expected} active members have
 * acknowledged the published version. These standing fields are computed, never stored; a PUT may
 * send them back and they are ignored.
 */
public record Policy(UUID id, String key, String title, UUID ownerId, String ownerName, String template,
        List<PolicyControl> controls, Integer currentVersion, Integer latestVersion, VersionStatus latestStatus,
        LocalDate approvedOn, LocalDate reviewDue, boolean reviewOverdue, int acknowledged, int expected,
        long version, Instant createdAt, Instant updatedAt) {

    public Policy {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** Percentage of expected members who acknowledged the published version (0 when nothing is published). */
    public int acknowledgedPercent() {
        return expected == 0 ? 0 : (int) Math.floor(100.0 * acknowledged / expected);
    }
}
