package dev.assayer.engagement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.engagement.ComponentType;
import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementStatus;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemComponent;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.shared.ApiProblem;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The pure engagement rules: no Spring, no database. */
class EngagementRulesTest {

    static final Set<String> KNOWN = Set.of("CC6.1", "CC6.2", "CC6.4", "A1.2");
    static final Function<Collection<String>, List<String>> CATALOG =
            ids -> ids.stream().filter(id -> !KNOWN.contains(id)).toList();

    static EngagementDraft type2(LocalDate start, LocalDate end) {
        return new EngagementDraft("SOC 2 Type II FY2026", Framework.SOC2, ReportType.TYPE2, null, start, end, List.of(),
                null, null, null, null, null, null);
    }

    static ApiProblem problem(EngagementDraft d) {
        try {
            EngagementRules.normalize(d, EngagementStatus.PLANNING, CATALOG);
        } catch (ApiProblem p) {
            return p;
        }
        throw new AssertionError("expected a problem");
    }

    static List<String> fields(ApiProblem p) {
        return p.errors().stream().map(ApiProblem.FieldError::field).toList();
    }

    @Test
    void aTwelveMonthPeriodIsValidAndHasNoWarnings() {
        EngagementDraft d = EngagementRules.normalize(type2(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
                EngagementStatus.PLANNING, CATALOG);
        assertThat(d.status()).isEqualTo(EngagementStatus.PLANNING);
        assertThat(d.categories()).containsExactly("SECURITY");
        assertThat(EngagementRules.warnings(ReportType.TYPE2, d.periodStart(), d.periodEnd())).isEmpty();
    }

    @Test
    void periodBoundariesOfThreeAndTwelveMonthsAreNotWarned() {
        assertThat(EngagementRules.warnings(ReportType.TYPE2, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)))
                .isEmpty();
        assertThat(EngagementRules.warnings(ReportType.TYPE2, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 30)))
                .singleElement().asString().contains("shorter than 3 months");
        assertThat(EngagementRules.warnings(ReportType.TYPE2, LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30)))
                .isEmpty();
        assertThat(EngagementRules.warnings(ReportType.TYPE2, LocalDate.of(2026, 7, 1), LocalDate.of(2027, 7, 1)))
                .singleElement().asString().contains("longer than 12 months");
    }

    @Test
    void twoAndThirteenMonthPeriodsAreWarnedNotRejected() {
        assertThat(EngagementRules.warnings(ReportType.TYPE2, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28)))
                .hasSize(1);
        assertThat(EngagementRules.warnings(ReportType.TYPE2, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 31)))
                .hasSize(1);
        assertThat(EngagementRules.warnings(ReportType.TYPE1, null, null)).isEmpty();
    }

    @Test
    void endBeforeStartIsRejectedNamingPeriodEnd() {
        ApiProblem p = problem(type2(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 5, 31)));
        assertThat(p.status()).isEqualTo(400);
        assertThat(fields(p)).containsExactly("periodEnd");
        assertThat(p.getMessage()).startsWith("periodEnd:");
    }

    @Test
    void typeTwoNeedsBothDatesAndTypeOneNeedsAsOfDate() {
        assertThat(fields(problem(type2(null, null)))).containsExactly("periodStart", "periodEnd");
        EngagementDraft type1 = new EngagementDraft("T1", Framework.SOC2, ReportType.TYPE1, null,
                LocalDate.of(2026, 1, 1), null, null, null, null, null, null, null, null);
        assertThat(fields(problem(type1))).containsExactly("asOfDate");
    }

    @Test
    void typeOneKeepsOnlyTheAsOfDate() {
        EngagementDraft d = EngagementRules.normalize(new EngagementDraft("T1", Framework.SOC2, ReportType.TYPE1,
                LocalDate.of(2026, 6, 30), LocalDate.of(2026, 1, 1), LocalDate.of(2025, 1, 1), null, null, null, null,
                null, null, null), EngagementStatus.PLANNING, CATALOG);
        assertThat(d.asOfDate()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(d.periodStart()).isNull();
        assertThat(d.periodEnd()).isNull();
    }

    @Test
    void missingNameFrameworkAndTypeAreAllReported() {
        EngagementDraft d = new EngagementDraft("  ", null, null, null, null, null, null, null, null, null, null, null,
                null);
        assertThat(fields(problem(d))).containsExactly("name", "framework", "reportType");
    }

    @Test
    void securityIsAlwaysAddedAndCategoriesAreCanonical() {
        EngagementDraft d = new EngagementDraft("X", Framework.SOC2, ReportType.TYPE1, LocalDate.of(2026, 6, 30), null,
                null, List.of("privacy", "Processing integrity", "AVAILABILITY", "availability"), null, null, null, null,
                null, null);
        assertThat(EngagementRules.normalize(d, EngagementStatus.PLANNING, CATALOG).categories())
                .containsExactly("SECURITY", "AVAILABILITY", "PROCESSING_INTEGRITY", "PRIVACY");
    }

    @Test
    void unknownCategoryIsNamedByIndexAndSoc1HasNoCategories() {
        EngagementDraft bad = new EngagementDraft("X", Framework.SOC2, ReportType.TYPE1, LocalDate.of(2026, 6, 30), null,
                null, List.of("AVAILABILITY", "RESILIENCE"), null, null, null, null, null, null);
        assertThat(fields(problem(bad))).containsExactly("categories[1]");

        EngagementDraft soc1 = new EngagementDraft("X", Framework.SOC1, ReportType.TYPE1, LocalDate.of(2026, 6, 30), null,
                null, List.of(), null, null, null, null, null, null);
        assertThat(EngagementRules.normalize(soc1, EngagementStatus.PLANNING, CATALOG).categories()).isEmpty();
        EngagementDraft soc1WithCategory = new EngagementDraft("X", Framework.SOC1, ReportType.TYPE1,
                LocalDate.of(2026, 6, 30), null, null, List.of("SECURITY"), null, null, null, null, null, null);
        assertThat(fields(problem(soc1WithCategory))).containsExactly("categories");
    }

    @Test
    void unknownCriteriaAreNamedWithTheirFieldPath() {
        EngagementDraft d = new EngagementDraft("X", Framework.SOC2, ReportType.TYPE1, LocalDate.of(2026, 6, 30), null,
                null, null, null, null, null,
                List.of(new SubserviceOrganization("AWS", "hosting", SubserviceMethod.CARVE_OUT, List.of("physical access"),
                        List.of("CC6.4"))),
                List.of(new Cuec("CUEC-1", "manage users", List.of("cc6.1")),
                        new Cuec("CUEC-2", "review access", List.of("CC6.2", "CC99.9"))),
                List.of(new ExcludedCriterion("ZZ1.1", "not applicable")));
        ApiProblem p = problem(d);
        assertThat(fields(p)).containsExactlyInAnyOrder("cuecs[1].relatedCriteria", "criteriaNotRelevant[0].criterionId");
        assertThat(p.getMessage()).contains("CC99.9").contains("ZZ1.1");
    }

    @Test
    void criterionIdsAreUpperCasedForSoc2AndCuecRefsDefaulted() {
        EngagementDraft d = new EngagementDraft("X", Framework.SOC2, ReportType.TYPE1, LocalDate.of(2026, 6, 30), null,
                null, null, null, null, null, null,
                List.of(new Cuec(" ", "manage users", List.of(" cc6.1 ", "CC6.1"))), null);
        EngagementDraft n = EngagementRules.normalize(d, EngagementStatus.READINESS, CATALOG);
        assertThat(n.cuecs()).containsExactly(new Cuec("CUEC-1", "manage users", List.of("CC6.1")));
        assertThat(n.status()).isEqualTo(EngagementStatus.READINESS);
    }

    @Test
    void systemDescriptionChildrenAreValidated() {
        SystemDescription system = new SystemDescription("Acme", "payroll", List.of("99.9% uptime", " "), null,
                List.of(new SystemComponent(null, "db", null), new SystemComponent(ComponentType.SOFTWARE, "", null)));
        EngagementDraft d = new EngagementDraft("X", Framework.SOC2, ReportType.TYPE1, LocalDate.of(2026, 6, 30), null,
                null, null, null, null, system,
                List.of(new SubserviceOrganization("AWS", null, null, null, null),
                        new SubserviceOrganization("aws", null, SubserviceMethod.INCLUSIVE, null, null)),
                List.of(new Cuec("A", "", null), new Cuec("a", "x", null)),
                List.of(new ExcludedCriterion("CC6.4", " ")));
        assertThat(fields(problem(d))).containsExactly("system.commitments[1]", "system.components[0].type",
                "system.components[1].name", "subserviceOrganizations[0].method", "subserviceOrganizations[1].name",
                "cuecs[0].description", "cuecs[1].ref", "criteriaNotRelevant[0].reason");
    }

    @Test
    void overlongTextIsRejected() {
        EngagementDraft d = new EngagementDraft("n".repeat(201), Framework.SOC2, ReportType.TYPE1,
                LocalDate.of(2026, 6, 30), null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> EngagementRules.normalize(d, EngagementStatus.PLANNING, CATALOG))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("name: at most 200 characters");
    }
}
