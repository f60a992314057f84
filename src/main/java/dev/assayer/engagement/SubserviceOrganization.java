package dev.assayer.engagement;

import java.util.List;

/**
 * A subservice organization (DC7), e.g. the cloud host, with the complementary subservice
 * organization controls (CSOCs) assumed there and the criteria they relate to.
 */
public record SubserviceOrganization(String name, String servicesProvided, SubserviceMethod method, List<String> csocs,
        List<String> relatedCriteria) {

    public SubserviceOrganization {
        csocs = csocs == null ? List.of() : List.copyOf(csocs);
        relatedCriteria = relatedCriteria == null ? List.of() : List.copyOf(relatedCriteria);
    }
}
