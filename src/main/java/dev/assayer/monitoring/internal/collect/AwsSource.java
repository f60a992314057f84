package dev.assayer.monitoring.internal.collect;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads, for one AWS account or for each account whose role it assumes, the IAM credential report
 * (GenerateCredentialReport until COMPLETE, then GetCredentialReport, Base64 CSV) — IAM is global, so
 * once per account — and the AWS Config configuration items of the configured resource types in
 * every configured region (ListDiscoveredResources, then BatchGetResourceConfig in batches of 100;
 * global types such as AWS::IAM::* only in the first region). With role ARNs, the collector's own
 * credentials only call sts:AssumeRole (with the external id, when set) and every other request is
 * signed with the role's temporary credentials, renewed before they expire. Every request is signed
 * with Signature Version 4; every action only reads. Writes, per account, an aws-iam-credential-report
 * CSV and an aws-config-items document ({"configurationItems": […]}, in the spelling of the files AWS
 * Config delivers: ARN, awsAccountId, ISO-8601 times, configuration as an object).
 */
final class AwsSource implements Source {

    static final String IAM_VERSION = "2010-05-08";
    static final String STS_VERSION = "2011-06-15";
    private static final int REPORT_POLLS = 10;
    private static final Duration ROLE_SESSION = Duration.ofHours(1);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled", "RequestThrottledException",
            "SlowDown", "PriorRequestNotComplete");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** AWS throttling (HTTP 400/429/503 with a throttling error code): waited out with the doubling backoff. */
    static final HttpFetcher.RateLimits LIMITS = new HttpFetcher.RateLimits() {
        @Override
        public boolean throttled(HttpFetcher.Reply reply) {
            return (reply.status() == 400 || reply.status() == 429 || reply.status() == 503)
                    && THROTTLING.contains(errorCode(reply));
        }

        @Override
        public Optional<java.time.Duration> retryAfter(HttpFetcher.Reply reply, Instant now) {
            return Optional.empty();
        }

        @Override
        public String spent(HttpFetcher.Reply reply, HttpFetcher.Budget budget) {
            return "AWS throttled the request (" + (reply == null ? "throttling" : errorCode(reply)) + ")";
        }
    };

    /** One account to read: the collector's own (no role) or the one a role belongs to. */
    private final class Account {
        final String roleArn;
        final String id;
        AwsSigV4.Credentials credentials;
        Instant expires;

        Account(String roleArn) {
            this.roleArn = roleArn;
            this.id = roleArn == null ? null : roleArn.split(":")[4];
        }

        AwsSigV4.Credentials credentials() {
            if (roleArn == null) {
                return base;
            }
            if (credentials == null || expires == null || !http.now().isBefore(expires.minus(RENEW_BEFORE))) {
                assume(this);
            }
            return credentials;
        }

        String label() {
            return id == null ? "" : "account " + id + ": ";
        }
    }

    private final String name;
    private final List<String> regions;
    private final List<String> resourceTypes;
    private final List<String> roleArns;
    private final String externalId;
    private final URI iam;
    private final String iamRegion;
    private final String configEndpoint;
    private final String stsEndpoint;
    private final AwsSigV4.Credentials base;
    private final HttpFetcher http;
    private final JsonMapper json;
    private final CollectionProgress progress;

    AwsSource(String name, CollectorSettings settings, AwsSigV4.Credentials credentials, HttpFetcher http,
            JsonMapper json) {
        this.name = name;
        this.regions = CollectorRules.list(settings.get("regions") != null ? settings.get("regions")
                : settings.get("region"));
        if (regions.isEmpty()) {
            throw http.fail("no region is configured");
        }
        this.resourceTypes = CollectorRules.resourceTypes(settings.get("resourceTypes"));
        this.roleArns = CollectorRules.list(settings.get("roleArns"));
        this.externalId = settings.get("externalId");
        String first = regions.getFirst();
        String partitionIam;
        if (first.startsWith("cn-")) {
            partitionIam = "https://iam.cn-north-1.amazonaws.com.cn";
            iamRegion = "cn-north-1";
        } else if (first.startsWith("us-gov-")) {
            partitionIam = "https://iam.us-gov.amazonaws.com";
            iamRegion = "us-gov-west-1";
        } else {
            partitionIam = "https://iam.amazonaws.com";
            iamRegion = "us-east-1";
        }
        this.iam = URI.create((settings.get("iamEndpoint") != null ? settings.get("iamEndpoint") : partitionIam) + "/");
        this.configEndpoint = settings.get("configEndpoint") != null ? settings.get("configEndpoint")
                : "https://config.{region}.amazonaws.com";
        this.stsEndpoint = settings.get("stsEndpoint") != null ? settings.get("stsEndpoint")
                : "https://sts.{region}.amazonaws.com";
        this.base = credentials;
        this.http = http;
        this.json = json;
        this.progress = http.progress();
    }

    @Override
    public List<CollectedDocument> collect(Path dir) {
        List<CollectedDocument> docs = new ArrayList<>();
        List<Account> accounts = roleArns.isEmpty() ? List.of(new Account(null))
                : roleArns.stream().map(Account::new).toList();
        for (Account account : accounts) {
            String prefix = name + (account.id == null ? "" : "-" + account.id);
            progress.phase(account.label() + "IAM credential report");
            Path report = dir.resolve(prefix + "-aws-iam-credential-report.csv");
            long users = credentialReport(account, report);
            progress.items(users);
            Path items = dir.resolve(prefix + "-aws-config-items.json");
            long count;
            try (JsonFile out = JsonFile.wrappedArray(items, json, "configurationItems")) {
                for (String region : regions) {
                    for (String type : resourceTypes) {
                        if (global(type) && !region.equals(regions.getFirst())) {
                            continue; // global resources: read once, in the first region
                        }
                        progress.phase(account.label() + "AWS Config " + type + " in " + region);
                        configurationItems(account, region, type, out);
                    }
                }
                count = out.count();
            }
            docs.add(new CollectedDocument("aws-iam-credential-report", report.getFileName().toString(), report, users,
                    account.id));
            docs.add(new CollectedDocument("aws-config-items", items.getFileName().toString(), items, count, account.id));
        }
        return docs;
    }

    static boolean global(String resourceType) {
        return resourceType.startsWith("AWS::IAM::");
    }

    // ---- STS AssumeRole -----------------------------------------------------------------------

    private void assume(Account account) {
        String region = regions.getFirst();
        URI sts = URI.create(endpoint(stsEndpoint, region) + "/");
        StringBuilder form = new StringBuilder("Action=AssumeRole&Version=").append(STS_VERSION)
                .append("&RoleArn=").append(ApiSupport.enc(account.roleArn))
                .append("&RoleSessionName=").append(ApiSupport.enc(sessionName()))
                .append("&DurationSeconds=").append(ROLE_SESSION.toSeconds());
        if (externalId != null) {
            form.append("&ExternalId=").append(ApiSupport.enc(externalId));
        }
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        progress.phase(account.label() + "assuming " + account.roleArn);
        HttpFetcher.Reply r = http.send(() -> signed(sts, Map.of("Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8"), body, region, "sts", base));
        if (!r.ok()) {
            String[] err = xmlError(r);
            String hint = err[0].contains("AccessDenied")
                    ? "The role's trust policy must allow sts:AssumeRole by the collector's credentials"
                            + (externalId == null ? "" : " with this external id")
                            + ", and their policy must allow sts:AssumeRole on " + account.roleArn
                            + " (see docs/monitoring-collectors.md)"
                    : hint(err[0], "sts:AssumeRole");
            throw http.unexpected(r, err[0].isEmpty() ? "AssumeRole " + account.roleArn
                    : "AssumeRole " + account.roleArn + " " + err[0] + ": " + err[1], hint);
        }
        Document d = xml(r);
        String keyId = first(d, "AccessKeyId");
        String secret = first(d, "SecretAccessKey");
        String token = first(d, "SessionToken");
        http.redactor().add(secret);
        http.redactor().add(token);
        if (keyId.isEmpty() || secret.isEmpty() || token.isEmpty()) {
            throw http.fail("AssumeRole " + account.roleArn + " answered without credentials");
        }
        account.credentials = new AwsSigV4.Credentials(keyId, secret, token);
        String expiration = first(d, "Expiration");
        try {
            account.expires = OffsetDateTime.parse(expiration).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            account.expires = http.now().plus(ROLE_SESSION);
        }
    }

    private String sessionName() {
        String s = "assayer-" + name;
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

        // ---- IAM credential report ---------------------------------------------------------------

    private long credentialReport(Account account, Path file) {
        String state = "";
        for (int poll = 1; poll <= REPORT_POLLS; poll++) {
            state = text(iam(account, "GenerateCredentialReport"), "State");
            if ("COMPLETE".equals(state)) {
                break;
            }
            http.waitBeforeAttempt(poll, "IAM to finish the credential report");
        }
        if (!"COMPLETE".equals(state)) {
            throw http.fail("IAM did not finish the credential report after " + REPORT_POLLS + " checks (state "
                    + state + "); try again in a minute");
        }
        Document got = iam(account, "GetCredentialReport");
        String content = text(got, "Content").replaceAll("\\s+", "");
        byte[] csv;
        try {
            csv = Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw http.fail("GetCredentialReport answered a Content that is not Base64");
        }
        try {
            Files.write(file, csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String s = new String(csv, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? 0 : s.split("\r?\n").length - 1L;
    }

    private Document iam(Account account, String action) {
        byte[] body = ("Action=" + action + "&Version=" + IAM_VERSION).getBytes(StandardCharsets.UTF_8);
        AwsSigV4.Credentials credentials = account.credentials();
        HttpFetcher.Reply r = http.send(() -> signed(iam, Map.of("Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8"), body, iamRegion, "iam", credentials));
        if (!r.ok()) {
            String[] err = xmlError(r);
            throw http.unexpected(r, err[0].isEmpty() ? null : account.label() + err[0] + ": " + err[1], hint(err[0],
                    "iam:GenerateCredentialReport and iam:GetCredentialReport"));
        }
        return xml(r);
    }

    // ---- AWS Config --------------------------------------------------------------------------

    private void configurationItems(Account account, String region, String type, JsonFile out) {
        List<ObjectNode> keys = new ArrayList<>();
        String token = null;
        for (int page = 0; page < ApiSupport.MAX_PAGES; page++) {
            ObjectNode req = json.createObjectNode().put("resourceType", type).put("limit", 100);
            if (token != null) {
                req.put("nextToken", token);
            }
            JsonNode res = config(account, region, "ListDiscoveredResources", req);
            for (JsonNode id : res.path("resourceIdentifiers")) {
                keys.add(json.createObjectNode().put("resourceType", id.path("resourceType").asString(type))
                        .put("resourceId", id.path("resourceId").asString()));
            }
            token = res.path("nextToken").asString(null);
            if (token == null || token.isEmpty()) {
                break;
            }
        }
        for (int from = 0; from < keys.size(); from += 100) {
            List<ObjectNode> pending = keys.subList(from, Math.min(keys.size(), from + 100));
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > 5) {
                    throw http.fail(account.label() + "AWS Config in " + region + " left " + pending.size()
                            + " resources of type " + type + " unprocessed after 5 BatchGetResourceConfig calls; "
                            + "try again later");
                }
                ArrayNode keyArray = json.createArrayNode();
                pending.forEach(keyArray::add);
                JsonNode res = config(account, region, "BatchGetResourceConfig",
                        json.createObjectNode().set("resourceKeys", keyArray));
                for (JsonNode item : res.path("baseConfigurationItems")) {
                    out.add(item(item));
                    progress.items(1);
                }
                List<ObjectNode> left = new ArrayList<>();
                for (JsonNode k : res.path("unprocessedResourceKeys")) {
                    if (k instanceof ObjectNode o) {
                        left.add(o);
                    }
                }
                if (!left.isEmpty()) {
                    http.waitBeforeAttempt(round, "AWS Config to process the remaining resources");
                }
                pending = left;
            }
        }
    }

    private JsonNode config(Account account, String region, String operation, ObjectNode request) {
        byte[] body = json.writeValueAsBytes(request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "StarlingDoveService." + operation);
        URI config = URI.create(endpoint(configEndpoint, region) + "/");
        AwsSigV4.Credentials credentials = account.credentials();
        HttpFetcher.Reply r = http.send(() -> signed(config, headers, body, region, "config", credentials));
        if (!r.ok()) {
            String type = jsonErrorType(r);
            String message = ApiSupport.apiMessage(json, r);
            throw http.unexpected(r, account.label() + operation + (type.isEmpty() ? "" : " " + type)
                    + (message == null ? "" : ": " + message),
                    hint(type, "config:ListDiscoveredResources and config:BatchGetResourceConfig"));
        }
        return ApiSupport.parse(http, json, r);
    }

    /** A BaseConfigurationItem of the API in the spelling of AWS Config's delivered files. */
    ObjectNode item(JsonNode in) {
        ObjectNode o = json.createObjectNode();
        copy(in, "version", o, "configurationItemVersion");
        copy(in, "accountId", o, "awsAccountId");
        o.put("configurationItemCaptureTime", iso(in.path("configurationItemCaptureTime")));
        copy(in, "configurationItemStatus", o, "configurationItemStatus");
        copy(in, "configurationStateId", o, "configurationStateId");
        copy(in, "arn", o, "ARN");
        copy(in, "resourceType", o, "resourceType");
        copy(in, "resourceId", o, "resourceId");
        copy(in, "resourceName", o, "resourceName");
        copy(in, "awsRegion", o, "awsRegion");
        copy(in, "availabilityZone", o, "availabilityZone");
        if (!in.path("resourceCreationTime").isMissingNode() && !in.path("resourceCreationTime").isNull()) {
            o.put("resourceCreationTime", iso(in.path("resourceCreationTime")));
        }
        o.set("configuration", embedded(in.path("configuration")));
        ObjectNode supplementary = json.createObjectNode();
        in.path("supplementaryConfiguration").properties().forEach(e -> supplementary.set(e.getKey(), embedded(e.getValue())));
        o.set("supplementaryConfiguration", supplementary);
        return o;
    }

    private JsonNode embedded(JsonNode value) {
        if (value.isString()) {
            String s = value.asString().strip();
            if (s.startsWith("{") || s.startsWith("[")) {
                try {
                    return json.readTree(s);
                } catch (JacksonException e) {
                    return value;
                }
            }
        }
        return value.isMissingNode() ? json.nullNode() : value;
    }

    private static void copy(JsonNode in, String from, ObjectNode out, String to) {
        JsonNode v = in.path(from);
        if (!v.isMissingNode() && !v.isNull()) {
            out.set(to, v);
        }
    }

    /** Epoch seconds (the JSON 1.1 protocol's timestamps, possibly fractional) or ISO text → ISO-8601. */
    static String iso(JsonNode v) {
        if (v.isNumber()) {
            double seconds = v.asDouble();
            return Instant.ofEpochMilli(Math.round(seconds * 1000)).toString();
        }
        if (v.isString()) {
            try {
                return OffsetDateTime.parse(v.asString()).toInstant().toString();
            } catch (java.time.format.DateTimeParseException e) {
                return v.asString();
            }
        }
        return null;
    }

    // ---- signing, errors ----------------------------------------------------------------------

    /** The endpoint for {@code region}: {region} replaced, ".cn" added for the China partition's defaults. */
    private static String endpoint(String template, String region) {
        String url = template.replace("{region}", region);
        return region.startsWith("cn-") && url.endsWith(".amazonaws.com") ? url + ".cn" : url;
    }

    private HttpRequest signed(URI uri, Map<String, String> headers, byte[] body, String signingRegion, String service,
            AwsSigV4.Credentials credentials) {
        AwsSigV4.Signed s = AwsSigV4.sign("POST", uri, headers, body, signingRegion, service, credentials, http.now());
        HttpRequest.Builder b = http.request(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("User-Agent", "Assayer-collector");
        s.headers().forEach(b::header);
        return b.build();
    }

    private static String hint(String code, String actions) {
        if (code.contains("InvalidClientTokenId") || code.contains("UnrecognizedClient")
                || code.contains("SignatureDoesNotMatch") || code.contains("InvalidSignature")
                || code.contains("ExpiredToken") || code.contains("IncompleteSignature")) {
            return "The access key is invalid, expired, or does not match the secret: set the credentials again";
        }
        if (code.contains("AccessDenied") || code.contains("UnauthorizedOperation")) {
            return "The IAM policy of these credentials must allow " + actions
                    + " (see docs/monitoring-collectors.md)";
        }
        return null;
    }

    /** The AWS error code of an answer: JSON "__type" (without its namespace), x-amzn-ErrorType, or XML Code. */
    static String errorCode(HttpFetcher.Reply r) {
        String type = jsonErrorType(r);
        if (type.isEmpty()) {
            type = xmlError(r)[0];
        }
        int colon = type.indexOf(':');
        return colon > 0 ? type.substring(0, colon) : type;
    }

    private static String jsonErrorType(HttpFetcher.Reply r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            String type = body.path("__type").asString("");
            return type.contains("#") ? type.substring(type.indexOf('#') + 1) : type;
        } catch (JacksonException | IllegalArgumentException e) {
            return r.header("x-amzn-ErrorType").orElse("");
        }
    }

    /** [code, message] of an IAM XML error, empty strings when absent. */
    private static String[] xmlError(HttpFetcher.Reply r) {
        try {
            Document d = parseXml(r.body());
            return new String[] {first(d, "Code"), first(d, "Message")};
        } catch (Exception e) {
            return new String[] {"", ""};
        }
    }

    private Document xml(HttpFetcher.Reply r) {
        try {
            return parseXml(r.body());
        } catch (Exception e) {
            throw http.fail(r.method() + " " + r.uri().getPath() + " answered HTTP " + r.status()
                    + " with a body that is not XML");
        }
    }

    private String text(Document d, String tag) {
        String v = first(d, tag);
        if (v.isEmpty()) {
            throw http.fail("the IAM answer has no <" + tag + ">");
        }
        return v;
    }

    private static String first(Document d, String tag) {
        NodeList nodes = d.getElementsByTagNameNS("*", tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    private static Document parseXml(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(body));
    }
}
