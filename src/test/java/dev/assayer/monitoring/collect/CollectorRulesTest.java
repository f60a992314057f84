package dev.assayer.monitoring.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.monitoring.CollectorDraft;
import dev.assayer.monitoring.CollectorKind;
import dev.assayer.monitoring.internal.collect.CollectorRules;
import dev.assayer.shared.ApiProblem;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectorRulesTest {

    static CollectorDraft github(Map<String, String> settings, Map<String, String> secrets) {
        return new CollectorDraft(CollectorKind.GITHUB, "github-main", settings, secrets, null, null);
    }

    static ApiProblem problem(CollectorDraft d, Set<String> stored) {
        try {
            CollectorRules.validate(d, stored);
        } catch (ApiProblem p) {
            return p;
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void defaultsAreFilledIn() {
        CollectorRules.Valid v = CollectorRules.validate(github(Map.of("organization", "acme"), Map.of("token", "ghp_x1")),
                Set.of());
        assertThat(v.settings().values()).containsEntry("apiUrl", "https://api.github.com")
                .containsEntry("pullRequestDays", "90").containsEntry("repositories", "");
        assertThat(v.intervalHours()).isEqualTo(24);
        assertThat(v.enabled()).isTrue();
        assertThat(v.setSecrets()).containsEntry("token", "ghp_x1");
        assertThat(v.toString()).doesNotContain("ghp_x1");
    }

    @Test
    void everyBadFieldIsReported() {
        Map<String, String> settings = new HashMap<>();
        settings.put("apiUrl", "http://github.example.com");
        settings.put("pullRequestDays", "400");
        settings.put("colour", "blue");
        ApiProblem p = problem(new CollectorDraft(CollectorKind.GITHUB, "GitHub Main", settings, Map.of("pat", "x"), 0, true),
                Set.of());
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).extracting(ApiProblem.FieldError::field).containsExactlyInAnyOrder("name",
                "settings.apiUrl", "settings.organization", "settings.pullRequestDays", "settings.colour",
                "secrets.token", "secrets.pat", "intervalHours");
        assertThat(p.errors()).filteredOn(e -> e.field().equals("settings.apiUrl")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("https"));
    }

    @Test
    void plainHttpOnlyForThisMachine() {
        CollectorRules.Valid v = CollectorRules.validate(new CollectorDraft(CollectorKind.OKTA, "okta",
                Map.of("orgUrl", "http://localhost:8089/"), Map.of("apiToken", "00abc"), 6, false), Set.of());
        assertThat(v.settings().get("orgUrl")).isEqualTo("http://localhost:8089");
        assertThat(v.settings().get("systemLogDays")).isEqualTo("7");
        assertThat(problem(new CollectorDraft(CollectorKind.OKTA, "okta", Map.of("orgUrl", "https://u:p@acme.okta.com"),
                Map.of("apiToken", "00abc"), null, null), Set.of()).errors()).extracting(ApiProblem.FieldError::field)
                .containsExactly("settings.orgUrl");
    }

    @Test
    void secretsOnEdit() {
        Map<String, String> settings = Map.of("region", "eu-west-1");
        // left out: kept; required and stored: fine
        CollectorRules.Valid keep = CollectorRules.validate(new CollectorDraft(CollectorKind.AWS, "aws-prod", settings,
                Map.of(), null, null), Set.of("accessKeyId", "secretAccessKey"));
        assertThat(keep.setSecrets()).isEmpty();
        assertThat(keep.removeSecrets()).isEmpty();
        // "" removes an optional secret but not a required one
        Map<String, String> secrets = new HashMap<>();
        secrets.put("sessionToken", "");
        assertThat(CollectorRules.validate(new CollectorDraft(CollectorKind.AWS, "aws-prod", settings, secrets, null, null),
                Set.of("accessKeyId", "secretAccessKey", "sessionToken")).removeSecrets()).containsExactly("sessionToken");
        secrets.put("secretAccessKey", "");
        assertThat(problem(new CollectorDraft(CollectorKind.AWS, "aws-prod", settings, secrets, null, null),
                Set.of("accessKeyId", "secretAccessKey")).errors()).extracting(ApiProblem.FieldError::field)
                .containsExactly("secrets.secretAccessKey");
        // a value with a line break could smuggle a header
        assertThat(problem(new CollectorDraft(CollectorKind.AWS, "aws-prod", settings,
                Map.of("accessKeyId", "AKID\r\nX-Evil: 1", "secretAccessKey", "s"), null, null), Set.of()).errors())
                .extracting(ApiProblem.FieldError::field).containsExactly("secrets.accessKeyId");
    }

    @Test
    void awsSettings() {
        assertThat(problem(new CollectorDraft(CollectorKind.AWS, "aws", Map.of("region", "europe",
                "resourceTypes", "AWS::S3::Bucket, S3 buckets"), Map.of("accessKeyId", "a", "secretAccessKey", "b"), null,
                null), Set.of()).errors()).extracting(ApiProblem.FieldError::field)
                .containsExactlyInAnyOrder("settings.regions", "settings.resourceTypes");
        assertThat(CollectorRules.resourceTypes("AWS::S3::Bucket, AWS::KMS::Key AWS::S3::Bucket"))
                .containsExactly("AWS::S3::Bucket", "AWS::KMS::Key");
    }

    @Test
    void theKindIsRequired() {
        assertThatThrownBy(() -> CollectorKind.parse("kind", "gitlab")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("github, aws, okta");
        assertThat(CollectorKind.parse("kind", " Okta ")).isEqualTo(CollectorKind.OKTA);
    }

    static ApiProblem awsProblem(Map<String, String> settings) {
        return problem(new CollectorDraft(CollectorKind.AWS, "aws", settings, Map.of("accessKeyId", "a",
                "secretAccessKey", "b"), null, null), Set.of());
    }

    @Test
    void awsRegionsRolesAndExternalId() {
        CollectorRules.Valid v = CollectorRules.validate(new CollectorDraft(CollectorKind.AWS, "aws", Map.of(
                "regions", "eu-west-1, us-east-1", "roleArns", "arn:aws:iam::111122223333:role/AssayerReadOnly "
                        + "arn:aws:iam::444455556666:role/audit/AssayerReadOnly", "externalId", "assayer-7f3a9c",
                "configEndpoint", "https://vpce-1.config.{region}.vpce.amazonaws.com"),
                Map.of("accessKeyId", "a", "secretAccessKey", "b"), null, null), Set.of());
        assertThat(CollectorRules.list(v.settings().get("regions"))).containsExactly("eu-west-1", "us-east-1");
        assertThat(CollectorRules.list(v.settings().get("roleArns"))).hasSize(2);
        // the one-region spelling of before still works
        assertThat(CollectorRules.validate(new CollectorDraft(CollectorKind.AWS, "aws", Map.of("region", "eu-west-1"),
                Map.of("accessKeyId", "a", "secretAccessKey", "b"), null, null), Set.of()).settings().get("regions"))
                .isEqualTo("eu-west-1");
        assertThat(awsProblem(Map.of("regions", "eu-west-1, cn-north-1")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("different AWS partitions"));
        assertThat(awsProblem(Map.of("regions", "eu-west-1, us-east-1", "configEndpoint", "https://config.example.com",
                "roleArns", "arn:aws:iam::1111:role/x, arn:aws:iam::111122223333:user/bob", "externalId", "a b"))
                .errors()).extracting(ApiProblem.FieldError::field)
                .containsExactlyInAnyOrder("settings.configEndpoint", "settings.roleArns", "settings.externalId");
        assertThat(awsProblem(Map.of("regions", "eu-west-1", "externalId", "assayer-1")).errors())
                .extracting(ApiProblem.FieldError::message).containsExactly("applies only with role ARNs to assume");
    }

    @Test
    void githubUserAccountsAndEnterpriseServerAddresses() {
        assertThat(CollectorRules.validate(github(Map.of("user", "octo-cat"), Map.of("token", "ghp_x1")), Set.of())
                .settings().get("user")).isEqualTo("octo-cat");
        assertThat(problem(github(Map.of("user", "octo", "organization", "acme"), Map.of("token", "t")), Set.of()).errors())
                .extracting(ApiProblem.FieldError::field).containsExactly("settings.user");
        assertThat(problem(github(Map.of(), Map.of("token", "t")), Set.of()).errors())
                .extracting(ApiProblem.FieldError::field).containsExactly("settings.organization");
        for (String ok : new String[] {"https://api.github.com", "https://ghe.example.com/api/v3",
                "https://ghe.example.com/api/v3/", "https://api.acme.ghe.com", "http://localhost:9999/api/v3"}) {
            assertThat(CollectorRules.validate(github(Map.of("organization", "acme", "apiUrl", ok), Map.of("token", "t")),
                    Set.of()).settings().get("apiUrl")).as(ok).doesNotEndWith("/");
        }
        Map<String, String> bad = Map.of("https://github.com", "the API is https://api.github.com",
                "https://ghe.example.com", "https://ghe.example.com/api/v3",
                "https://ghe.example.com/api/v4", "https://ghe.example.com/api/v3",
                "https://api.github.com/v3", "without a path",
                "http://ghe.example.com/api/v3", "must use https");
        bad.forEach((url, message) -> assertThat(problem(github(Map.of("organization", "acme", "apiUrl", url),
                Map.of("token", "t")), Set.of()).errors()).as(url).singleElement()
                .satisfies(e -> assertThat(e.message()).contains(message)));
    }
}
