package dev.assayer.vendor;

import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.engagement.SubserviceOrganization;
import java.util.List;
import java.util.UUID;

/** A vendor that is a subservice organization of an engagement (DC7), with the CSOCs assumed there. */
public record Subservice(UUID vendorId, String ref, String name, String serviceProvided, SubserviceMethod method,
        List<String> csocs) {

    /** In the shape the system description uses (no related criteria are kept on the vendor). */
    public SubserviceOrganization toDescription() {
        return new SubserviceOrganization(name, serviceProvided, method, csocs, List.of());
    }
}
