package dev.assayer.monitoring.ingest;

import java.util.List;

/** Cloud and scanner formats: Prowler, AWS Config, IAM credential report, Trivy, SARIF, InSpec. */
final class CloudFormats {

    private CloudFormats() {
    }

    static List<ResourceFormat> all() {
        return List.of();
    }
}
