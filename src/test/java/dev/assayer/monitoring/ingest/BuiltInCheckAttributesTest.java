package dev.assayer.monitoring.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.checks.Check;
import dev.assayer.monitoring.checks.CheckPack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every attribute a built-in check reads ({@code resource.x} or {@code resource.x.y} in its where or
 * expect) is produced by at least one importer fixture of a resource type the check selects. A check
 * that names an attribute no importer writes would pass or skip silently on real data, as a check on
 * the wrong KMS rotation attribute would.
 */
class BuiltInCheckAttributesTest {

    private static final Pattern ATTRIBUTE = Pattern.compile("\\bresource((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)(\\s*\\()?");
    private static final Instant IMPORTED = Instant.parse("2026-10-08T12:00:00Z");

    /** type → resources read from every fixture a format recognises and reads without a problem. */
    private static Map<String, List<Map<String, Object>>> fixtureResources() throws IOException, URISyntaxException {
        Path root = Path.of(Objects.requireNonNull(BuiltInCheckAttributesTest.class.getResource("/monitoring/formats")).toURI());
        Map<String, List<Map<String, Object>>> byType = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            ResourceFormat format;
            try {
                format = ResourceFormats.detect(name, Arrays.copyOf(content, Math.min(content.length, 64 * 1024)));
            } catch (InputProblem notRecognised) {
                continue;
            }
            if (format.name().startsWith("generic-")) {
                continue; // needs a mapping; produces whatever type it is told
            }
            List<Resource> read = new ArrayList<>();
            try {
                format.read(name, new ByteArrayInputStream(content), FormatOptions.at(IMPORTED), read::add);
            } catch (InputProblem deliberatelyBroken) {
                continue; // truncated and mislabeled fixtures
            }
            read.forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r.attributes()));
        }
        return byType;
    }

    /** The attribute paths an expression reads: "resource.a.b.all(" → "a.b"; "resource.name.startsWith(" → "name". */
    static Set<String> paths(String expression) {
        Set<String> out = new LinkedHashSet<>();
        if (expression == null) {
            return out;
        }
        Matcher m = ATTRIBUTE.matcher(expression);
        while (m.find()) {
            List<String> parts = new ArrayList<>(List.of(m.group(1).substring(1).split("\\.")));
            if (m.group(2) != null) {
                parts.removeLast(); // a method call, not an attribute
            }
            if (!parts.isEmpty()) {
                out.add(String.join(".", parts));
            }
        }
        return out;
    }

    /** Whether the path exists in the attributes; a list on the way counts (its elements are checked by the check). */
    @SuppressWarnings("unchecked")
    static boolean has(Map<String, Object> attributes, String path) {
        Object current = attributes;
        for (String part : path.split("\\.")) {
            if (current instanceof List<?>) {
                return true;
            }
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return false;
            }
            current = ((Map<String, Object>) m).get(part);
        }
        return true;
    }

    private static boolean selects(String selector, String type) {
        if (selector.indexOf('*') < 0) {
            return selector.equals(type);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : selector.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return type.matches(regex.toString());
    }

    @Test
    void pathsAreReadFromExpressions() {
        assertThat(paths("has(resource.after.rule) && resource.after.rule.all(r, has(r.x)) && "
                + "!resource.name.startsWith('system:') && resource.containers.all(c, c.privileged == false)"))
                .containsExactly("after.rule", "name", "containers");
        assertThat(has(Map.of("a", Map.of("b", List.of())), "a.b.c")).isTrue();
        assertThat(has(Map.of("a", Map.of("b", 1L)), "a.c")).isFalse();
    }

    @Test
    void everyAttributeABuiltInCheckReadsComesOutOfSomeImporterFixture() throws Exception {
        Map<String, List<Map<String, Object>>> byType = fixtureResources();
        Set<String> missing = new TreeSet<>();
        for (Check check : CheckPack.builtIn().checks()) {
            List<Map<String, Object>> candidates = byType.entrySet().stream()
                    .filter(e -> selects(check.resourceType(), e.getKey()))
                    .flatMap(e -> e.getValue().stream()).toList();
            if (candidates.isEmpty()) {
                missing.add(check.id() + ": no fixture produces a resource of type " + check.resourceType());
                continue;
            }
            Set<String> read = paths(check.where());
            read.addAll(paths(check.expect()));
            for (String path : read) {
                if (candidates.stream().noneMatch(attributes -> has(attributes, path))) {
                    missing.add(check.id() + ": resource." + path + " is produced by no " + check.resourceType()
                            + " fixture");
                }
            }
        }
        assertThat(missing).as("check attributes no importer fixture produces").isEmpty();
    }
}
