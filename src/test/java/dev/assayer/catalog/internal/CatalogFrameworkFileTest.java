package dev.assayer.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework file parser and validator, without Spring or a database. */
class CatalogFrameworkFileTest {

    private final FrameworkFileParser parser = new FrameworkFileParser();

    private static final String VALID = """
            key: demo
            name: Demo framework
            edition: "1"
            revision: 3
            kind: CRITERIA
            categories:
              - code: CORE
                name: Core
                required: true
                description: Always there.
              - code: EXTRA
                name: Extra
            series:
              - code: D1
                title: First series
            criteria:
              - id: D1.1
                category: CORE
                series: D1
                title: First
                description: The first criterion.
                guidance: Some evidence.
                cosoPrinciple: 1
              - id: D1.2
                category: EXTRA
                series: D1
                title: Second
                description: The second criterion.
            """;

    @Test
    void aValidFileParsesInOrder() {
        FrameworkDefinition def = parser.parse("catalog/frameworks/demo.yaml", VALID);
        assertThat(def.key()).isEqualTo("demo");
        assertThat(def.revision()).isEqualTo(3);
        assertThat(def.categories()).extracting(c -> c.code()).containsExactly("CORE", "EXTRA");
        assertThat(def.categories().getFirst().required()).isTrue();
        assertThat(def.categories().get(1).required()).isFalse();
        assertThat(def.criteria()).extracting(FrameworkDefinition.Item::id).containsExactly("D1.1", "D1.2");
        assertThat(def.criteria().getFirst().cosoPrinciple()).isEqualTo(1);
        assertThat(def.criteria().get(1).guidance()).isNull();
        assertThat(def.seriesTitle("D1")).isEqualTo("First series");
        assertThat(def.contentHash()).hasSize(64);
    }

    @Test
    void theShippedFilesAreValid() {
        List<FrameworkDefinition> defs = FrameworkFiles.load(getClass().getClassLoader());
        assertThat(defs).extracting(FrameworkDefinition::key).contains("soc1", "soc2");
        FrameworkDefinition soc2 = defs.stream().filter(d -> d.key().equals("soc2")).findFirst().orElseThrow();
        assertThat(soc2.criteria()).hasSize(61);
        assertThat(soc2.kind()).isEqualTo("CRITERIA");
        FrameworkDefinition soc1 = defs.stream().filter(d -> d.key().equals("soc1")).findFirst().orElseThrow();
        assertThat(soc1.criteria()).hasSize(23);
        assertThat(soc1.kind()).isEqualTo("OBJECTIVES");
    }

    @Test
    void malformedYamlIsRejectedNamingTheFileAndLine() {
        String broken = VALID.replace("  - id: D1.2\n", "  - id: [D1.2\n");
        assertThatThrownBy(() -> parser.parse("catalog/frameworks/broken.yaml", broken))
                .isInstanceOf(InvalidFrameworkFileException.class)
                .hasMessageContaining("catalog/frameworks/broken.yaml")
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void anUnknownCategoryIsRejectedNamingTheCriterionAndTheField() {
        String broken = VALID.replace("category: EXTRA", "category: EXTRAS");
        assertThatThrownBy(() -> parser.parse("catalog/frameworks/demo.yaml", broken))
                .isInstanceOf(InvalidFrameworkFileException.class)
                .hasMessageContaining("catalog/frameworks/demo.yaml")
                .hasMessageContaining("criteria[1] (D1.2).category: 'EXTRAS' is not one of the categories");
    }

    @Test
    void anUnknownSeriesADuplicateIdAndAMissingTitleAreAllReported() {
        String broken = VALID.replace("series: D1\n    title: Second", "series: D9\n    titel: Second")
                .replace("id: D1.2", "id: D1.1");
        InvalidFrameworkFileException e = (InvalidFrameworkFileException) org.assertj.core.api.Assertions
                .catchThrowable(() -> parser.parse("catalog/frameworks/demo.yaml", broken));
        assertThat(e).isNotNull();
        assertThat(e.source()).isEqualTo("catalog/frameworks/demo.yaml");
        assertThat(e.problems()).anyMatch(p -> p.contains("criteria[1].id: D1.1 is already used by criteria[0]"));
        assertThat(e.problems()).anyMatch(p -> p.contains("series: 'D9' is not one of the series"));
        assertThat(e.problems()).anyMatch(p -> p.contains("title: is required"));
        assertThat(e.problems()).anyMatch(p -> p.contains("titel: unknown field"));
    }

    @Test
    void requiredTopLevelFieldsAndTheirTypesAreChecked() {
        String broken = VALID.replace("key: demo\n", "").replace("revision: 3", "revision: three")
                .replace("kind: CRITERIA", "kind: RULES");
        InvalidFrameworkFileException e = (InvalidFrameworkFileException) org.assertj.core.api.Assertions
                .catchThrowable(() -> parser.parse("x.yaml", broken));
        assertThat(e.getMessage()).startsWith("Framework file x.yaml is invalid (3 problems)");
        assertThat(e.problems()).containsExactlyInAnyOrder("key: is required",
                "revision: 'three' must be a whole number of at least 1",
                "kind: 'RULES' must be CRITERIA or OBJECTIVES");
    }

    @Test
    void duplicateCategoriesDuplicateYamlKeysAndAnEmptyFileAreRejected() {
        assertThatThrownBy(() -> parser.parse("d.yaml", VALID.replace("code: EXTRA", "code: CORE")))
                .hasMessageContaining("categories[1].code: category CORE is defined twice");
        assertThatThrownBy(() -> parser.parse("k.yaml", VALID.replace("name: Demo framework\n",
                "name: Demo framework\nname: Again\n")))
                .hasMessageContaining("k.yaml").hasMessageContaining("not valid YAML").hasMessageContaining("name");
        assertThatThrownBy(() -> parser.parse("empty.yaml", "")).hasMessageContaining("empty.yaml")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parse("list.yaml", "- a\n- b\n")).hasMessageContaining("list.yaml")
                .hasMessageContaining("top level");
    }

    @Test
    void twoFilesWithTheSameKeyAreRejected(@TempDir Path dir) throws IOException {
        Path frameworks = Files.createDirectories(dir.resolve("catalog/frameworks"));
        Files.writeString(frameworks.resolve("a.yaml"), VALID);
        Files.writeString(frameworks.resolve("b.yaml"), VALID.replace("revision: 3", "revision: 4"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> FrameworkFiles.load(loader))
                    .isInstanceOf(InvalidFrameworkFileException.class)
                    .hasMessageContaining("catalog/frameworks/b.yaml")
                    .hasMessageContaining("'demo' is already used by catalog/frameworks/a.yaml");
        }
    }

    @Test
    void objectiveRefsSortNaturally() {
        assertThat(List.of("ITGC-AC-10", "ITGC-AC-2", "BP-TX-1", "ITGC-AC-1").stream()
                .sorted(ObjectiveRules.NATURAL).toList())
                .containsExactly("BP-TX-1", "ITGC-AC-1", "ITGC-AC-2", "ITGC-AC-10");
    }
}
