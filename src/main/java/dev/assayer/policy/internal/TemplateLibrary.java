package dev.assayer.policy.internal;

import dev.assayer.policy.PolicyTemplate;
import dev.assayer.shared.ApiProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The starter policies in {@code classpath:policy/templates/<key>.md}. A file starts with
 * {@code title:} and {@code summary:} lines, a blank line, then the Markdown body with
 * {@code {{organization}}}, {@code {{owner}}} and {@code {{effective_date}}} placeholders.
 */
public final class TemplateLibrary {

    /** The core set, in the order they are offered. */
    public static final List<String> KEYS = List.of("information-security", "access-control", "change-management",
            "incident-response", "business-continuity", "vendor-management", "data-classification-retention",
            "acceptable-use", "risk-management", "code-of-conduct", "encryption", "backup", "logging-monitoring",
            "hr-security", "privacy");

    /** A loaded template: its listing and its Markdown body. */
    public record Entry(PolicyTemplate template, String body) {
    }

    private static final Map<String, Entry> ENTRIES = load();

    private TemplateLibrary() {
    }

    public static List<PolicyTemplate> all() {
        return ENTRIES.values().stream().map(Entry::template).toList();
    }

    /** The template with that key; 400 naming "template" otherwise. */
    public static Entry get(String key) {
        Entry e = key == null ? null : ENTRIES.get(key.strip().toLowerCase(java.util.Locale.ROOT));
        if (e == null) {
            throw ApiProblem.invalidField("template", "'" + key + "' is not a starter template (expected one of "
                    + String.join(", ", KEYS) + ")");
        }
        return e;
    }

    static Entry parse(String key, String text) {
        String t = text.replace("\r\n", "\n");
        String title = null;
        String summary = null;
        int pos = 0;
        while (pos < t.length()) {
            int eol = t.indexOf('\n', pos);
            String line = t.substring(pos, eol < 0 ? t.length() : eol);
            pos = eol < 0 ? t.length() : eol + 1;
            if (line.isBlank()) {
                break;
            }
            if (line.startsWith("title:")) {
                title = line.substring(6).strip();
            } else if (line.startsWith("summary:")) {
                summary = line.substring(8).strip();
            }
        }
        if (title == null || summary == null) {
            throw new IllegalStateException("policy template " + key + " lacks a title: or summary: line");
        }
        return new Entry(new PolicyTemplate(key, title, summary), t.substring(pos));
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : KEYS) {
            try (InputStream in = TemplateLibrary.class.getResourceAsStream("/policy/templates/" + key + ".md")) {
                if (in == null) {
                    missing.add(key);
                    continue;
                }
                out.put(key, parse(key, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing policy templates: " + missing);
        }
        return out;
    }
}
