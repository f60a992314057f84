package dev.assayer.monitoring.ingest.cloud;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import tools.jackson.core.JsonToken;

/**
 * The AWS Config configuration snapshot file delivered to S3 ({"fileVersion", "configSnapshotId",
 * "configurationItems": […]}). Streams the items one at a time; never loads the whole array.
 */
public final class AwsConfigSnapshotFormat implements ResourceFormat {

    static final String NAME = "aws-config-snapshot";

    public AwsConfigSnapshotFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "AWS Config configuration snapshot file (delivered to S3)";
    }

    @Override
    public int detect(String filename, byte[] head) {
        Head h = Head.of(filename, head);
        if (h.firstChar() != '{' || !h.hasKey("configSnapshotId")) {
            return 0;
        }
        return h.hasKey("configurationItems") || h.hasKey("fileVersion") ? 96 : 85;
    }

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        String source = NAME + ":" + filename;
        JsonCursor.read(filename, in, json -> {
            JsonToken t = json.first("an AWS Config snapshot");
            if (t != JsonToken.START_OBJECT) {
                throw json.problem("not an AWS Config snapshot: expected a JSON object, found " + JsonCursor.describe(t));
            }
            var start = json.location();
            boolean[] items = {false};
            json.properties("an AWS Config snapshot", key -> {
                if (key.equals("configurationItems")) {
                    items[0] = true;
                    json.elements("configurationItems", () -> AwsConfigItemsFormat.item(json, source, options, sink));
                } else {
                    json.skip();
                }
            });
            json.expectEnd();
            if (!items[0]) {
                throw json.problemAt(start, "not an AWS Config snapshot: no configurationItems array");
            }
        });
    }
}
