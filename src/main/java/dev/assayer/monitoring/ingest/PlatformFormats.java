package dev.assayer.monitoring.ingest;

import java.util.List;

/** Platform formats: GitHub, Okta, Kubernetes, Terraform plan, generic CSV/JSON. */
final class PlatformFormats {

    private PlatformFormats() {
    }

    static List<ResourceFormat> all() {
        return List.of();
    }
}
