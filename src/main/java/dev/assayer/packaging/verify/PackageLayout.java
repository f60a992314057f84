package dev.assayer.packaging.verify;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and rules of the evidence package format (docs/evidence-package.md), shared by the
 * writer in the app and the offline verifier.
 */
public final class PackageLayout {

    /** The value of manifest.json's {@code format}. */
    public static final String FORMAT = "assayer-evidence-package/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String TIMESTAMP = "manifest.tsr";
    public static final String PUBLIC_KEY = "public-key.pem";
    /** {@code sha256sum} check file listing every other file; itself listed in the manifest. */
    public static final String CHECKSUMS = "SHA256SUMS";

    /** Entries that are not (and cannot be) listed in the manifest: it, what signs it, and the key. */
    public static final Set<String> OUTSIDE_MANIFEST = Set.of(MANIFEST, SIGNATURE, TIMESTAMP, PUBLIC_KEY);

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private PackageLayout() {
    }

    /**
     * True for a relative path of plain segments ({@code evidence/x.pdf}): no absolute path, no
     * {@code ..}, no backslash, no drive letter, no empty segment, no characters that sha256sum would
     * escape. Every name Assayer writes is safe; anything else in a package is reported.
     */
    public static boolean isSafePath(String name) {
        if (name == null || name.isEmpty() || name.length() > 400) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (!SAFE_SEGMENT.matcher(segment).matches() || segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    /**
     * A safe file name made from {@code name}: characters other than letters, digits, dot, dash and
     * underscore become "_", leading dots and dashes are dropped, the length is capped at
     * {@code max} (keeping the extension when there is one).
     */
    public static String safeName(String name, int max) {
        String s = name == null ? "" : name.strip();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == '_';
            b.append(ok ? c : '_');
        }
        String out = b.toString().replaceAll("_{2,}", "_").replaceAll("\\.{2,}", ".");
        while (!out.isEmpty() && !Character.isLetterOrDigit(out.charAt(0))) {
            out = out.substring(1);
        }
        if (out.isEmpty()) {
            out = "file";
        }
        if (out.length() > max) {
            int dot = out.lastIndexOf('.');
            String ext = dot > 0 && out.length() - dot <= 10 ? out.substring(dot) : "";
            out = out.substring(0, max - ext.length()) + ext;
        }
        return out;
    }

    /** "engagement name" → "engagement-name", for file names. */
    public static String slug(String text) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "engagement" : s.length() > 60 ? s.substring(0, 60).replaceAll("-+$", "") : s;
    }
}
