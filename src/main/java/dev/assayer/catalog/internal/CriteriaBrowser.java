package dev.assayer.catalog.internal;

import dev.assayer.catalog.Category;
import dev.assayer.catalog.ControlObjective;
import dev.assayer.catalog.Criterion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Filters criteria by a free-text query and groups them by category and series for the criteria
 * browser. Plain Java.
 */
public final class CriteriaBrowser {

    public record SeriesGroup(String code, String title, List<Criterion> criteria) {
    }

    public record CategoryGroup(Category category, List<SeriesGroup> series, int count) {
    }

    private CriteriaBrowser() {
    }

    /** Every whitespace-separated word of {@code query} must occur (ignoring case) in one of the texts. */
    public static boolean matches(Criterion c, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String haystack = String.join("\n", c.id(), nz(c.title()), nz(c.description()), nz(c.guidance()),
                nz(c.series()), nz(c.seriesTitle())).toLowerCase(Locale.ROOT);
        return Arrays.stream(query.toLowerCase(Locale.ROOT).trim().split("\\s+")).allMatch(haystack::contains);
    }

    /**
     * Groups in the order of {@code categories}, then by series in first-seen order; categories
     * that are not listed come last under their code. Empty groups are left out.
     */
    public static List<CategoryGroup> group(List<Category> categories, List<Criterion> criteria, String query,
            String category) {
        Map<String, Map<String, List<Criterion>>> byCategory = new LinkedHashMap<>();
        categories.forEach(c -> byCategory.put(c.code(), new LinkedHashMap<>()));
        Map<String, String> seriesTitles = new HashMap<>();
        for (Criterion c : criteria) {
            if ((category != null && !category.isBlank() && !category.equals(c.category())) || !matches(c, query)) {
                continue;
            }
            seriesTitles.putIfAbsent(nz(c.series()), c.seriesTitle());
            byCategory.computeIfAbsent(c.category(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(nz(c.series()), k -> new ArrayList<>()).add(c);
        }
        List<CategoryGroup> out = new ArrayList<>();
        byCategory.forEach((code, series) -> {
            if (series.isEmpty()) {
                return;
            }
            Category cat = categories.stream().filter(c -> c.code().equals(code)).findFirst()
                    .orElse(new Category(code, code, false, null));
            List<SeriesGroup> groups = new ArrayList<>();
            series.forEach((s, list) -> groups.add(new SeriesGroup(s, seriesTitles.get(s), List.copyOf(list))));
            out.add(new CategoryGroup(cat, groups, groups.stream().mapToInt(g -> g.criteria().size()).sum()));
        });
        return out;
    }

    /**
     * Shows an organization's objectives as criteria of the SOC 1 tab; the starter set supplies the
     * series title and guidance of adopted objectives.
     */
    public static List<Criterion> asCriteria(List<ControlObjective> objectives, List<Criterion> starter) {
        Map<String, Criterion> starterByRef = new HashMap<>();
        Map<String, String> seriesTitles = new HashMap<>();
        starter.forEach(c -> {
            starterByRef.put(c.id(), c);
            seriesTitles.putIfAbsent(c.series(), c.seriesTitle());
        });
        List<Criterion> out = new ArrayList<>();
        int ordinal = 0;
        for (ControlObjective o : objectives) {
            Criterion s = o.fromStarter() ? starterByRef.get(o.ref()) : null;
            String series = o.series() == null ? "" : o.series();
            String seriesTitle = seriesTitles.getOrDefault(series, series.isEmpty() ? "Other" : series);
            out.add(new Criterion(o.ref(), "soc1", o.category(), series, seriesTitle, o.title(), o.description(),
                    s == null ? null : s.guidance(), ++ordinal));
        }
        return out;
    }

    public static int count(List<CategoryGroup> groups) {
        return groups.stream().mapToInt(CategoryGroup::count).sum();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
