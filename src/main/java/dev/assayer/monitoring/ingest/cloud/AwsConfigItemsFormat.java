package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * AWS Config configuration items: a single ConfigurationItem object, a change notification
 * ({"configurationItem": …}), a {"configurationItems": […]} document (get-resource-config-history,
 * the configuration history file delivered to S3) or {"baseConfigurationItems": […]}
 * (batch-get-resource-config), or a bare array of items. One resource per item.
 */
public final class AwsConfigItemsFormat implements ResourceFormat {

    static final String NAME = "aws-config-items";

    public AwsConfigItemsFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "AWS Config configuration items (history file, get-resource-config-history, batch-get, one item)";
    }

    @Override
    public int detect(String filename, byte[] head) {
        Head h = Head.of(filename, head);
        if (!h.json() || h.hasKey("configSnapshotId")) {
            return 0;
        }
        boolean items = h.hasKey("configurationItems") || h.hasKey("baseConfigurationItems")
                || h.hasKey("configurationItem");
        boolean item = h.hasKey("configurationItemCaptureTime") || h.hasKey("configurationItemStatus");
        if (items && item) {
            return 92;
        }
        if (item && h.hasKey("resourceType")) {
            return 90;
        }
        if (items) {
            return 70;
        }
        return 0;
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        String source = NAME + ":" + filename;
        JsonCursor.read(filename, in, json -> {
            JsonToken t = json.first("AWS Config configuration items");
            if (t == JsonToken.START_ARRAY) {
                json.elements("configuration items", () -> item(json, source, options, sink));
                json.expectEnd();
                return;
            }
            if (t != JsonToken.START_OBJECT) {
                throw json.problem("not AWS Config output: expected a JSON object or array, found " + JsonCursor.describe(t));
            }
            TokenStreamLocation start = json.location();
            Map<String, Object> top = new LinkedHashMap<>();
            boolean[] listed = {false};
            json.properties("AWS Config output", key -> {
                switch (key) {
                    case "configurationItems", "baseConfigurationItems" -> {
                        listed[0] = true;
                        json.elements(key, () -> item(json, source, options, sink));
                    }
                    case "configurationItem" -> {
                        if (json.current() == JsonToken.START_OBJECT) {
                            listed[0] = true;
                            item(json, source, options, sink);
                        } else {
                            json.skip();
                        }
                    }
                    default -> top.put(key, json.value());
                }
            });
            json.expectEnd();
            if (!listed[0]) {
                if (!top.containsKey("resourceType")) {
                    throw json.problemAt(start, "not AWS Config output: no configurationItems array and no resourceType");
                }
                sink.accept(AwsConfigItems.resource(json, start, top, source, options));
            }
        });
    }

    static void item(JsonCursor json, String source, FormatOptions options, Consumer<Resource> sink) {
        TokenStreamLocation at = json.location();
        Map<String, Object> item = json.object("a configuration item");
        sink.accept(AwsConfigItems.resource(json, at, item, source, options));
    }
}
