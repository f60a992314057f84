package dev.assayer.control.internal;

import dev.assayer.control.ControlKind;
import dev.assayer.control.Frequency;
import dev.assayer.control.Nature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The starter control library shipped in {@code catalog/starter-controls.yaml}, parsed once. */
public final class StarterLibrary {

    public static final String RESOURCE = "catalog/starter-controls.yaml";

    /** One starter control; {@code ownerRole} is a job title ("Security Lead"), not an Assayer role. */
    public record StarterControl(String ref, String title, String description, Nature nature, ControlKind kind,
            Frequency frequency, boolean keyControl, String ownerRole, List<String> criteria, List<String> objectives,
            String evidence) {
    }

    private static volatile List<StarterControl> cached;

    private StarterLibrary() {
    }

    public static List<StarterControl> controls() {
        List<StarterControl> c = cached;
        if (c == null) {
            try (InputStream in = StarterLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the starter library " + RESOURCE + " is missing from the classpath");
                }
                c = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cached = c;
        }
        return c;
    }

    public static List<StarterControl> parse(InputStream in) {
        JsonNode root = YAMLMapper.builder().build().readTree(in);
        List<StarterControl> out = new ArrayList<>();
        for (JsonNode n : root.path("controls")) {
            out.add(new StarterControl(n.path("ref").asString(), n.path("title").asString(),
                    n.path("description").asString("").strip(),
                    ControlRules.parseEnum(Nature.class, n.path("nature").asString()),
                    ControlRules.parseEnum(ControlKind.class, n.path("kind").asString()),
                    ControlRules.parseEnum(Frequency.class, n.path("frequency").asString()),
                    n.path("keyControl").asBoolean(false), n.path("ownerRole").asString(null), strings(n.path("criteria")),
                    strings(n.path("objectives")), n.path("evidence").asString(null)));
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) {
            out.add(x.asString().strip());
        }
        return List.copyOf(out);
    }

    /** The distinct owner job titles of the library, in first-seen order. */
    public static List<String> ownerRoles() {
        return controls().stream().map(StarterControl::ownerRole).filter(r -> r != null && !r.isBlank()).distinct().toList();
    }
}
