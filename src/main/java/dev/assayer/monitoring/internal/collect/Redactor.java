package dev.assayer.monitoring.internal.collect;

import java.util.List;

/** Replaces every occurrence of a collector's secrets in a text (error messages) with "••••". */
record Redactor(List<String> secrets) {

    Redactor {
        secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    static Redactor none() {
        return new Redactor(List.of());
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "••••");
        }
        return out;
    }
}
