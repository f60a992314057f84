package dev.assayer.catalog.internal;

import dev.assayer.catalog.Category;
import java.util.List;

/**
 * A framework data file after parsing and validation: every reference resolves, every id is
 * unique. {@code contentHash} is the SHA-256 of the file's bytes.
 */
public record FrameworkDefinition(String source, String key, String name, String edition, int revision, String kind,
        List<Category> categories, List<Series> series, List<Item> criteria, String contentHash) {

    public record Series(String code, String title) {
    }

    public record Item(String id, String category, String series, String title, String description, String guidance,
            Integer cosoPrinciple) {
    }

    public FrameworkDefinition {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        criteria = List.copyOf(criteria);
    }

    public String seriesTitle(String code) {
        return series.stream().filter(s -> s.code().equals(code)).map(Series::title).findFirst().orElse(code);
    }
}
