package dev.assayer.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.RiskDraft;
import dev.assayer.risk.RiskFlag;
import dev.assayer.risk.Treatment;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RiskRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    static final UUID OWNER = UUID.randomUUID();
    static final UUID APPROVER = UUID.randomUUID();

    static RiskDraft draft(Treatment t, UUID approver, String reason, LocalDate expires) {
        return new RiskDraft("  Stolen laptop ", " ", RiskCategory.SECURITY, "theft", null, null,
                List.of("privacy", "security", "Processing integrity"), OWNER, null, 3, 4, null, null, t, approver, reason,
                expires, null, List.of("AC-01", " ", "AC-01", "CHG-02"));
    }

    static List<String> fields(ApiProblem p) {
        return p.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void normalizeTrimsOrdersCategoriesAndDefaultsResidualToInherent() {
        RiskDraft d = RiskRules.normalize(draft(Treatment.MITIGATE, APPROVER, "ignored", TODAY), RiskScale.DEFAULT);
        assertThat(d.title()).isEqualTo("Stolen laptop");
        assertThat(d.description()).isNull();
        assertThat(d.soc2Categories()).containsExactly("SECURITY", "PROCESSING_INTEGRITY", "PRIVACY");
        assertThat(d.residualLikelihood()).isEqualTo(3);
        assertThat(d.residualImpact()).isEqualTo(4);
        assertThat(d.controls()).containsExactly("AC-01", "CHG-02");
        assertThat(d.acceptanceApproverId()).isNull();
        assertThat(d.acceptanceReason()).isNull();
        assertThat(d.acceptanceExpires()).isNull();
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        RiskDraft bad = new RiskDraft(null, null, null, null, null, null, List.of("SECURITY", "SOC9"), null, null, 0,
                6, 7, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> RiskRules.normalize(bad, RiskScale.DEFAULT)).isInstanceOfSatisfying(ApiProblem.class,
                p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(fields(p)).containsExactlyInAnyOrder("title", "category", "soc2Categories[1]",
                            "inherentLikelihood", "inherentImpact", "residualLikelihood", "treatment");
                    assertThat(p.getMessage()).contains("inherentImpact must be between 1 and 5, got 6");
                });
    }

    @Test
    void acceptRequiresApproverReasonAndExpiry() {
        assertThatThrownBy(() -> RiskRules.normalize(draft(Treatment.ACCEPT, null, " ", null), RiskScale.DEFAULT))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(fields(p)).containsExactly(
                        "acceptanceApproverId", "acceptanceReason", "acceptanceExpires"));
        RiskDraft ok = RiskRules.normalize(draft(Treatment.ACCEPT, APPROVER, " low value ", TODAY.plusMonths(6)),
                RiskScale.DEFAULT);
        assertThat(ok.acceptanceReason()).isEqualTo("low value");
        assertThat(ok.acceptanceExpires()).isEqualTo(TODAY.plusMonths(6));
    }

    @Test
    void theOwnerCannotApproveTheAcceptanceOfTheirOwnRisk() {
        assertThat(RiskRules.acceptanceProblems(OWNER, OWNER, "why", TODAY)).extracting(FieldError::field)
                .containsExactly("acceptanceApproverId");
        assertThat(RiskRules.acceptanceProblems(OWNER, APPROVER, "why", TODAY)).isEmpty();
        assertThat(RiskRules.acceptanceProblems(null, APPROVER, "why", TODAY)).isEmpty();
    }

    @Test
    void flagsMitigationWithoutControlsExpiredAcceptanceAndOverdueReview() {
        assertThat(RiskRules.flags(Treatment.MITIGATE, 0, null, null, TODAY)).containsExactly(RiskFlag.NO_MITIGATING_CONTROL);
        assertThat(RiskRules.flags(Treatment.MITIGATE, 2, null, null, TODAY)).isEmpty();
        assertThat(RiskRules.flags(Treatment.TRANSFER, 0, null, null, TODAY)).isEmpty();
        assertThat(RiskRules.flags(Treatment.ACCEPT, 0, TODAY.minusDays(1), null, TODAY))
                .containsExactly(RiskFlag.ACCEPTANCE_EXPIRED);
        assertThat(RiskRules.flags(Treatment.ACCEPT, 0, TODAY, null, TODAY)).isEmpty();
        assertThat(RiskRules.flags(Treatment.AVOID, 0, null, TODAY.minusDays(1), TODAY))
                .containsExactly(RiskFlag.REVIEW_OVERDUE);
    }

    @Test
    void anAssessmentIsStaleWhenMissingOrOlderThanTwelveMonths() {
        assertThat(RiskRules.stale(null, TODAY)).isTrue();
        assertThat(RiskRules.stale(TODAY.minusMonths(12), TODAY)).isFalse();
        assertThat(RiskRules.stale(TODAY.minusMonths(12).minusDays(1), TODAY)).isTrue();
        assertThat(RiskRules.stale(TODAY.minusDays(3), TODAY)).isFalse();
    }

    @Test
    void nextRefFollowsTheHighestNumber() {
        assertThat(RiskRules.nextRef(List.of())).isEqualTo("R-001");
        assertThat(RiskRules.nextRef(List.of("R-001", "R-009", "X-100", "R-3"))).isEqualTo("R-010");
        assertThat(RiskRules.nextRef(List.of("R-999"))).isEqualTo("R-1000");
    }
}
