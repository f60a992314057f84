package dev.assayer.catalog.internal;

import dev.assayer.catalog.ControlObjective;
import dev.assayer.catalog.ObjectiveDraft;
import dev.assayer.shared.ApiProblem;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validation and ordering of control objectives. Plain Java. */
public final class ObjectiveRules {

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Natural order of refs: ITGC-AC-2 before ITGC-AC-10. */
    public static final Comparator<String> NATURAL = ObjectiveRules::compareNatural;

    /** By category (in the given order), then by ref, naturally. */
    public static Comparator<ControlObjective> order(java.util.List<String> categoryOrder) {
        return Comparator.<ControlObjective>comparingInt(o -> {
            int i = categoryOrder.indexOf(o.category());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(ControlObjective::category).thenComparing(ControlObjective::ref, NATURAL);
    }

    private ObjectiveRules() {
    }

    /**
     * Trims the draft and checks every field; {@code categories} are the allowed category codes.
     * Throws a 400 problem naming the first bad field.
     */
    public static ObjectiveDraft validate(ObjectiveDraft draft, Set<String> categories) {
        if (draft == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        String ref = trim(draft.ref());
        if (ref == null) {
            throw ApiProblem.invalidField("ref", "is required");
        }
        if (!REF.matcher(ref).matches()) {
            throw ApiProblem.invalidField("ref", "'" + ref + "' must be 1-40 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit (e.g. ITGC-AC-1)");
        }
        String category = trim(draft.category());
        if (category == null) {
            throw ApiProblem.invalidField("category", "is required (one of " + sorted(categories) + ")");
        }
        String normalized = category.toUpperCase().replace(' ', '_').replace('-', '_');
        if (!categories.contains(normalized)) {
            throw ApiProblem.invalidField("category", "'" + category + "' is not one of " + sorted(categories));
        }
        String series = trim(draft.series());
        if (series != null && series.length() > 40) {
            throw ApiProblem.invalidField("series", "is longer than 40 characters");
        }
        String title = trim(draft.title());
        if (title == null) {
            throw ApiProblem.invalidField("title", "is required");
        }
        if (title.length() > 300) {
            throw ApiProblem.invalidField("title", "is longer than 300 characters");
        }
        String description = trim(draft.description());
        if (description != null && description.length() > 4000) {
            throw ApiProblem.invalidField("description", "is longer than 4000 characters");
        }
        return new ObjectiveDraft(ref, normalized, series, title, description);
    }

    private static String sorted(Collection<String> values) {
        return values.stream().sorted().toList().toString();
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    static int compareNatural(String a, String b) {
        Matcher ma = NUMBER.matcher(a);
        Matcher mb = NUMBER.matcher(b);
        int ia = 0;
        int ib = 0;
        while (ia < a.length() && ib < b.length()) {
            boolean da = Character.isDigit(a.charAt(ia));
            boolean db = Character.isDigit(b.charAt(ib));
            if (da && db && ma.find(ia) && mb.find(ib)) {
                String na = ma.group();
                String nb = mb.group();
                int c = new java.math.BigInteger(na).compareTo(new java.math.BigInteger(nb));
                if (c != 0) {
                    return c;
                }
                ia = ma.end();
                ib = mb.end();
            } else {
                int c = Character.compare(Character.toUpperCase(a.charAt(ia)), Character.toUpperCase(b.charAt(ib)));
                if (c != 0) {
                    return c;
                }
                ia++;
                ib++;
            }
        }
        int c = Integer.compare(a.length() - ia, b.length() - ib);
        return c != 0 ? c : a.compareTo(b);
    }
}
