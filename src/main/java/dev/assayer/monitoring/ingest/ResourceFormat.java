package dev.assayer.monitoring.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** One input format (e.g. "prowler-ocsf", "aws-iam-credential-report", "k8s-yaml"). */
public interface ResourceFormat {

    /** Stable name used with --format and in the API, lower-case with dashes. */
    String name();

    /** One line for humans: what the format is and where it comes from. */
    String description();

    /**
     * How sure this format is that {@code head} (the first bytes of the file, at most 64 KiB, BOM
     * included) is its own: 0 = not mine, 100 = certain. Must not throw on any input.
     */
    int detect(String filename, byte[] head);

    /**
     * Streams the file, handing each resource to {@code sink} as it is read (never holding the
     * whole file). Throws {@link InputProblem} naming {@code filename} and the position on bad input.
     */
    void read(String filename, InputStream in, FormatOptions options, Consumer<Resource> sink) throws IOException;
}
