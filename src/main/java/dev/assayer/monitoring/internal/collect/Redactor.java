package dev.assayer.monitoring.internal.collect;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces every occurrence of a collector's secrets in a text (error messages) with "••••". Secrets
 * learnt during a collection (temporary AWS credentials from AssumeRole) are added as they arrive.
 */
final class Redactor {

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    Redactor(List<String> secrets) {
        secrets.forEach(this::add);
    }

    static Redactor none() {
        return new Redactor(List.of());
    }

    void add(String secret) {
        if (secret != null && secret.length() >= 4 && !secrets.contains(secret)) {
            secrets.add(secret);
            // a secret that appears URL-encoded in a request line is scrubbed too
            String encoded = ApiSupport.enc(secret);
            if (!encoded.equals(secret)) {
                secrets.add(encoded);
            }
        }
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
