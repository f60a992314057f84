package dev.assayer.fieldwork.internal.export;

import dev.assayer.fieldwork.WorkpaperFormat;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

/** File names of workpaper exports: "workpapers-&lt;engagement&gt;[-&lt;control&gt;]-&lt;yyyy-mm-dd&gt;.&lt;ext&gt;". */
public final class WorkpaperNames {

    static final int MAX_SLUG = 60;

    private WorkpaperNames() {
    }

    public static String filename(String engagementName, String controlRef, LocalDate date, WorkpaperFormat format) {
        String engagement = slug(engagementName);
        StringBuilder b = new StringBuilder("workpapers-").append(engagement.isEmpty() ? "engagement" : engagement);
        if (controlRef != null) {
            String control = slug(controlRef);
            b.append('-').append(control.isEmpty() ? "control" : control);
        }
        return b.append('-').append(date).append('.').append(format.extension()).toString();
    }

    /** Lower-case ASCII letters and digits separated by single hyphens, at most {@value #MAX_SLUG} characters. */
    public static String slug(String text) {
        if (text == null) {
            return "";
        }
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return s;
    }
}
