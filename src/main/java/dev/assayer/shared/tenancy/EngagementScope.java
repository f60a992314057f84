package dev.assayer.shared.tenancy;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An audit firm's user acting inside one client engagement through an access grant. The
 * {@link CurrentUser}'s organization is then the client's; {@code firmId} is the firm whose records
 * (tests, results, conclusions, review notes) the user writes; {@code periodStart} (null for a Type
 * I) and {@code periodEnd} bound the evidence the user may see.
 */
public record EngagementScope(UUID grantId, UUID engagementId, String engagementName, UUID firmId, String firmName,
        LocalDate periodStart, LocalDate periodEnd) implements Serializable {

    /** True when an item effective on {@code from}..{@code to} (to may be null = a single day) touches the period. */
    public boolean overlaps(LocalDate from, LocalDate to) {
        if (from == null) {
            return false;
        }
        LocalDate end = to == null ? from : to;
        LocalDate start = periodStart == null ? periodEnd : periodStart;
        return !end.isBefore(start) && !from.isAfter(periodEnd);
    }
}
