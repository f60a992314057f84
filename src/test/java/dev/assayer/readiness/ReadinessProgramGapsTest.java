package dev.assayer.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.policy.Acknowledgement;
import dev.assayer.policy.AcknowledgementGap;
import dev.assayer.readiness.ReadinessCalculator.CategoryDef;
import dev.assayer.readiness.ReadinessCalculator.ControlDef;
import dev.assayer.readiness.ReadinessCalculator.ControlStatus;
import dev.assayer.readiness.ReadinessCalculator.ExcludedDef;
import dev.assayer.readiness.ReadinessCalculator.Input;
import dev.assayer.readiness.ReadinessCalculator.ProgramGapDef;
import dev.assayer.readiness.ReadinessCalculator.RequirementDef;
import dev.assayer.readiness.ReadinessCalculator.RequirementKind;
import dev.assayer.readiness.ReadinessReport.EvidenceCounts;
import dev.assayer.readiness.ReadinessReport.Gap;
import dev.assayer.readiness.ReadinessReport.ProgramGap;
import dev.assayer.readiness.ReadinessReport.RequirementReadiness;
import dev.assayer.readiness.ReadinessReport.Subject;
import dev.assayer.readiness.ReadinessReport.Window;
import dev.assayer.readiness.internal.ProgramGapRules;
import dev.assayer.people.TrainingDue;
import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.RiskPosture;
import dev.assayer.risk.RiskRating;
import dev.assayer.risk.RiskScore;
import dev.assayer.risk.Treatment;
import dev.assayer.vendor.CuecGap;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Program gaps (risk assessment, policy acknowledgements, vendor CUECs, training) in the readiness
 * rules, on plain data: how the other modules' reports become gaps, and how a gap holds back the
 * criteria it bears on.
 */
class ReadinessProgramGapsTest {

    static final LocalDate START = LocalDate.of(2026, 6, 1);
    static final LocalDate END = LocalDate.of(2026, 11, 30);
    static final LocalDate TODAY = LocalDate.of(2026, 9, 15);
    static final UUID OWNER = UUID.randomUUID();
    static final EvidenceCounts VALID = new EvidenceCounts(1, 0, 0, 0, LocalDate.of(2026, 8, 1), null,
            UUID.randomUUID(), "Evidence");

    final List<RequirementDef> requirements = new ArrayList<>();
    final List<ExcludedDef> excluded = new ArrayList<>();
    final List<ControlDef> controls = new ArrayList<>();
    final Map<UUID, EvidenceCounts> evidence = new HashMap<>();
    final List<ProgramGapDef> program = new ArrayList<>();
    RequirementKind kind = RequirementKind.CRITERION;

    /** A criterion with a fully ready control: READY unless a program gap bears on it. */
    void readyCriterion(String id) {
        requirements.add(new RequirementDef(id, id, "Title of " + id, "SECURITY"));
        ControlDef c = new ControlDef(UUID.randomUUID(), "C-" + id, "Control for " + id, ControlStatus.IMPLEMENTED,
                OWNER, "Olivia Owner", false, List.of(id));
        controls.add(c);
        evidence.put(c.id(), VALID);
    }

    ReadinessReport calculate() {
        Subject subject = new Subject(UUID.randomUUID(), "FY26", kind == RequirementKind.CRITERION ? "SOC2" : "SOC1",
                "TYPE2", new Window(START, END));
        return ReadinessCalculator.calculate(new Input(subject, kind, List.of(new CategoryDef("SECURITY", "Security")),
                requirements, excluded, controls, evidence, TODAY, program));
    }

