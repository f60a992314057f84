package dev.assayer.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Finds and parses every framework data file on the class path. A later issue adds a framework by
 * adding a file: nothing here needs to change.
 */
public final class FrameworkFiles {

    public static final String LOCATION = "classpath*:catalog/frameworks/*.yaml";

    private FrameworkFiles() {
    }

    public static List<FrameworkDefinition> load(ClassLoader classLoader) {
        ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        Resource[] resources;
        try {
            resources = resolver.getResources(LOCATION);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the framework files (" + LOCATION + ")", e);
        }
        FrameworkFileParser parser = new FrameworkFileParser();
        List<Resource> sorted = new ArrayList<>(List.of(resources));
        sorted.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
        List<FrameworkDefinition> out = new ArrayList<>();
        Map<String, String> sources = new HashMap<>();
        for (Resource resource : sorted) {
            String source = "catalog/frameworks/" + resource.getFilename();
            byte[] bytes;
            try (InputStream in = resource.getInputStream()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read framework file " + source, e);
            }
            FrameworkDefinition def = parser.parse(source, bytes);
            String first = sources.putIfAbsent(def.key(), source);
            if (first != null) {
                throw new InvalidFrameworkFileException(source,
                        List.of("key: '" + def.key() + "' is already used by " + first));
            }
            out.add(def);
        }
        return out;
    }
}
