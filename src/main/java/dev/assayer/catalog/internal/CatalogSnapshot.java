package dev.assayer.catalog.internal;

import dev.assayer.catalog.Criterion;
import dev.assayer.catalog.Framework;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded frameworks and criteria, immutable: read many times a request, built once at startup. */
public record CatalogSnapshot(List<Framework> frameworks, Map<String, List<Criterion>> criteria,
        Map<String, Criterion> soc2ById) {

    public static final String SOC2 = "soc2";
    public static final String SOC1 = "soc1";

    CatalogSnapshot(List<Framework> frameworks, Map<String, List<Criterion>> criteria) {
        this(frameworks, criteria, index(criteria.getOrDefault(SOC2, List.of())));
    }

    public CatalogSnapshot {
        frameworks = List.copyOf(frameworks);
        Map<String, List<Criterion>> copy = new LinkedHashMap<>();
        criteria.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        criteria = Map.copyOf(copy);
        soc2ById = Map.copyOf(soc2ById);
    }

    private static Map<String, Criterion> index(List<Criterion> list) {
        Map<String, Criterion> byId = new LinkedHashMap<>();
        list.forEach(c -> byId.put(c.id(), c));
        return byId;
    }

    public Optional<Framework> framework(String key) {
        return frameworks.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public List<Criterion> criteria(String key) {
        return key == null ? List.of() : criteria.getOrDefault(key, List.of());
    }
}
