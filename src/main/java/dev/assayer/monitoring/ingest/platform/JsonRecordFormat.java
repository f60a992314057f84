package dev.assayer.monitoring.ingest.platform;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A format whose file is a JSON array of API objects (or several arrays back to back, or one object
 * per line), each object becoming one resource. The array is streamed: one object in memory at a time.
 */
abstract class JsonRecordFormat implements ResourceFormat {

    @Override
    public final int detect(String filename, byte[] head) {
        try {
            return detect(Head.of(filename, head));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    abstract int detect(Head head);

    /** What one record is, for messages ("a repository object"). */
    abstract String recordName();

    abstract Resource toResource(String filename, Json.Rec rec, Instant importedAt);

    @Override
    public void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException {
        Instant at = Json.importedAt(options);
        Json.records(filename, in, recordName(), rec -> sink.accept(toResource(filename, rec, at)));
    }

    String source(String filename) {
        return name() + ":" + filename;
    }

    /** A required text field, or a problem naming the record's position and the field. */
    static String required(String filename, Json.Rec rec, String field, String what) {
        String v = Json.text(rec.node(), field);
        if (v == null || v.isBlank()) {
            throw Json.at(filename, rec, what + " has no " + field);
        }
        return v;
    }
}
