package dev.assayer.control.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.internal.StarterLibrary.StarterControl;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The shipped starter library, read straight from the YAML files without Spring. */
class StarterLibraryTest {

    static final List<String> COMMON_CRITERIA = List.of("CC1.1", "CC1.2", "CC1.3", "CC1.4", "CC1.5", "CC2.1", "CC2.2",
            "CC2.3", "CC3.1", "CC3.2", "CC3.3", "CC3.4", "CC4.1", "CC4.2", "CC5.1", "CC5.2", "CC5.3", "CC6.1", "CC6.2",
            "CC6.3", "CC6.4", "CC6.5", "CC6.6", "CC6.7", "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5", "CC8.1",
            "CC9.1", "CC9.2");

    @Test
    void hasBetween80And120ControlsWithUniqueValidRefsAndAllFieldsSet() {
        List<StarterControl> controls = StarterLibrary.controls();
        assertThat(controls).hasSizeBetween(80, 120);
        assertThat(controls.stream().map(c -> ControlRules.refKey(c.ref())).distinct()).hasSize(controls.size());
        for (StarterControl c : controls) {
            assertThat(c.ref()).matches(ControlRules.REF);
            assertThat(c.title()).isNotBlank().hasSizeLessThanOrEqualTo(ControlRules.TITLE_MAX);
            assertThat(c.description()).isNotBlank().hasSizeLessThanOrEqualTo(ControlRules.DESCRIPTION_MAX);
            assertThat(c.nature()).as(c.ref()).isNotNull();
            assertThat(c.kind()).as(c.ref()).isNotNull();
            assertThat(c.frequency()).as(c.ref()).isNotNull();
            assertThat(c.ownerRole()).as(c.ref()).isNotBlank();
            assertThat(c.criteria()).as(c.ref()).isNotEmpty();
        }
    }

    @Test
    void mapsAtLeastOneControlToEachOfThe33CommonCriteria() {
        assertThat(COMMON_CRITERIA).hasSize(33);
        Map<String, Long> perCriterion = StarterLibrary.controls().stream().flatMap(c -> c.criteria().stream())
                .collect(Collectors.groupingBy(x -> x, Collectors.counting()));
        for (String cc : COMMON_CRITERIA) {
            assertThat(perCriterion.getOrDefault(cc, 0L)).as(cc).isPositive();
        }
    }

    @Test
    void everyCriterionAndObjectiveItUsesExistsInTheShippedFrameworkFiles() throws Exception {
        YAMLMapper yaml = YAMLMapper.builder().build();
        Set<String> soc2 = ids(yaml, "catalog/frameworks/soc2-tsc-2017.yaml");
        Set<String> soc1 = ids(yaml, "catalog/frameworks/soc1-starter-objectives.yaml");
        assertThat(soc2).hasSize(61).containsAll(COMMON_CRITERIA);
        for (StarterControl c : StarterLibrary.controls()) {
            assertThat(soc2).as(c.ref()).containsAll(c.criteria());
            assertThat(soc1).as(c.ref()).containsAll(c.objectives());
        }
    }

    /** Every "id" (or "ref") value anywhere in a framework file. */
    private static Set<String> ids(YAMLMapper yaml, String resource) throws Exception {
        try (InputStream in = StarterLibraryTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Set<String> out = new HashSet<>();
            collect(yaml.readTree(in), out);
            return out;
        }
    }

    private static void collect(JsonNode n, Set<String> out) {
        if (n.isObject()) {
            JsonNode id = n.get("id");
            if (id != null && id.isString()) {
                out.add(id.asString());
            }
            n.values().forEach(v -> collect(v, out));
        } else if (n.isArray()) {
            n.values().forEach(v -> collect(v, out));
        }
    }
}
