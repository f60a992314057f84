package dev.assayer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.catalog.internal.FrameworkCatalog;
import dev.assayer.shared.ApiProblem;
import dev.assayer.testing.IntegrationTest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CatalogServiceTest extends IntegrationTest {

    @Autowired CatalogService catalog;
    @Autowired FrameworkCatalog frameworkCatalog;
    @Autowired JdbcClient jdbc;

    /** The 61 Trust Services Criteria, from the domain primer's table. */
    static List<String> expectedSoc2Ids() {
        List<String> ids = new ArrayList<>();
        int[] cc = {5, 3, 4, 2, 3, 8, 5, 1, 2};
        for (int s = 0; s < cc.length; s++) {
            for (int i = 1; i <= cc[s]; i++) {
                ids.add("CC" + (s + 1) + "." + i);
            }
        }
        for (int i = 1; i <= 3; i++) {
            ids.add("A1." + i);
        }
        ids.addAll(List.of("C1.1", "C1.2"));
        for (int i = 1; i <= 5; i++) {
            ids.add("PI1." + i);
        }
        ids.addAll(List.of("P1.1", "P2.1", "P3.1", "P3.2", "P4.1", "P4.2", "P4.3", "P5.1", "P5.2"));
        for (int i = 1; i <= 7; i++) {
            ids.add("P6." + i);
        }
        ids.addAll(List.of("P7.1", "P8.1"));
        return ids;
    }

    @Test
    void soc2HasExactlyThe61CriteriaInCanonicalOrder() {
        List<Criterion> all = catalog.criteria("soc2");
        assertThat(expectedSoc2Ids()).hasSize(61);
        assertThat(all).extracting(Criterion::id).containsExactlyElementsOf(expectedSoc2Ids());
        assertThat(all).extracting(Criterion::ordinal).isSorted().doesNotHaveDuplicates();
        assertThat(all).allSatisfy(c -> {
            assertThat(c.frameworkKey()).isEqualTo("soc2");
            assertThat(c.title()).isNotBlank();
            assertThat(c.description()).isNotBlank();
            assertThat(c.guidance()).isNotBlank();
            assertThat(c.seriesTitle()).isNotBlank();
        });
    }

    @Test
    void categoryCountsMatchTheTrustServicesCriteria() {
        Map<String, Long> counts = catalog.criteria("soc2").stream()
                .collect(Collectors.groupingBy(Criterion::category, Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("SECURITY", 33L, "AVAILABILITY", 3L,
                "CONFIDENTIALITY", 2L, "PROCESSING_INTEGRITY", 5L, "PRIVACY", 18L));
        assertThat(catalog.criteria("soc2").stream().filter(c -> c.category().equals("SECURITY")))
                .allMatch(c -> c.id().startsWith("CC"));
    }

    @Test
    void frameworksListsSoc2AndTheSoc1StarterSet() {
        Map<String, Framework> byKey = catalog.frameworks().stream()
                .collect(Collectors.toMap(Framework::key, Function.identity()));
        Framework soc2 = byKey.get("soc2");
        assertThat(soc2.kind()).isEqualTo("CRITERIA");
        assertThat(soc2.criteriaCount()).isEqualTo(61);
        assertThat(soc2.revision()).isPositive();
        assertThat(soc2.categories()).extracting(Category::code)
                .containsExactly("SECURITY", "AVAILABILITY", "CONFIDENTIALITY", "PROCESSING_INTEGRITY", "PRIVACY");
        assertThat(soc2.categories()).filteredOn(Category::required).extracting(Category::code)
                .containsExactly("SECURITY");
        Framework soc1 = byKey.get("soc1");
        assertThat(soc1.kind()).isEqualTo("OBJECTIVES");
        assertThat(soc1.criteriaCount()).isEqualTo(23);
        assertThat(catalog.framework("soc2")).contains(soc2);
        assertThat(catalog.framework("nope")).isEmpty();
        assertThat(catalog.criteria("nope")).isEmpty();
        assertThat(catalog.criteria(null)).isEmpty();
    }

    @Test
    void soc2CriteriaAlwaysIncludeSecurityAndAddTheChosenCategories() {
        assertThat(catalog.soc2Criteria(List.of())).hasSize(33);
        assertThat(catalog.soc2Criteria(null)).hasSize(33);
        assertThat(catalog.soc2Criteria(List.of("SECURITY"))).hasSize(33);
        List<Criterion> secAvail = catalog.soc2Criteria(List.of("AVAILABILITY"));
        assertThat(secAvail).hasSize(36);
        assertThat(secAvail.subList(33, 36)).extracting(Criterion::id).containsExactly("A1.1", "A1.2", "A1.3");
        assertThat(catalog.soc2Criteria(List.of("SECURITY", "AVAILABILITY", "CONFIDENTIALITY",
                "PROCESSING_INTEGRITY", "PRIVACY"))).hasSize(61);
        assertThat(catalog.soc2Criteria(List.of("processing integrity", "confidentiality"))).hasSize(40);
        assertThatThrownBy(() -> catalog.soc2Criteria(List.of("AVAILABILTY")))
                .isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).errors().getFirst().field()).isEqualTo("categories"))
                .hasMessageContaining("AVAILABILTY");
    }

    @Test
    void criterionLookupAndUnknownIds() {
        Criterion cc61 = catalog.criterion("CC6.1").orElseThrow();
        assertThat(cc61.series()).isEqualTo("CC6");
        assertThat(cc61.category()).isEqualTo("SECURITY");
        assertThat(catalog.criterion(" cc6.1 ")).contains(cc61);
        assertThat(catalog.criterion("CC6.9")).isEmpty();
        assertThat(catalog.criterion("ITGC-AC-1")).as("SOC 1 objectives are not SOC 2 criteria").isEmpty();
        assertThat(catalog.criterion(null)).isEmpty();
        assertThat(catalog.unknownCriteria(List.of("CC6.9", "CC1.1", "X", "P6.7", "CC6.9", "CC10.1")))
                .containsExactly("CC6.9", "X", "CC10.1");
        assertThat(catalog.unknownCriteria(expectedSoc2Ids())).isEmpty();
    }

    @Test
    void criteriaAreServedFromMemory() {
        assertThat(catalog.criteria("soc2")).isSameAs(catalog.criteria("soc2"));
        assertThat(catalog.frameworks()).isSameAs(catalog.frameworks());
    }

    @Test
    void restartSkipsUnchangedFrameworksAndRepairsChangedOnes() {
        OffsetDateTime loaded = loadedAt("soc2");
        frameworkCatalog.afterPropertiesSet();
        assertThat(loadedAt("soc2")).as("unchanged revision: nothing written").isEqualTo(loaded);

        // a database holding an older revision (and stale text) is brought up to date in place
        int revision = catalog.framework("soc2").orElseThrow().revision();
        jdbc.sql("UPDATE framework SET revision = ? WHERE framework_key = 'soc2'").param(revision - 1).update();
        jdbc.sql("UPDATE criterion SET title = 'stale' WHERE framework_key = 'soc2' AND id = 'CC6.1'").update();
        jdbc.sql("""
                INSERT INTO criterion (framework_key, id, category, series, series_title, title, description, ordinal)
                VALUES ('soc2', 'CC0.1', 'SECURITY', 'CC1', 'x', 'withdrawn', 'x', 99)""").update();
        frameworkCatalog.afterPropertiesSet();
        assertThat(jdbc.sql("SELECT revision FROM framework WHERE framework_key = 'soc2'").query(Integer.class)
                .single()).isEqualTo(revision);
        assertThat(catalog.criterion("CC6.1").orElseThrow().title()).isNotEqualTo("stale");
        assertThat(catalog.criterion("CC0.1")).isEmpty();
        assertThat(catalog.criteria("soc2")).hasSize(61);
        assertThat(Set.copyOf(jdbc.sql("SELECT id FROM criterion WHERE framework_key = 'soc2'").query(String.class)
                .list())).containsExactlyInAnyOrderElementsOf(expectedSoc2Ids());
    }

    private OffsetDateTime loadedAt(String key) {
        return jdbc.sql("SELECT loaded_at FROM framework WHERE framework_key = ?").param(key)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).single();
    }
}
