package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.ResourceFormat;
import java.util.List;

/** The cloud and scanner formats, for tests that must look at them apart from the platform formats. */
final class CloudFormats {

    private CloudFormats() {
    }

    static List<ResourceFormat> all() {
        return List.of(new ProwlerOcsfFormat(), new ProwlerCsvFormat(), new AwsConfigItemsFormat(),
                new AwsConfigSnapshotFormat(), new IamCredentialReportFormat(), new TrivyJsonFormat(), new SarifFormat(),
                new InspecJsonFormat());
    }
}