    static RequirementReadiness requirement(ReadinessReport report, String id) {
        return report.requirements().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    static Risk risk(String ref, String title, Treatment treatment) {
        RiskScore s = new RiskScore(3, 4, 12, RiskRating.HIGH);
        return new Risk(UUID.randomUUID(), ref, title, "", RiskCategory.values()[0], "", "", "", List.of("SECURITY"),
                null, null, s, s, treatment, null, null, null, null, List.of(), List.of(), null, List.of(), 1,
                Instant.EPOCH, Instant.EPOCH);
    }

    static Acknowledgement person(String name) {
        return new Acknowledgement(UUID.randomUUID(), name, name.toLowerCase().replace(' ', '.') + "@example.test", null);
    }

    /** Asserts that {@code id} was READY without the gap and is PARTIAL with it, showing the gap. */
    void assertHeldBack(String id, GapKind gapKind) {
        List<ProgramGapDef> saved = List.copyOf(program);
        program.clear();
        assertThat(requirement(calculate(), id).state()).isEqualTo(RequirementState.READY);
        program.addAll(saved);
        ReadinessReport report = calculate();
        RequirementReadiness r = requirement(report, id);
        assertThat(r.state()).as(id).isEqualTo(RequirementState.PARTIAL);
        assertThat(r.gaps()).extracting(Gap::kind).contains(gapKind);
        assertThat(r.gaps()).filteredOn(g -> g.kind() == gapKind).allSatisfy(g -> {
            assertThat(g.requirement()).isEqualTo(id);
            assertThat(g.message()).startsWith(id + ": ");
            assertThat(g.controlId()).isNull();
            assertThat(g.link()).startsWith("/");
        });
        assertThat(report.gaps()).containsAll(r.gaps());
        assertThat(r.controls()).singleElement().satisfies(c -> assertThat(c.ready()).isTrue());
    }

    @Test
    void missingRiskAssessmentHoldsBackTheRiskAssessmentCriteria() {
        List.of("CC3.1", "CC3.2", "CC3.3", "CC3.4", "CC6.1").forEach(this::readyCriterion);
        program.addAll(ProgramGapRules.risk(new RiskPosture(null, true, List.of()), TODAY));
        assertThat(program).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(GapKind.RISK_ASSESSMENT_MISSING);
            assertThat(p.criteria()).containsExactly("CC3.1", "CC3.2", "CC3.3", "CC3.4");
            assertThat(p.message()).contains("no risk assessment has been approved");
            assertThat(p.link()).isEqualTo("/risks/assessments");
        });
        for (String id : List.of("CC3.1", "CC3.2", "CC3.3", "CC3.4")) {
            assertHeldBack(id, GapKind.RISK_ASSESSMENT_MISSING);
        }
        ReadinessReport report = calculate();
        assertThat(requirement(report, "CC6.1").state()).isEqualTo(RequirementState.READY);
        assertThat(report.overall().ready()).isEqualTo(1);
        assertThat(report.overall().total()).isEqualTo(5);
        assertThat(report.programGaps()).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.RISK_ASSESSMENT_MISSING);
            assertThat(g.heldBack()).containsExactly("CC3.1", "CC3.2", "CC3.3", "CC3.4");
        });
        assertThat(report.gaps()).hasSize(4);
    }

    @Test
    void staleRiskAssessmentSaysItsDateAndAge() {
        readyCriterion("CC3.1");
        LocalDate latest = LocalDate.of(2025, 1, 10);
        program.addAll(ProgramGapRules.risk(new RiskPosture(latest, true, List.of()), TODAY));
        assertThat(program).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(GapKind.RISK_ASSESSMENT_STALE);
            assertThat(p.subject()).isEqualTo("Risk assessment of 2025-01-10");
            assertThat(p.message()).contains("dated 2025-01-10, 20 months ago (more than 12 months)");
        });
        assertHeldBack("CC3.1", GapKind.RISK_ASSESSMENT_STALE);

        program.clear();
        program.addAll(ProgramGapRules.risk(new RiskPosture(LocalDate.of(2026, 3, 1), false, List.of()), TODAY));
        assertThat(program).isEmpty();
        assertThat(requirement(calculate(), "CC3.1").state()).isEqualTo(RequirementState.READY);
    }

    @Test
    void eachMitigatedRiskWithoutAControlIsAGapOfCc32NamingTheRisk() {
        readyCriterion("CC3.1");
        readyCriterion("CC3.2");
        Risk a = risk("R-007", "Secrets exposed in code", Treatment.MITIGATE);
        Risk b = risk("R-012", "Data loss without a usable backup", Treatment.MITIGATE);
        program.addAll(ProgramGapRules.risk(new RiskPosture(LocalDate.of(2026, 7, 1), false, List.of(a, b)), TODAY));
        assertThat(program).extracting(ProgramGapDef::kind).containsOnly(GapKind.RISK_UNMITIGATED).hasSize(2);
        assertThat(program.getFirst().subject()).isEqualTo("R-007 Secrets exposed in code");
        assertThat(program.getFirst().message()).contains("risk R-007 'Secrets exposed in code' is treated by mitigation")
                .contains("no control is linked");
        assertThat(program.getFirst().link()).isEqualTo("/risks/" + a.id());
        assertThat(program.getFirst().criteria()).containsExactly("CC3.2");
        assertHeldBack("CC3.2", GapKind.RISK_UNMITIGATED);
        ReadinessReport report = calculate();
        assertThat(requirement(report, "CC3.1").state()).isEqualTo(RequirementState.READY);
        assertThat(requirement(report, "CC3.2").gaps()).hasSize(2);
        assertThat(report.programGaps()).hasSize(2);
    }

    @Test
    void unacknowledgedPolicyNamesUpToFivePeopleAndBearsOnCc22() {
        readyCriterion("CC1.1");
        readyCriterion("CC2.2");
        UUID isp = UUID.randomUUID();
        List<Acknowledgement> four = IntStream.rangeClosed(1, 4).mapToObj(i -> person("Person " + i)).toList();
        List<Acknowledgement> six = IntStream.rangeClosed(1, 6).mapToObj(i -> person("Member " + i)).toList();
        program.addAll(ProgramGapRules.policies(List.of(
                new AcknowledgementGap(isp, "information-security", "Information Security Policy", "information-security",
                        UUID.randomUUID(), 3, 12, four),
                new AcknowledgementGap(UUID.randomUUID(), "acceptable-use", "Acceptable Use Policy", null,
                        UUID.randomUUID(), 1, 12, six))));
        assertThat(program.getFirst().kind()).isEqualTo(GapKind.POLICY_UNACKNOWLEDGED);
        assertThat(program.getFirst().subject()).isEqualTo("Information Security Policy v3");
        assertThat(program.getFirst().message()).startsWith(
                "Information Security Policy v3: 4 of 12 people have not acknowledged (Person 1, Person 2, Person 3, Person 4)");
        assertThat(program.getFirst().link()).isEqualTo("/policies/" + isp);
        assertThat(program.getFirst().criteria()).containsExactly("CC2.2");
        assertThat(program.get(1).message()).startsWith("Acceptable Use Policy v1: 6 of 12 people have not acknowledged;")
                .doesNotContain("Member 1");
        assertHeldBack("CC2.2", GapKind.POLICY_UNACKNOWLEDGED);
        assertThat(requirement(calculate(), "CC1.1").state()).isEqualTo(RequirementState.READY);
    }

    @Test
    void anUnacknowledgedCodeOfConductAlsoBearsOnCc11() {
        readyCriterion("CC1.1");
        readyCriterion("CC2.2");
        program.addAll(ProgramGapRules.policies(List.of(new AcknowledgementGap(UUID.randomUUID(), "conduct",
                "Code of Conduct", "code-of-conduct", UUID.randomUUID(), 1, 3, List.of(person("Ann Lee"))))));
        assertThat(program.getFirst().message()).startsWith("Code of Conduct v1: 1 of 3 people have not acknowledged (Ann Lee)");
        assertHeldBack("CC1.1", GapKind.POLICY_UNACKNOWLEDGED);
        assertHeldBack("CC2.2", GapKind.POLICY_UNACKNOWLEDGED);
    }

    @Test
    void unmappedVendorCuecNamesTheVendorAndTheCuecAndBearsOnCc92() {
        readyCriterion("CC9.2");
        UUID vendor = UUID.randomUUID();
        program.addAll(ProgramGapRules.vendors(List.of(new CuecGap(vendor, "VND-1", "Amazon Web Services, Inc.",
                UUID.randomUUID(), "CUEC-4", "Customers review their root account activity."))));
        assertThat(program).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(GapKind.VENDOR_CUEC_UNMAPPED);
            assertThat(p.subject()).isEqualTo("Amazon Web Services, Inc.: CUEC-4");
            assertThat(p.message()).contains("Amazon Web Services, Inc. (VND-1) expects us to operate CUEC-4 "
                    + "'Customers review their root account activity.'").contains("none of our controls is mapped");
            assertThat(p.link()).isEqualTo("/vendors/" + vendor);
            assertThat(p.criteria()).containsExactly("CC9.2");
        });
        assertHeldBack("CC9.2", GapKind.VENDOR_CUEC_UNMAPPED);
    }

    @Test
    void overdueTrainingBearsOnCc14AndCc22() {
        readyCriterion("CC1.4");
        readyCriterion("CC2.2");
        UUID person = UUID.randomUUID();
        program.addAll(ProgramGapRules.training(List.of(new TrainingDue(person, "Lena Park", "lena@example.test",
                LocalDate.of(2026, 8, 1), "security awareness training expired on 2026-08-01 (last completed 2025-08-01)")),
                TODAY));
        assertThat(program).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(GapKind.TRAINING_OVERDUE);
            assertThat(p.subject()).isEqualTo("Lena Park");
            assertThat(p.message()).isEqualTo("Lena Park (lena@example.test): security awareness training expired on "
                    + "2026-08-01 (last completed 2025-08-01), overdue for 1 month; have the training completed and recorded");
            assertThat(p.link()).isEqualTo("/people/" + person);
            assertThat(p.criteria()).containsExactly("CC1.4", "CC2.2");
        });
        assertHeldBack("CC1.4", GapKind.TRAINING_OVERDUE);
        assertHeldBack("CC2.2", GapKind.TRAINING_OVERDUE);
    }

    @Test
    void aCriterionWithoutControlsStaysAGapAndAlsoShowsTheProgramGap() {
        requirements.add(new RequirementDef("CC9.2", "CC9.2", "Vendors", "SECURITY"));
        program.add(new ProgramGapDef(GapKind.VENDOR_CUEC_UNMAPPED, List.of("CC9.2"), "V: CUEC-1", "cuec not mapped",
                "/vendors/x"));
        RequirementReadiness r = requirement(calculate(), "CC9.2");
        assertThat(r.state()).isEqualTo(RequirementState.GAP);
        assertThat(r.gaps()).extracting(Gap::kind).containsExactly(GapKind.NO_CONTROL, GapKind.VENDOR_CUEC_UNMAPPED);
        assertThat(r.gaps().get(1).message()).isEqualTo("CC9.2: cuec not mapped");
        assertThat(r.gaps().get(1).link()).isEqualTo("/vendors/x");
    }

    @Test
    void aPartialCriterionShowsItsControlGapsThenTheProgramGap() {
        requirements.add(new RequirementDef("CC2.2", "CC2.2", "Internal communication", "SECURITY"));
        controls.add(new ControlDef(UUID.randomUUID(), "POL-02", "Acknowledgment", ControlStatus.IN_PROGRESS, OWNER,
                "Olivia Owner", false, List.of("CC2.2")));
        program.addAll(ProgramGapRules.policies(List.of(new AcknowledgementGap(UUID.randomUUID(), "isp", "ISP", null,
                UUID.randomUUID(), 1, 2, List.of(person("Bo Chen"))))));
        RequirementReadiness r = requirement(calculate(), "CC2.2");
        assertThat(r.state()).isEqualTo(RequirementState.PARTIAL);
        assertThat(r.gaps()).extracting(Gap::kind).containsExactly(GapKind.NOT_IMPLEMENTED, GapKind.NO_EVIDENCE,
                GapKind.POLICY_UNACKNOWLEDGED);
    }

    @Test
    void criteriaOutOfScopeOrDeclaredNotRelevantAreNotHeldBackButTheGapIsListed() {
        readyCriterion("CC9.2");
        excluded.add(new ExcludedDef("CC9.2", "No vendors"));
        program.add(new ProgramGapDef(GapKind.VENDOR_CUEC_UNMAPPED, List.of("CC9.2", "P6.1"), "V: CUEC-1", "unmapped",
                "/vendors/x"));
        ReadinessReport report = calculate();
        assertThat(report.requirements()).isEmpty();
        assertThat(report.gaps()).isEmpty();
        assertThat(report.programGaps()).singleElement().satisfies(g -> {
            assertThat(g.heldBack()).isEmpty();
            assertThat(g.criteria()).containsExactly("CC9.2", "P6.1");
        });
    }

    @Test
    void socOneEngagementsListProgramGapsButCountNoObjectiveAgainstThem() {
        kind = RequirementKind.OBJECTIVE;
        readyCriterion("CC3.1"); // an objective that happens to share the id: still not held back
        readyCriterion("CO-1");
        program.addAll(ProgramGapRules.risk(new RiskPosture(null, true, List.of()), TODAY));
        program.addAll(ProgramGapRules.vendors(List.of(new CuecGap(UUID.randomUUID(), "VND-2", "Payroll Bank",
                UUID.randomUUID(), "CUEC-1", "Reconcile files."))));
        ReadinessReport report = calculate();
        assertThat(report.requirements()).allSatisfy(r -> assertThat(r.state()).isEqualTo(RequirementState.READY));
        assertThat(report.overall().percent()).isEqualTo(100);
        assertThat(report.gaps()).isEmpty();
        assertThat(report.programGaps()).extracting(ProgramGap::kind)
                .containsExactly(GapKind.RISK_ASSESSMENT_MISSING, GapKind.VENDOR_CUEC_UNMAPPED);
        assertThat(report.programGaps()).allSatisfy(g -> assertThat(g.heldBack()).isEmpty());
    }

    @Test
    void programGapsAreListedOnceInKindOrder() {
        readyCriterion("CC2.2");
        readyCriterion("CC3.2");
        program.addAll(ProgramGapRules.training(List.of(new TrainingDue(null, "Kim", null, null, null)), TODAY));
        program.addAll(ProgramGapRules.risk(new RiskPosture(null, true, List.of()), TODAY));
        ReadinessReport report = calculate();
        assertThat(report.programGaps()).extracting(ProgramGap::kind)
                .containsExactly(GapKind.RISK_ASSESSMENT_MISSING, GapKind.TRAINING_OVERDUE);
        assertThat(report.programGaps().get(1).link()).isEqualTo("/people");
        assertThat(report.programGaps().get(1).message())
                .isEqualTo("Kim: security awareness training is overdue; have the training completed and recorded");
    }

    @Test
    void onlyProgramKindsMayBeProgramGaps() {
        assertThatThrownBy(() -> new ProgramGapDef(GapKind.NO_EVIDENCE, List.of("CC1.1"), "x", "y", "/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GapKind.NO_CONTROL.program()).isFalse();
        assertThat(GapKind.TRAINING_OVERDUE.program()).isTrue();
    }
}
