package dev.assayer.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.readiness.ReadinessCalculator.CategoryDef;
import dev.assayer.readiness.ReadinessCalculator.ControlDef;
import dev.assayer.readiness.ReadinessCalculator.ControlStatus;
import dev.assayer.readiness.ReadinessCalculator.ExcludedDef;
import dev.assayer.readiness.ReadinessCalculator.Input;
import dev.assayer.readiness.ReadinessCalculator.RequirementDef;
import dev.assayer.readiness.ReadinessCalculator.RequirementKind;
import dev.assayer.readiness.ReadinessReport.CategoryFigure;
import dev.assayer.readiness.ReadinessReport.EvidenceCounts;
import dev.assayer.readiness.ReadinessReport.Gap;
import dev.assayer.readiness.ReadinessReport.RequirementReadiness;
import dev.assayer.readiness.ReadinessReport.Subject;
import dev.assayer.readiness.ReadinessReport.Window;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The readiness rules, on plain data: no Spring, no database. */
class ReadinessCalculatorTest {

    static final LocalDate START = LocalDate.of(2026, 6, 1);
    static final LocalDate END = LocalDate.of(2026, 11, 30);
    static final LocalDate TODAY = LocalDate.of(2026, 9, 15);
    static final UUID OWNER = UUID.randomUUID();

    static final List<CategoryDef> SOC2_CATEGORIES = List.of(new CategoryDef("SECURITY", "Security"),
            new CategoryDef("AVAILABILITY", "Availability"));

    static final EvidenceCounts VALID = new EvidenceCounts(2, 1, 0, 0, LocalDate.of(2026, 8, 1),
            LocalDate.of(2027, 8, 1), UUID.randomUUID(), "Access review Q3");
    static final EvidenceCounts ONLY_OUTSIDE = new EvidenceCounts(0, 3, 0, 0, LocalDate.of(2026, 3, 1), null, null, null);
    static final EvidenceCounts ONLY_EXPIRED = new EvidenceCounts(0, 1, 2, 0, LocalDate.of(2026, 6, 10),
            LocalDate.of(2026, 7, 1), null, null);
    static final EvidenceCounts ONLY_WITHDRAWN = new EvidenceCounts(0, 0, 0, 2, null, null, null, null);

    final List<RequirementDef> requirements = new ArrayList<>();
    final List<ExcludedDef> excluded = new ArrayList<>();
    final List<ControlDef> controls = new ArrayList<>();
    final Map<UUID, EvidenceCounts> evidence = new HashMap<>();
    Window window = new Window(START, END);
    RequirementKind kind = RequirementKind.CRITERION;
    List<CategoryDef> categories = SOC2_CATEGORIES;

    RequirementDef criterion(String id, String category) {
        RequirementDef r = new RequirementDef(id, id, "Title of " + id, category);
        requirements.add(r);
        return r;
    }

    ControlDef control(String ref, ControlStatus status, UUID owner, EvidenceCounts ev, String... mappedTo) {
        ControlDef c = new ControlDef(UUID.randomUUID(), ref, "Control " + ref, status, owner,
                owner == null ? null : "Olivia Owner", false, List.of(mappedTo));
        controls.add(c);
        if (ev != null) {
            evidence.put(c.id(), ev);
        }
        return c;
    }

    ControlDef readyControl(String ref, String... mappedTo) {
        return control(ref, ControlStatus.IMPLEMENTED, OWNER, VALID, mappedTo);
    }

    ReadinessReport calculate() {
        Subject subject = new Subject(UUID.randomUUID(), "FY26 SOC 2", "SOC2", window.asOfDate() ? "TYPE1" : "TYPE2",
                window);
        return ReadinessCalculator.calculate(new Input(subject, kind, categories, requirements, excluded, controls,
                evidence, TODAY));
    }

