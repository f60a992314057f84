package dev.assayer.monitoring.ingest;

import dev.assayer.monitoring.ingest.platform.GenericCsvFormat;
import dev.assayer.monitoring.ingest.platform.GenericJsonFormat;
import dev.assayer.monitoring.ingest.platform.GithubBranchProtectionFormat;
import dev.assayer.monitoring.ingest.platform.GithubPullsFormat;
import dev.assayer.monitoring.ingest.platform.GithubReposFormat;
import dev.assayer.monitoring.ingest.platform.KubernetesYamlFormat;
import dev.assayer.monitoring.ingest.platform.OktaSystemLogFormat;
import dev.assayer.monitoring.ingest.platform.OktaUsersFormat;
import dev.assayer.monitoring.ingest.platform.TerraformPlanFormat;
import java.util.List;

/** Platform formats: GitHub, Okta, Kubernetes, Terraform plan, generic CSV/JSON. */
final class PlatformFormats {

    private PlatformFormats() {
    }

    static List<ResourceFormat> all() {
        return List.of(new GithubReposFormat(), new GithubBranchProtectionFormat(), new GithubPullsFormat(),
                new OktaUsersFormat(), new OktaSystemLogFormat(), new KubernetesYamlFormat(), new TerraformPlanFormat(),
                new GenericCsvFormat(), new GenericJsonFormat());
    }
}
