package dev.assayer.finding;

import java.util.UUID;

/**
 * Narrows a list of findings; null fields do not filter. {@code overdue = true} keeps the overdue
 * findings (see {@link Finding#overdue()}), {@code false} the others.
 */
public record FindingFilter(FindingStatus status, Severity severity, Boolean overdue, UUID engagementId) {

    public static FindingFilter all() {
        return new FindingFilter(null, null, null, null);
    }
}