    static RequirementReadiness requirement(ReadinessReport report, String id) {
        return report.requirements().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    static List<GapKind> kinds(List<Gap> gaps) {
        return gaps.stream().map(Gap::kind).toList();
    }

    @Test
    void requirementWithAFullyReadyControlIsReady() {
        criterion("CC6.1", "SECURITY");
        readyControl("AC-01", "CC6.1");
        ReadinessReport report = calculate();
        RequirementReadiness r = requirement(report, "CC6.1");
        assertThat(r.state()).isEqualTo(RequirementState.READY);
        assertThat(r.gaps()).isEmpty();
        assertThat(r.controls()).singleElement().satisfies(c -> {
            assertThat(c.ready()).isTrue();
            assertThat(c.counted()).isTrue();
            assertThat(c.status()).isEqualTo("IMPLEMENTED");
            assertThat(c.owner()).isEqualTo("Olivia Owner");
            assertThat(c.evidence()).isEqualTo(VALID);
        });
        assertThat(report.overall().percent()).isEqualTo(100);
        assertThat(report.gaps()).isEmpty();
    }

    @Test
    void requirementWithoutControlsIsAGapWithNoControl() {
        criterion("CC6.2", "SECURITY");
        ReadinessReport report = calculate();
        RequirementReadiness r = requirement(report, "CC6.2");
        assertThat(r.state()).isEqualTo(RequirementState.GAP);
        assertThat(r.controls()).isEmpty();
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.NO_CONTROL);
            assertThat(g.requirement()).isEqualTo("CC6.2");
            assertThat(g.control()).isNull();
            assertThat(g.controlId()).isNull();
            assertThat(g.message()).isEqualTo("CC6.2: no control is mapped to this criterion");
        });
        assertThat(report.gaps()).containsExactlyElementsOf(r.gaps());
    }

    @Test
    void notStartedAndInProgressControlsAreNotImplemented() {
        criterion("CC6.1", "SECURITY");
        criterion("CC6.2", "SECURITY");
        control("AC-01", ControlStatus.NOT_STARTED, OWNER, VALID, "CC6.1");
        control("AC-02", ControlStatus.IN_PROGRESS, OWNER, VALID, "CC6.2");
        ReadinessReport report = calculate();
        assertThat(requirement(report, "CC6.1").state()).isEqualTo(RequirementState.PARTIAL);
        assertThat(kinds(requirement(report, "CC6.1").gaps())).containsExactly(GapKind.NOT_IMPLEMENTED);
        assertThat(requirement(report, "CC6.2").gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.NOT_IMPLEMENTED);
            assertThat(g.control()).isEqualTo("AC-02");
            assertThat(g.message()).isEqualTo("CC6.2: control AC-02 'Control AC-02' is not implemented yet (status: in progress)");
        });
        assertThat(report.overall().ready()).isZero();
    }

    @Test
    void controlWithoutOwnerIsNotReady() {
        criterion("CC1.1", "SECURITY");
        ControlDef c = control("GOV-01", ControlStatus.IMPLEMENTED, null, VALID, "CC1.1");
        RequirementReadiness r = requirement(calculate(), "CC1.1");
        assertThat(r.state()).isEqualTo(RequirementState.PARTIAL);
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.NO_OWNER);
            assertThat(g.controlId()).isEqualTo(c.id());
            assertThat(g.message()).isEqualTo("CC1.1: control GOV-01 'Control GOV-01' has no owner");
        });
    }

    @Test
    void ownerWhoLeftTheOrganizationIsNoOwner() {
        criterion("CC1.1", "SECURITY");
        controls.add(new ControlDef(UUID.randomUUID(), "GOV-02", "Board review", ControlStatus.IMPLEMENTED, OWNER, null,
                false, List.of("CC1.1")));
        evidence.put(controls.getFirst().id(), VALID);
        ReadinessReport report = calculate();
        assertThat(requirement(report, "CC1.1").gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.NO_OWNER);
            assertThat(g.message()).endsWith("has no owner (its owner left the organization)");
        });
        assertThat(report.controlSummary().withOwner()).isZero();
    }

    @Test
    void controlWithoutAnyEvidenceHasNoEvidence() {
        criterion("CC7.1", "SECURITY");
        control("OPS-01", ControlStatus.IMPLEMENTED, OWNER, null, "CC7.1");
        RequirementReadiness r = requirement(calculate(), "CC7.1");
        assertThat(r.state()).isEqualTo(RequirementState.PARTIAL);
        assertThat(r.controls().getFirst().evidence()).isEqualTo(EvidenceCounts.NONE);
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.NO_EVIDENCE);
            assertThat(g.message()).isEqualTo("CC7.1: control OPS-01 'Control OPS-01' has no evidence");
        });
    }

    @Test
    void withdrawnEvidenceIsNoEvidence() {
        criterion("CC7.1", "SECURITY");
        control("OPS-01", ControlStatus.IMPLEMENTED, OWNER, ONLY_WITHDRAWN, "CC7.1");
        RequirementReadiness r = requirement(calculate(), "CC7.1");
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.NO_EVIDENCE);
            assertThat(g.message()).endsWith("has no evidence (2 items withdrawn)");
        });
    }

    @Test
    void evidenceOnlyOutsideThePeriodIsNamedWithThePeriod() {
        criterion("CC6.2", "SECURITY");
        control("AC-03", ControlStatus.IMPLEMENTED, OWNER, ONLY_OUTSIDE, "CC6.2");
        controls.set(0, new ControlDef(controls.getFirst().id(), "AC-03", "Quarterly access review",
                ControlStatus.IMPLEMENTED, OWNER, "Olivia Owner", true, List.of("CC6.2")));
        RequirementReadiness r = requirement(calculate(), "CC6.2");
        assertThat(r.state()).isEqualTo(RequirementState.PARTIAL);
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.EVIDENCE_OUTSIDE_PERIOD);
            assertThat(g.message()).isEqualTo(
                    "CC6.2: control AC-03 'Quarterly access review' has evidence only outside the period 2026-06-01 – 2026-11-30");
        });
    }

    @Test
    void typeOneNamesTheAsOfDate() {
        window = new Window(null, LocalDate.of(2026, 6, 30));
        criterion("CC6.2", "SECURITY");
        control("AC-03", ControlStatus.IMPLEMENTED, OWNER, ONLY_OUTSIDE, "CC6.2");
        Gap g = requirement(calculate(), "CC6.2").gaps().getFirst();
        assertThat(g.kind()).isEqualTo(GapKind.EVIDENCE_OUTSIDE_PERIOD);
        assertThat(g.message()).endsWith("has evidence only dated after the as-of date 2026-06-30");
    }

    @Test
    void evidenceInThePeriodButExpiredIsExpiredEvenIfOtherEvidenceIsOutside() {
        criterion("CC8.1", "SECURITY");
        control("CHG-01", ControlStatus.IMPLEMENTED, OWNER, ONLY_EXPIRED, "CC8.1");
        RequirementReadiness r = requirement(calculate(), "CC8.1");
        assertThat(r.state()).isEqualTo(RequirementState.PARTIAL);
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.EVIDENCE_EXPIRED);
            assertThat(g.message()).isEqualTo("CC8.1: control CHG-01 'Control CHG-01' has no valid evidence for "
                    + "the period 2026-06-01 – 2026-11-30: 2 items are past the renewal date and 1 dated outside the period");
        });
    }

    @Test
    void singleExpiredItemForAnAsOfDate() {
        window = new Window(null, LocalDate.of(2026, 6, 30));
        criterion("CC8.1", "SECURITY");
        control("CHG-01", ControlStatus.IMPLEMENTED, OWNER, new EvidenceCounts(0, 0, 1, 0, null, null, null, null),
                "CC8.1");
        assertThat(requirement(calculate(), "CC8.1").gaps().getFirst().message()).endsWith(
                "has no valid evidence for the as-of date 2026-06-30: 1 item is past the renewal date");
    }

    @Test
    void aControlCanHaveSeveralGapsAndEachNamesRequirementAndControl() {
        criterion("CC3.1", "SECURITY");
        control("RSK-01", ControlStatus.NOT_STARTED, null, null, "CC3.1");
        RequirementReadiness r = requirement(calculate(), "CC3.1");
        assertThat(kinds(r.gaps())).containsExactly(GapKind.NOT_IMPLEMENTED, GapKind.NO_OWNER, GapKind.NO_EVIDENCE);
        assertThat(r.gaps()).allSatisfy(g -> {
            assertThat(g.requirement()).isEqualTo("CC3.1");
            assertThat(g.control()).isEqualTo("RSK-01");
            assertThat(g.message()).startsWith("CC3.1: control RSK-01 'Control RSK-01' ");
        });
        assertThat(r.controls().getFirst().gaps()).containsExactlyElementsOf(r.gaps());
    }

    @Test
    void oneReadyControlIsEnoughAndTheOthersKeepTheirOwnGaps() {
        criterion("CC6.1", "SECURITY");
        readyControl("AC-01", "CC6.1");
        control("AC-02", ControlStatus.IN_PROGRESS, null, null, "CC6.1");
        ReadinessReport report = calculate();
        RequirementReadiness r = requirement(report, "CC6.1");
        assertThat(r.state()).isEqualTo(RequirementState.READY);
        assertThat(r.gaps()).isEmpty();
        assertThat(report.gaps()).isEmpty();
        assertThat(r.controls()).extracting(ReadinessReport.ControlReadiness::ref).containsExactly("AC-01", "AC-02");
        assertThat(kinds(r.controls().get(1).gaps()))
                .containsExactly(GapKind.NOT_IMPLEMENTED, GapKind.NO_OWNER, GapKind.NO_EVIDENCE);
    }

    @Test
    void partialRequirementListsTheGapsOfEveryMappedControl() {
        criterion("CC6.1", "SECURITY");
        control("AC-02", ControlStatus.IMPLEMENTED, null, VALID, "CC6.1");
        control("AC-01", ControlStatus.IMPLEMENTED, OWNER, ONLY_OUTSIDE, "CC6.1");
        RequirementReadiness r = requirement(calculate(), "CC6.1");
        assertThat(r.state()).isEqualTo(RequirementState.PARTIAL);
        assertThat(r.gaps()).extracting(Gap::control, Gap::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AC-01", GapKind.EVIDENCE_OUTSIDE_PERIOD),
                org.assertj.core.groups.Tuple.tuple("AC-02", GapKind.NO_OWNER));
    }

    @Test
    void notApplicableControlsAreListedButDoNotCount() {
        criterion("CC6.4", "SECURITY");
        criterion("CC6.5", "SECURITY");
        control("PHY-01", ControlStatus.NOT_APPLICABLE, OWNER, VALID, "CC6.4");
        control("PHY-02", ControlStatus.NOT_APPLICABLE, null, null, "CC6.5");
        control("DSP-01", ControlStatus.NOT_APPLICABLE, null, null, "CC6.5");
        ReadinessReport report = calculate();
        RequirementReadiness r = requirement(report, "CC6.4");
        assertThat(r.state()).isEqualTo(RequirementState.GAP);
        assertThat(r.controls()).singleElement().satisfies(c -> {
            assertThat(c.counted()).isFalse();
            assertThat(c.ready()).isFalse();
            assertThat(c.gaps()).isEmpty();
        });
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.NO_CONTROL);
            assertThat(g.message()).isEqualTo(
                    "CC6.4: no applicable control is mapped to this criterion (PHY-01 is marked not applicable)");
        });
        assertThat(requirement(report, "CC6.5").gaps().getFirst().message())
                .endsWith("(DSP-01, PHY-02 are marked not applicable)");
        assertThat(report.controlSummary().notApplicable()).isEqualTo(3);
        assertThat(report.controlSummary().applicable()).isZero();
        assertThat(report.controlSummary().withValidEvidence()).isZero();
        assertThat(report.overall().ready()).isZero();
    }

    @Test
    void notApplicableControlBesideAnApplicableOneLeavesThePartialGapsOfTheApplicableOne() {
        criterion("CC6.4", "SECURITY");
        control("PHY-01", ControlStatus.NOT_APPLICABLE, null, null, "CC6.4");
        control("PHY-02", ControlStatus.IMPLEMENTED, OWNER, null, "CC6.4");
        RequirementReadiness r = requirement(calculate(), "CC6.4");
        assertThat(r.state()).isEqualTo(RequirementState.PARTIAL);
        assertThat(r.gaps()).extracting(Gap::control, Gap::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PHY-02", GapKind.NO_EVIDENCE));
    }

    @Test
    void criteriaDeclaredNotRelevantAreOutOfScopeAndListedWithTheReason() {
        criterion("CC6.1", "SECURITY");
        criterion("CC6.4", "SECURITY");
        criterion("A1.2", "AVAILABILITY");
        readyControl("AC-01", "CC6.1", "CC6.4");
        excluded.add(new ExcludedDef("CC6.4", "No data centre of our own; hosting is carved out"));
        excluded.add(new ExcludedDef("PI1.1", "Not a candidate: ignored"));
        ReadinessReport report = calculate();
        assertThat(report.requirements()).extracting(RequirementReadiness::id).containsExactly("CC6.1", "A1.2");
        assertThat(report.excluded()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("CC6.4");
            assertThat(e.reason()).isEqualTo("No data centre of our own; hosting is carved out");
        });
        assertThat(report.overall()).isEqualTo(new ReadinessReport.Figure(50, 1, 2));
        assertThat(category(report, "SECURITY")).isEqualTo(new CategoryFigure("SECURITY", "Security", 100, 1, 1));
        assertThat(report.gaps()).extracting(Gap::requirement).containsExactly("A1.2");
    }

    @Test
    void percentagesPerCategoryAndOverallAreRoundedDownWithNumeratorAndDenominator() {
        for (int i = 1; i <= 3; i++) {
            criterion("CC1." + i, "SECURITY");
        }
        criterion("A1.1", "AVAILABILITY");
        criterion("A1.2", "AVAILABILITY");
        criterion("A1.3", "AVAILABILITY");
        readyControl("GOV-01", "CC1.1", "CC1.2");
        readyControl("BCP-01", "A1.1");
        control("BCP-02", ControlStatus.IN_PROGRESS, OWNER, VALID, "A1.2");
        ReadinessReport report = calculate();
        assertThat(category(report, "SECURITY")).isEqualTo(new CategoryFigure("SECURITY", "Security", 66, 2, 3));
        assertThat(category(report, "AVAILABILITY"))
                .isEqualTo(new CategoryFigure("AVAILABILITY", "Availability", 33, 1, 3));
        assertThat(report.overall()).isEqualTo(new ReadinessReport.Figure(50, 3, 6));
        assertThat(report.categories()).extracting(CategoryFigure::code).containsExactly("SECURITY", "AVAILABILITY");
        // every point traces to the listed requirements
        assertThat(report.requirements().stream().filter(r -> r.state() == RequirementState.READY).count())
                .isEqualTo(report.overall().ready());
        assertThat(report.requirements()).hasSize(report.overall().total());
    }

    @Test
    void nearlyAllReadyIsNotShownAsOneHundredPercent() {
        for (int i = 1; i <= 200; i++) {
            criterion("R" + i, "SECURITY");
            if (i < 200) {
                readyControl("C" + i, "R" + i);
            }
        }
        assertThat(calculate().overall()).isEqualTo(new ReadinessReport.Figure(99, 199, 200));
    }

    @Test
    void categoriesWithoutRequirementsShowZeroOfZeroAndUnknownCategoriesAreAdded() {
        criterion("CC1.1", "SECURITY");
        criterion("X1", null);
        criterion("PI1.1", "PROCESSING_INTEGRITY");
        ReadinessReport report = calculate();
        assertThat(report.categories()).extracting(CategoryFigure::code)
                .containsExactly("SECURITY", "AVAILABILITY", "OTHER", "PROCESSING_INTEGRITY");
        assertThat(category(report, "AVAILABILITY")).isEqualTo(new CategoryFigure("AVAILABILITY", "Availability", 0, 0, 0));
        assertThat(category(report, "PROCESSING_INTEGRITY").name()).isEqualTo("PROCESSING_INTEGRITY");
        assertThat(requirement(report, "X1").category()).isEqualTo("OTHER");
    }

    @Test
    void socOneObjectivesAreRequirementsMappedById() {
        kind = RequirementKind.OBJECTIVE;
        categories = List.of();
        String co1 = UUID.randomUUID().toString();
        String co2 = UUID.randomUUID().toString();
        requirements.add(new RequirementDef(co1, "CO-1", "Access to programs and data is restricted", "Logical access"));
        requirements.add(new RequirementDef(co2, "CO-2", "Changes are authorized and tested", "Change management"));
        readyControl("AC-01", co1);
        ReadinessReport report = calculate();
        assertThat(requirement(report, co1).state()).isEqualTo(RequirementState.READY);
        assertThat(requirement(report, co1).ref()).isEqualTo("CO-1");
        assertThat(requirement(report, co2).gaps()).singleElement().satisfies(g -> {
            assertThat(g.requirement()).isEqualTo("CO-2");
            assertThat(g.requirementId()).isEqualTo(co2);
            assertThat(g.message()).isEqualTo("CO-2: no control is mapped to this control objective");
        });
        assertThat(report.categories()).extracting(CategoryFigure::code, CategoryFigure::percent).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Logical access", 100),
                org.assertj.core.groups.Tuple.tuple("Change management", 0));
        assertThat(report.overall()).isEqualTo(new ReadinessReport.Figure(50, 1, 2));
    }

    @Test
    void mappingsToRequirementsOutOfScopeAreIgnoredAndUnmappedControlsCounted() {
        criterion("CC6.1", "SECURITY");
        readyControl("AC-01", "CC6.1", "P1.1");
        readyControl("PRV-01", "P1.1");
        ReadinessReport report = calculate();
        assertThat(report.requirements()).extracting(RequirementReadiness::id).containsExactly("CC6.1");
        assertThat(report.controlSummary().unmapped()).isEqualTo(1);
        assertThat(report.controlSummary().applicable()).isEqualTo(2);
    }

    @Test
    void controlSummaryCountsImplementedOwnedEvidencedAndByStatus() {
        criterion("CC6.1", "SECURITY");
        readyControl("AC-01", "CC6.1");
        control("AC-02", ControlStatus.IMPLEMENTED, null, VALID, "CC6.1");
        control("AC-03", ControlStatus.IN_PROGRESS, OWNER, ONLY_OUTSIDE, "CC6.1");
        control("AC-04", ControlStatus.NOT_STARTED, null, null);
        control("AC-05", ControlStatus.NOT_APPLICABLE, OWNER, VALID, "CC6.1");
        var s = calculate().controlSummary();
        assertThat(s.total()).isEqualTo(5);
        assertThat(s.applicable()).isEqualTo(4);
        assertThat(s.notApplicable()).isEqualTo(1);
        assertThat(s.implemented()).isEqualTo(2);
        assertThat(s.withOwner()).isEqualTo(2);
        assertThat(s.withValidEvidence()).isEqualTo(2);
        assertThat(s.fullyReady()).isEqualTo(1);
        assertThat(s.unmapped()).isEqualTo(1);
        assertThat(s.byStatus()).containsExactly(Map.entry("NOT_STARTED", 1), Map.entry("IN_PROGRESS", 1),
                Map.entry("IMPLEMENTED", 2), Map.entry("NOT_APPLICABLE", 1));
    }

    @Test
    void aControlMappedTwiceToTheSameRequirementIsListedOnce() {
        criterion("CC6.1", "SECURITY");
        control("AC-01", ControlStatus.IN_PROGRESS, OWNER, VALID, "CC6.1", "CC6.1");
        RequirementReadiness r = requirement(calculate(), "CC6.1");
        assertThat(r.controls()).hasSize(1);
        assertThat(r.gaps()).hasSize(1);
    }

    @Test
    void topLevelGapsFollowTheRequirementOrder() {
        criterion("CC1.1", "SECURITY");
        criterion("CC2.1", "SECURITY");
        criterion("CC3.1", "SECURITY");
        control("X-01", ControlStatus.IMPLEMENTED, null, VALID, "CC3.1", "CC1.1");
        ReadinessReport report = calculate();
        assertThat(report.gaps()).extracting(Gap::requirement, Gap::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CC1.1", GapKind.NO_OWNER),
                org.assertj.core.groups.Tuple.tuple("CC2.1", GapKind.NO_CONTROL),
                org.assertj.core.groups.Tuple.tuple("CC3.1", GapKind.NO_OWNER));
    }

    @Test
    void emptyInputsGiveAnEmptyReportAtZeroOfZero() {
        categories = List.of();
        ReadinessReport report = calculate();
        assertThat(report.overall()).isEqualTo(new ReadinessReport.Figure(0, 0, 0));
        assertThat(report.requirements()).isEmpty();
        assertThat(report.gaps()).isEmpty();
        assertThat(report.categories()).isEmpty();
        assertThat(report.controlSummary().total()).isZero();

        ReadinessReport bare = ReadinessCalculator.calculate(new Input(null, null, null, null, null, null, null, TODAY));
        assertThat(bare.overall().total()).isZero();
        assertThat(bare.referenceDate()).isEqualTo(TODAY);
    }

    @Test
    void controlsWithoutRequirementsLeaveEveryRequirementAGap() {
        criterion("CC1.1", "SECURITY");
        criterion("CC1.2", "SECURITY");
        readyControl("AC-01");
        ReadinessReport report = calculate();
        assertThat(report.requirements()).allSatisfy(r -> assertThat(r.state()).isEqualTo(RequirementState.GAP));
        assertThat(kinds(report.gaps())).containsExactly(GapKind.NO_CONTROL, GapKind.NO_CONTROL);
        assertThat(report.overall().percent()).isZero();
    }

    @Test
    void windowDescriptions() {
        assertThat(new Window(START, END).describe()).isEqualTo("2026-06-01 – 2026-11-30");
        assertThat(new Window(null, END).describe()).isEqualTo("as of 2026-11-30");
        assertThat(new Window(null, null).describe()).isEqualTo("no period set");
    }

    static CategoryFigure category(ReadinessReport report, String code) {
        return report.categories().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }
}
