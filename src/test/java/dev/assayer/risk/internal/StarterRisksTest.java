package dev.assayer.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.internal.StarterLibrary;
import dev.assayer.control.internal.StarterLibrary.StarterControl;
import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.internal.StarterRisks.StarterRisk;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StarterRisksTest {

    @Test
    void aboutFortyValidRisksCoveringFraudAndChange() {
        List<StarterRisk> risks = StarterRisks.risks();
        assertThat(risks).hasSizeBetween(38, 45);
        assertThat(risks).extracting(StarterRisk::key).doesNotHaveDuplicates();
        assertThat(risks).extracting(StarterRisk::title).doesNotHaveDuplicates();
        assertThat(risks).extracting(StarterRisk::category)
                .contains(RiskCategory.FRAUD, RiskCategory.CHANGE, RiskCategory.VENDOR, RiskCategory.PEOPLE,
                        RiskCategory.AVAILABILITY, RiskCategory.DATA_PROTECTION, RiskCategory.PROCESSING);
        for (StarterRisk r : risks) {
            RiskRules.normalize(r.draft(r.controls(), RiskScale.DEFAULT), RiskScale.DEFAULT);
            assertThat(r.threat()).as(r.key()).isNotBlank();
            assertThat(r.vulnerability()).as(r.key()).isNotBlank();
            assertThat(r.controls()).as(r.key()).isNotEmpty();
        }
    }

    @Test
    void everySuggestedControlExistsInTheStarterControlLibrary() {
        Set<String> refs = StarterLibrary.controls().stream().map(StarterControl::ref).collect(Collectors.toSet());
        for (StarterRisk r : StarterRisks.risks()) {
            assertThat(refs).as(r.key()).containsAll(r.controls());
        }
    }

    @Test
    void levelsAreCappedOnASmallerScale() {
        StarterRisk r = StarterRisks.risks().getFirst();
        var d = r.draft(List.of(), new RiskScale(3, 3, 3, 5, 7));
        assertThat(d.inherentLikelihood()).isLessThanOrEqualTo(3);
        assertThat(d.inherentImpact()).isLessThanOrEqualTo(3);
    }
}
