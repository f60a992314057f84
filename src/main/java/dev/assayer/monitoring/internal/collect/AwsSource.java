package dev.assayer.monitoring.internal.collect;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Reads the IAM credential report (GenerateCredentialReport until COMPLETE, then GetCredentialReport,
 * Base64 CSV) and the AWS Config configuration items of the configured resource types
 * (ListDiscoveredResources, then BatchGetResourceConfig in batches of 100). Every request is signed
 * with Signature Version 4; every action only reads. Writes the aws-iam-credential-report CSV and an
 * aws-config-items document ({"configurationItems": […]}, in the spelling of the files AWS Config
 * delivers: ARN, awsAccountId, ISO-8601 times, configuration as an object).
 */
final class AwsSource implements Source {

    static final String IAM_VERSION = "2010-05-08";
    private static final int REPORT_POLLS = 10;

    private final String name;
    private final String region;
    private final List<String> resourceTypes;
    private final URI iam;
    private final String iamRegion;
    private final URI config;
    private final AwsSigV4.Credentials credentials;
    private final HttpFetcher http;
    private final JsonMapper json;

    AwsSource(String name, CollectorSettings settings, AwsSigV4.Credentials credentials, HttpFetcher http,
            JsonMapper json) {
        this.name = name;
        this.region = settings.get("region");
        this.resourceTypes = CollectorRules.resourceTypes(settings.get("resourceTypes"));
        String partitionIam;
        if (region.startsWith("cn-")) {
            partitionIam = "https://iam.cn-north-1.amazonaws.com.cn";
            iamRegion = "cn-north-1";
        } else if (region.startsWith("us-gov-")) {
            partitionIam = "https://iam.us-gov.amazonaws.com";
            iamRegion = "us-gov-west-1";
        } else {
            partitionIam = "https://iam.amazonaws.com";
            iamRegion = "us-east-1";
        }
        this.iam = URI.create((settings.get("iamEndpoint") != null ? settings.get("iamEndpoint") : partitionIam) + "/");
        this.config = URI.create((settings.get("configEndpoint") != null ? settings.get("configEndpoint")
                : "https://config." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "")) + "/");
        this.credentials = credentials;
        this.http = http;
        this.json = json;
    }

    @Override
    public List<CollectedDocument> collect(Path dir) {
        Path report = dir.resolve(name + "-aws-iam-credential-report.csv");
        long users = credentialReport(report);
        Path items = dir.resolve(name + "-aws-config-items.json");
        long count;
        try (JsonFile out = JsonFile.wrappedArray(items, json, "configurationItems")) {
            for (String type : resourceTypes) {
                configurationItems(type, out);
            }
            count = out.count();
        }
        return List.of(new CollectedDocument("aws-iam-credential-report", report.getFileName().toString(), report, users),
                new CollectedDocument("aws-config-items", items.getFileName().toString(), items, count));
    }

    // ---- IAM credential report ---------------------------------------------------------------

    private long credentialReport(Path file) {
        String state = "";
        for (int poll = 1; poll <= REPORT_POLLS; poll++) {
            state = text(iam("GenerateCredentialReport"), "State");
            if ("COMPLETE".equals(state)) {
                break;
            }
            http.waitBeforeAttempt(poll);
        }
        if (!"COMPLETE".equals(state)) {
            throw http.fail("IAM did not finish the credential report after " + REPORT_POLLS + " checks (state "
                    + state + "); try again in a minute");
        }
        Document got = iam("GetCredentialReport");
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

    private Document iam(String action) {
        byte[] body = ("Action=" + action + "&Version=" + IAM_VERSION).getBytes(StandardCharsets.UTF_8);
        HttpFetcher.Reply r = http.send(() -> signed(iam, Map.of("Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8"), body, iamRegion, "iam"),
                rr -> rr.status() == 400 && xmlError(rr)[0].contains("Throttling"));
        if (!r.ok()) {
            String[] err = xmlError(r);
            throw http.unexpected(r, err[0].isEmpty() ? null : err[0] + ": " + err[1], hint(err[0],
                    "iam:GenerateCredentialReport and iam:GetCredentialReport"));
        }
        return xml(r);
    }

    // ---- AWS Config --------------------------------------------------------------------------

    private void configurationItems(String type, JsonFile out) {
        List<ObjectNode> keys = new ArrayList<>();
        String token = null;
        for (int page = 0; page < ApiSupport.MAX_PAGES; page++) {
            ObjectNode req = json.createObjectNode().put("resourceType", type).put("limit", 100);
            if (token != null) {
                req.put("nextToken", token);
            }
            JsonNode res = config("ListDiscoveredResources", req);
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
                    throw http.fail("AWS Config left " + pending.size() + " resources of type " + type
                            + " unprocessed after 5 BatchGetResourceConfig calls; try again later");
                }
                ArrayNode keyArray = json.createArrayNode();
                pending.forEach(keyArray::add);
                JsonNode res = config("BatchGetResourceConfig", json.createObjectNode().set("resourceKeys", keyArray));
                for (JsonNode item : res.path("baseConfigurationItems")) {
                    out.add(item(item));
                }
                List<ObjectNode> left = new ArrayList<>();
                for (JsonNode k : res.path("unprocessedResourceKeys")) {
                    if (k instanceof ObjectNode o) {
                        left.add(o);
                    }
                }
                if (!left.isEmpty()) {
                    http.waitBeforeAttempt(round);
                }
                pending = left;
            }
        }
    }

    private JsonNode config(String operation, ObjectNode request) {
        byte[] body = json.writeValueAsBytes(request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "StarlingDoveService." + operation);
        HttpFetcher.Reply r = http.send(() -> signed(config, headers, body, region, "config"),
                rr -> rr.status() == 400 && jsonErrorType(rr).contains("Throttling"));
        if (!r.ok()) {
            String type = jsonErrorType(r);
            String message = ApiSupport.apiMessage(json, r);
            throw http.unexpected(r, operation + (type.isEmpty() ? "" : " " + type) + (message == null ? "" : ": " + message),
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

    private HttpRequest signed(URI uri, Map<String, String> headers, byte[] body, String signingRegion, String service) {
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

    private String jsonErrorType(HttpFetcher.Reply r) {
        try {
            JsonNode body = json.readTree(r.body());
            String type = body.path("__type").asString("");
            return type.contains("#") ? type.substring(type.indexOf('#') + 1) : type;
        } catch (JacksonException | IllegalArgumentException e) {
            return r.header("x-amzn-ErrorType").orElse("");
        }
    }

    /** [code, message] of an IAM XML error, empty strings when absent. */
    private String[] xmlError(HttpFetcher.Reply r) {
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
