package dev.assayer.catalog;

import java.util.List;

/**
 * A framework loaded from a data file under {@code catalog/frameworks/}. {@code kind} is
 * {@code CRITERIA} (prescribed criteria such as the SOC 2 TSC) or {@code OBJECTIVES} (a starter
 * set of organization-defined objectives such as SOC 1).
 */
public record Framework(String key, String name, String edition, String kind, int revision, List<Category> categories,
        int criteriaCount) {

    public Framework {
        categories = List.copyOf(categories);
    }

    public boolean isObjectives() {
        return "OBJECTIVES".equals(kind);
    }
}
