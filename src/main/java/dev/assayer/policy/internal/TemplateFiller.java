package dev.assayer.policy.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code {{name}}} placeholders (organization, effective_date, owner, …) with values.
 * Names are matched case-insensitively and may have spaces inside the braces; placeholders with
 * no value (or a null value) are left as they are, so a later step can fill them.
 */
public final class TemplateFiller {

    public static final String ORGANIZATION = "organization";
    public static final String EFFECTIVE_DATE = "effective_date";
    public static final String OWNER = "owner";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

    private TemplateFiller() {
    }

    public static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = values.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
