package dev.assayer.vendor;

import dev.assayer.engagement.SubserviceMethod;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a user submits to create or replace a vendor. A blank {@code ref} gets the next VND-n;
 * a blank ref on update keeps the current one; a null {@code status} is ACTIVE for a new vendor and unchanged on update. Null lists mean empty.
 * {@code subserviceMethod}, {@code csocs} and {@code engagementIds} apply only to subservice organizations.
 */
public record VendorDraft(String ref, String name, String serviceProvided, List<String> dataAccessed,
        CriticalityTier tier, UUID ownerId, LocalDate contractStart, LocalDate contractEnd, boolean subservice,
        SubserviceMethod subserviceMethod, List<String> csocs, List<UUID> engagementIds, VendorStatus status) {

    public VendorDraft {
        dataAccessed = dataAccessed == null ? List.of() : dataAccessed;
        csocs = csocs == null ? List.of() : csocs;
        engagementIds = engagementIds == null ? List.of() : engagementIds;
    }
}
