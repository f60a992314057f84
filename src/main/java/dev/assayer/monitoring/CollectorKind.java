package dev.assayer.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.assayer.shared.ApiProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The live systems a collector reads, with the fields each one's configuration has. */
public enum CollectorKind {
    GITHUB("github", "GitHub", "GitHub API", List.of(
            setting("apiUrl", "API base URL", "https://api.github.com", true,
                    "https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server"),
            setting("organization", "Organization", "", false,
                    "the organization's login, e.g. acme (or fill in User instead)"),
            setting("user", "User", "", false,
                    "a user account's login instead of an organization: its repositories (private ones too when "
                            + "the token is that user's)"),
            setting("repositories", "Repositories", "", false,
                    "names or globs separated by commas (api, web-*); empty = every repository"),
            setting("pullRequestDays", "Days of merged pull requests", "90", true, "1 to 365"),
            secret("token", "Access token", true, "a fine-grained personal access token, read-only")),
            List.of("github-repos", "github-branch-protection", "github-pulls")),
    AWS("aws", "AWS", "AWS API", List.of(
            setting("regions", "Regions", null, true,
                    "AWS Config regions separated by commas, e.g. eu-west-1, us-east-1; global resources (IAM) are "
                            + "read once, in the first"),
            setting("resourceTypes", "AWS Config resource types",
                    "AWS::S3::Bucket, AWS::EC2::SecurityGroup, AWS::EC2::Volume, AWS::RDS::DBInstance, "
                            + "AWS::CloudTrail::Trail, AWS::KMS::Key", true, "separated by commas"),
            setting("roleArns", "Role ARNs to assume", "", false,
                    "one role per account, separated by commas (arn:aws:iam::111122223333:role/AssayerReadOnly); "
                            + "empty = read the account of the access key"),
            setting("externalId", "External ID", "", false, "the sts:ExternalId the roles' trust policy requires"),
            setting("iamEndpoint", "IAM endpoint", "", false, "empty = the partition's public endpoint"),
            setting("configEndpoint", "AWS Config endpoint", "", false,
                    "empty = https://config.{region}.amazonaws.com ({region} is replaced)"),
            setting("stsEndpoint", "STS endpoint", "", false,
                    "empty = https://sts.{region}.amazonaws.com of the first region"),
            secret("accessKeyId", "Access key ID", true,
                    "of an IAM user with the read-only policy (or allowed only to assume the roles)"),
            secret("secretAccessKey", "Secret access key", true, null),
            secret("sessionToken", "Session token", false, "only for temporary credentials")),
            List.of("aws-iam-credential-report", "aws-config-items")),
    OKTA("okta", "Okta", "Okta API", List.of(
            setting("orgUrl", "Okta org URL", null, true, "e.g. https://acme.okta.com"),
            setting("systemLogDays", "Days of System Log", "7", true, "1 to 90"),
            secret("apiToken", "API token", true, "created by a Read-only Administrator")),
            List.of("okta-users", "okta-system-log"));

    private final String id;
    private final String label;
    private final String sourceSystem;
    private final List<CollectorField> fields;
    private final List<String> formats;

    CollectorKind(String id, String label, String sourceSystem, List<CollectorField> fields, List<String> formats) {
        this.id = id;
        this.label = label;
        this.sourceSystem = sourceSystem;
        this.fields = fields;
        this.formats = formats;
    }

    private static CollectorField setting(String name, String label, String def, boolean required, String help) {
        return new CollectorField(name, label, def, required, false, help);
    }

    private static CollectorField secret(String name, String label, boolean required, String help) {
        return new CollectorField(name, label, null, required, true, help);
    }

    /** "github", "aws", "okta": how the API and the UI name it. */
    @JsonValue
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The source system recorded in the provenance of the evidence a collection stores. */
    public String sourceSystem() {
        return sourceSystem;
    }

    public List<CollectorField> settings() {
        return fields.stream().filter(f -> !f.secret()).toList();
    }

    public List<CollectorField> secrets() {
        return fields.stream().filter(CollectorField::secret).toList();
    }

    /** The import formats of the documents a collection produces, in import order. */
    public List<String> formats() {
        return formats;
    }

    /** Parses "github", "GITHUB", " Okta "; anything else → 400 naming {@code field}. */
    public static CollectorKind parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalidField(field, "is required (one of " + names() + ")");
        }
        String norm = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(norm)).findFirst().orElseThrow(() ->
                ApiProblem.invalidField(field, "'" + text + "' is not a collector kind (one of " + names() + ")"));
    }

    private static String names() {
        return Arrays.stream(values()).map(CollectorKind::id).collect(Collectors.joining(", "));
    }
}
