package dev.assayer.monitoring.checks;

import java.util.regex.Pattern;

/**
 * A check's resource selector: an exact type ("aws.iam.user") or a glob where {@code *} stands
 * for any run of characters, dots included ("aws.s3.*", "k8s.*", "*").
 */
record TypeSelector(String text, Pattern glob) {

    static TypeSelector of(String text) {
        if (text.indexOf('*') < 0) {
            return new TypeSelector(text, null);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : text.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return new TypeSelector(text, Pattern.compile(regex.toString().replace("\\Q\\E", "")));
    }

    boolean matches(String type) {
        return type != null && (glob == null ? text.equals(type) : glob.matcher(type).matches());
    }
}
