package dev.assayer.monitoring.ingest;

import dev.assayer.monitoring.ingest.cloud.AwsConfigItemsFormat;
import dev.assayer.monitoring.ingest.cloud.AwsConfigSnapshotFormat;
import dev.assayer.monitoring.ingest.cloud.IamCredentialReportFormat;
import dev.assayer.monitoring.ingest.cloud.InspecJsonFormat;
import dev.assayer.monitoring.ingest.cloud.ProwlerCsvFormat;
import dev.assayer.monitoring.ingest.cloud.ProwlerOcsfFormat;
import dev.assayer.monitoring.ingest.cloud.SarifFormat;
import dev.assayer.monitoring.ingest.cloud.TrivyJsonFormat;
import java.util.List;

/** Cloud and scanner formats: Prowler, AWS Config, IAM credential report, Trivy, SARIF, InSpec. */
final class CloudFormats {

    private CloudFormats() {
    }

    static List<ResourceFormat> all() {
        return List.of(new ProwlerOcsfFormat(), new ProwlerCsvFormat(), new AwsConfigItemsFormat(),
                new AwsConfigSnapshotFormat(), new IamCredentialReportFormat(), new TrivyJsonFormat(), new SarifFormat(),
                new InspecJsonFormat());
    }
}
