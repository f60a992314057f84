package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.TokenStreamLocation;

/**
 * One AWS Config configuration item → one resource. Understands both spellings: the files AWS
 * Config delivers to S3 (ARN, awsAccountId, configuration as an object) and the API/CLI output
 * (arn, accountId, configuration and supplementary values as JSON text).
 */
final class AwsConfigItems {

    private static final Pattern TYPE = Pattern.compile("AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)");
    private static final Set<String> DELETED = Set.of("ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded");

    private AwsConfigItems() {
    }

    /** "AWS::EC2::SecurityGroup" → "aws.ec2.security_group"; null when not an AWS type. */
    static String type(String awsType) {
        if (awsType == null) {
            return null;
        }
        Matcher m = TYPE.matcher(awsType.strip());
        if (!m.matches()) {
            return null;
        }
        return "aws." + m.group(1).toLowerCase(Locale.ROOT) + "." + Values.snake(m.group(2));
    }

    static Resource resource(JsonCursor json, TokenStreamLocation at, Map<String, Object> item, String source,
            FormatOptions options) {
        String awsType = Values.str(item, "resourceType");
        String type = type(awsType);
        if (type == null) {
            throw json.problemAt(at, awsType == null ? "configuration item has no resourceType (not AWS Config output?)"
                    : "configuration item: resourceType '" + IamCredentialReportFormat.shorten(awsType)
                            + "' is not an AWS type such as AWS::S3::Bucket");
        }
        String arn = first(item, "ARN", "arn");
        String resourceId = Values.str(item, "resourceId");
        String id = arn != null ? arn : resourceId;
        if (id == null) {
            throw json.problemAt(at, "configuration item of type " + awsType + " has neither ARN nor resourceId");
        }
        Object captureRaw = item.get("configurationItemCaptureTime");
        Instant captured = Values.instant(captureRaw);
        if (captureRaw != null && captured == null) {
            throw json.problemAt(at, "configuration item " + id + ": configurationItemCaptureTime '"
                    + IamCredentialReportFormat.shorten(captureRaw.toString()) + "' is not a timestamp");
        }

        Map<String, Object> attrs = new LinkedHashMap<>();
        Object configuration = item.get("configuration");
        if (configuration instanceof String s) {
            Object parsed = JsonCursor.embedded(s);
            configuration = parsed != null ? parsed : s;
        }
        if (configuration instanceof Map<?, ?>) {
            attrs.putAll(Values.map(Values.snakeKeys(configuration)));
        } else if (configuration != null) {
            attrs.put("configuration", configuration);
        }
        Values.map(item.get("supplementaryConfiguration")).forEach((k, v) -> {
            Object parsed = v instanceof String s ? JsonCursor.embedded(s) : null;
            Object value = parsed != null ? parsed : v;
            if (value != null) {
                attrs.put(Values.snake(k), Values.snakeKeys(value));
            }
        });
        // tags: those in the configuration (list or map form) plus the item's own, which win
        Map<String, Object> tags = new LinkedHashMap<>(Values.map(Values.tags(attrs.get("tags"))));
        tags.putAll(Values.map(Values.tags(item.get("tags"))));
        attrs.put("tags", tags);
        keyRotation(attrs);

        attrs.put("arn", arn);
        attrs.put("resource_id", resourceId);
        attrs.put("resource_name", Values.str(item, "resourceName"));
        attrs.put("aws_resource_type", awsType);
        attrs.put("account_id", first(item, "awsAccountId", "accountId"));
        attrs.put("region", Values.str(item, "awsRegion"));
        Values.putIfPresent(attrs, "availability_zone", Values.str(item, "availabilityZone"));
        String status = Values.str(item, "configurationItemStatus");
        attrs.put("configuration_item_status", status);
        attrs.put("deleted", status != null && DELETED.contains(status));
        attrs.put("resource_creation_time", Values.iso(item.get("resourceCreationTime")));
        attrs.put("capture_time", captured == null ? null : captured.toString());
        List<Object> relationships = Values.list(Values.snakeKeys(item.get("relationships")));
        attrs.put("relationships", relationships);
        return new Resource(type, id, Values.frozen(attrs), source, captured != null ? captured : options.importedAt());
    }

    /**
     * KMS keys: key_rotation_enabled from the configuration (keyRotationEnabled) or the
     * supplementary KeyRotationStatus (a boolean or an object holding keyRotationEnabled).
     */
    private static void keyRotation(Map<String, Object> attrs) {
        if (attrs.get("key_rotation_enabled") instanceof Boolean) {
            return;
        }
        Object status = attrs.get("key_rotation_status");
        if (status instanceof Boolean b) {
            attrs.put("key_rotation_enabled", b);
        } else if (status instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            attrs.put("key_rotation_enabled", Boolean.valueOf(s.equalsIgnoreCase("true")));
        } else if (Values.map(status).get("key_rotation_enabled") instanceof Boolean b) {
            attrs.put("key_rotation_enabled", b);
        }
    }

    private static String first(Map<String, Object> item, String... keys) {
        for (String k : keys) {
            String v = Values.str(item, k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
