package dev.assayer.monitoring.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every known format, and detection: the highest-confidence format wins. */
public final class ResourceFormats {

    private static final List<ResourceFormat> ALL;

    static {
        List<ResourceFormat> all = new ArrayList<>(CloudFormats.all());
        all.addAll(PlatformFormats.all());
        ALL = List.copyOf(all);
    }

    private ResourceFormats() {
    }

    public static List<ResourceFormat> all() {
        return ALL;
    }

    public static Optional<ResourceFormat> named(String name) {
        return ALL.stream().filter(f -> f.name().equalsIgnoreCase(name == null ? "" : name.trim())).findFirst();
    }

    /** The best match for the file, or an {@link InputProblem} listing the known formats. */
    public static ResourceFormat detect(String filename, byte[] head) {
        return ALL.stream().filter(f -> f.detect(filename, head) > 0)
                .max(Comparator.comparingInt(f -> f.detect(filename, head)))
                .orElseThrow(() -> new InputProblem(filename, 0, 0, "format not recognised; name it (--format) as one of: "
                        + ALL.stream().map(ResourceFormat::name).collect(Collectors.joining(", "))));
    }
}
