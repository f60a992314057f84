package dev.assayer.vendor;

import java.util.UUID;

/** A CUEC from a vendor's latest reviewed report that none of our controls covers yet. */
public record CuecGap(UUID vendorId, String vendorRef, String vendorName, UUID reviewId, String cuecRef,
        String description) {
}
