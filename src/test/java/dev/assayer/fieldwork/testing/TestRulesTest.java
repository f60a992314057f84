package dev.assayer.fieldwork.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.control.Frequency;
import dev.assayer.control.Nature;
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.SignOff;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestEvaluation;
import dev.assayer.fieldwork.TestItem;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.internal.testing.TestRules;
import dev.assayer.fieldwork.sampling.AttributeSampling;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.fieldwork.sampling.FrequencyTable;
import dev.assayer.shared.ApiProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of tests of controls, without the application: sizing, evaluation, concluding and sign-off. */
class TestRulesTest {

    static final BigDecimal C95 = new BigDecimal("0.95");
    static final List<TestAttribute> AB = List.of(new TestAttribute("A", "approved"), new TestAttribute("B", "timely"));

    static TestPlan sized(TestSizing sizing) {
        return new TestPlan(List.of(new Procedure(TestMethod.INSPECTION, "Inspect the ticket")), AB, null, null, List.of(),
                sizing);
    }

    static int statusOf(Throwable t) {
        return ((ApiProblem) t).status();
    }

    @Test
    void inquiryAloneCannotConcludeATest() {
        List<Procedure> inquiries = List.of(new Procedure(TestMethod.INQUIRY, "Ask the IT manager"),
                new Procedure(TestMethod.INQUIRY, "Ask HR"));
        assertThatThrownBy(() -> TestRules.requireConcludable(inquiries, Conclusion.OPERATING_EFFECTIVELY, "No exceptions noted."))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("Inquiry alone is not sufficient evidence")
                .hasMessageContaining("observation, inspection or re-performance")
                .extracting(TestRulesTest::statusOf).isEqualTo(409);
        assertThatThrownBy(() -> TestRules.requireConcludable(List.of(), Conclusion.NOT_EFFECTIVE, "x"))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("no procedures");
        List<Procedure> withObservation = new ArrayList<>(inquiries);
        withObservation.add(new Procedure(TestMethod.OBSERVATION, "Watch the access review meeting"));
        assertThatCode(() -> TestRules.requireConcludable(withObservation, Conclusion.OPERATING_EFFECTIVELY, "No exceptions noted."))
                .doesNotThrowAnyException();
        // the auditor writes both the conclusion and the wording
        assertThatThrownBy(() -> TestRules.requireConcludable(withObservation, null, "x"))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("conclusion:");
        assertThatThrownBy(() -> TestRules.requireConcludable(withObservation, Conclusion.NOT_EFFECTIVE, "  "))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("resultWording:");
    }

    @Test
    void theReviewerIsAnotherPersonSignsAfterThePreparerAndOnlyWithEveryNoteCleared() {
        UUID preparer = UUID.randomUUID();
        UUID reviewer = UUID.randomUUID();
        SignOff prepared = new SignOff(preparer, "Pat Preparer", Instant.now());
        assertThatThrownBy(() -> TestRules.requireReviewerSignOff(null, null, reviewer, 0))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("preparer has not signed off");
        assertThatThrownBy(() -> TestRules.requireReviewerSignOff(prepared, null, preparer, 0))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("another person than the preparer (Pat Preparer)");
        assertThatThrownBy(() -> TestRules.requireReviewerSignOff(prepared, null, reviewer, 2))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("2 review notes are not cleared");
        assertThatCode(() -> TestRules.requireReviewerSignOff(prepared, null, reviewer, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TestRules.requireReviewerSignOff(prepared, new SignOff(reviewer, "R", Instant.now()),
                reviewer, 0)).isInstanceOf(ApiProblem.class).hasMessageContaining("already signed off");
        // the preparer signs a concluded test, once
        assertThatThrownBy(() -> TestRules.requirePreparerSignOff(null, null))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("Write the conclusion");
        assertThatThrownBy(() -> TestRules.requirePreparerSignOff(Conclusion.NOT_EFFECTIVE, prepared))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("already signed off");
    }

    @Test
    void frequencySizingReadsTheFirmsTable() {
        FrequencyTable firm = FrequencyTable.defaults().withOverride(ControlFrequency.MONTHLY, 4)
                .withOverride(ControlFrequency.DAILY, 30);
        TestSizing monthly = TestRules.normalize(sized(TestSizing.byFrequency(ControlFrequency.MONTHLY, null)), firm, C95)
                .sizing();
        assertThat(monthly.sampleSize()).isEqualTo(4);
        assertThat(monthly.note()).contains("Monthly control: 4 items per the firm's frequency table");
        assertThat(monthly.confidence()).isEqualByComparingTo("0.95");
        TestSizing defaults = TestRules.normalize(sized(TestSizing.byFrequency(ControlFrequency.MONTHLY, null)),
                FrequencyTable.defaults(), C95).sizing();
        assertThat(defaults.sampleSize()).isEqualTo(2);
        TestSizing automated = TestRules.normalize(sized(TestSizing.byFrequency(ControlFrequency.AUTOMATED, null)), firm,
                C95).sizing();
        assertThat(automated.sampleSize()).isEqualTo(1);
        assertThat(automated.note()).contains("ITGC reliance required");
        // event-driven: all when 5 or fewer, else like the periodic frequency with as many occurrences (the firm's daily 30)
        assertThat(TestRules.normalize(sized(TestSizing.byFrequency(ControlFrequency.EVENT_DRIVEN, 4L)), firm, C95)
                .sizing().sampleSize()).isEqualTo(4);
        assertThat(TestRules.normalize(sized(TestSizing.byFrequency(ControlFrequency.EVENT_DRIVEN, 200L)), firm, C95)
                .sizing().sampleSize()).isEqualTo(30);
        // without the population the test is planned but not sized yet
        TestSizing unknown = TestRules.normalize(sized(TestSizing.byFrequency(ControlFrequency.EVENT_DRIVEN, null)), firm,
                C95).sizing();
        assertThat(unknown.sampleSize()).isNull();
        assertThat(unknown.note()).contains("enter the number of occurrences");
        // a 90 % firm default becomes the test's confidence
        assertThat(TestRules.normalize(sized(TestSizing.byFrequency(ControlFrequency.WEEKLY, null)), firm,
                new BigDecimal("0.9")).sizing().confidence()).isEqualByComparingTo("0.90");
    }

    @Test
    void statisticalSizingIsAttributeSampling() {
        TestSizing s = TestRules.normalize(sized(TestSizing.statistical(C95, new BigDecimal("0.05"),
                new BigDecimal("0.0025"))), FrequencyTable.defaults(), C95).sizing();
        AttributeSampling.SampleSize expected = AttributeSampling.sampleSize(new BigDecimal("0.05"), new BigDecimal("0.05"),
                new BigDecimal("0.0025"));
        assertThat(s.sampleSize()).isEqualTo(expected.size());
        assertThat(s.allowedDeviations()).isEqualTo(expected.allowedDeviations());
        assertThat(s.note()).contains("95 % confidence", "tolerable rate 5 %", "expected rate 0.25 %");
        TestSizing at90 = TestRules.normalize(sized(TestSizing.statistical(new BigDecimal("0.90"), new BigDecimal("0.10"),
                null)), FrequencyTable.defaults(), C95).sizing();
        assertThat(at90.sampleSize()).isEqualTo(AttributeSampling.sampleSize(new BigDecimal("0.10"),
                new BigDecimal("0.10"), BigDecimal.ZERO).size());
        assertThat(at90.sampleSize()).isEqualTo(22);
        // too large, and an expected rate at the tolerable rate, are refused naming the field
        assertThatThrownBy(() -> TestRules.normalize(sized(TestSizing.statistical(C95, new BigDecimal("0.001"), null)),
                FrequencyTable.defaults(), C95)).isInstanceOf(ApiProblem.class).hasMessageContaining("sizing.tolerableRate");
        assertThatThrownBy(() -> TestRules.normalize(sized(TestSizing.statistical(C95, new BigDecimal("0.05"),
                new BigDecimal("0.05"))), FrequencyTable.defaults(), C95)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("sizing.expectedRate");
    }

    @Test
    void aPlanIsValidatedAsAWholeAndAttributeCodesAreAssigned() {
        TestPlan bad = new TestPlan(List.of(new Procedure(null, " "), new Procedure(TestMethod.INSPECTION, "ok")),
                List.of(new TestAttribute("9x", "bad code"), new TestAttribute(null, "")),
                null, null, List.of(new ManualItem("EMP-1", null), new ManualItem("EMP-1", null)),
                new TestSizing(dev.assayer.fieldwork.TestSizingMethod.JUDGMENTAL, null, null, null, null, null, null, null,
                        null, null));
        assertThatThrownBy(() -> TestRules.normalize(bad, FrequencyTable.defaults(), C95))
                .isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).errors()).extracting(ApiProblem.FieldError::field)
                        .contains("procedures[0].method", "procedures[0].text", "attributes[0].code",
                                "attributes[1].description", "manualItems[1].key", "sizing.sampleSize", "sizing.reason"));
        var valid = TestRules.normalize(new TestPlan(List.of(), List.of(new TestAttribute(null, "first"),
                new TestAttribute("a", "kept"), new TestAttribute("", "third")), null, null, List.of(),
                TestSizing.judgmental(3, "Walkthrough of three new hires")), FrequencyTable.defaults(), C95);
        assertThat(valid.attributes()).extracting(TestAttribute::code).containsExactly("B", "A", "C");
        assertThat(valid.sizing().sampleSize()).isEqualTo(3);
    }

    @Test
    void theEvaluationCountsDeviatingItemsAndComparesTheUpperLimitWithTheTolerableRate() {
        List<TestItem> items = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            items.add(new TestItem(TestItem.sampleRef(i), (long) i, "K" + i, null, "random", false, false));
        }
        List<ItemResult> results = new ArrayList<>();
        for (TestItem item : items) {
            for (TestAttribute a : AB) {
                boolean fail = item.row() == 7; // one item fails both attributes: one deviation, not two
                results.add(new ItemResult(UUID.randomUUID(), item.ref(), item.row(), item.key(), a.code(),
                        fail ? ResultOutcome.FAIL : ResultOutcome.PASS, null, List.of(), fail ? UUID.randomUUID() : null,
                        "x", Instant.now(), 0));
            }
        }
        TestSizing sizing = new TestSizing(dev.assayer.fieldwork.TestSizingMethod.STATISTICAL, null, null, C95,
                new BigDecimal("0.1"), BigDecimal.ZERO, 29, 0, null, null);
        TestEvaluation e = TestRules.evaluate(items, AB, results, sizing);
        assertThat(e.items()).isEqualTo(25);
        assertThat(e.itemsTested()).isEqualTo(25);
        assertThat(e.resultsRecorded()).isEqualTo(50);
        assertThat(e.deviations()).isEqualTo(1);
        assertThat(e.deviationsByAttribute()).containsEntry("A", 1).containsEntry("B", 1);
        assertThat(e.upperLimitPercent()).isEqualByComparingTo(AttributeSampling.upperLimitPercent(new BigDecimal("0.05"), 25, 1));
        assertThat(e.upperLimitPercent()).isEqualByComparingTo("17.7");
        assertThat(e.tolerableRatePercent()).isEqualByComparingTo("10");
        assertThat(e.exceedsTolerableRate()).isTrue();
        assertThat(e.remarks()).anyMatch(r -> r.contains("the plan sized 29"))
                .anyMatch(r -> r.contains("statistical plan tolerated 0"));
        // at 90 % confidence and with nothing found, the limit is lower and below a 10 % tolerable rate
        TestSizing at90 = new TestSizing(dev.assayer.fieldwork.TestSizingMethod.STATISTICAL, null, null,
                new BigDecimal("0.9"), new BigDecimal("0.1"), BigDecimal.ZERO, 22, 0, null, null);
        List<ItemResult> allPass = results.stream().map(r -> new ItemResult(r.id(), r.itemRef(), r.row(), r.key(),
                r.attribute(), ResultOutcome.PASS, null, List.of(), null, "x", r.recordedAt(), 0)).toList();
        TestEvaluation clean = TestRules.evaluate(items, AB, allPass, at90);
        assertThat(clean.deviations()).isZero();
        assertThat(clean.upperLimitPercent()).isEqualByComparingTo(AttributeSampling.upperLimitPercent(new BigDecimal("0.1"), 25, 0));
        assertThat(clean.exceedsTolerableRate()).isFalse();
        // partial results are stated as a fact, without a tolerable rate there is no comparison
        TestEvaluation partial = TestRules.evaluate(items, AB, results.subList(0, 10), TestSizing.none());
        assertThat(partial.remarks()).anyMatch(r -> r.contains("40 of 50 results are not recorded yet"));
        assertThat(partial.exceedsTolerableRate()).isNull();
    }

    @Test
    void aControlsFrequencySuggestsTheSizingFrequency() {
        assertThat(TestRules.frequencyOf(Frequency.MONTHLY, Nature.MANUAL)).isEqualTo(ControlFrequency.MONTHLY);
        assertThat(TestRules.frequencyOf(Frequency.PER_EVENT, Nature.IT_DEPENDENT_MANUAL))
                .isEqualTo(ControlFrequency.EVENT_DRIVEN);
        assertThat(TestRules.frequencyOf(Frequency.DAILY, Nature.AUTOMATED)).isEqualTo(ControlFrequency.AUTOMATED);
        assertThat(TestRules.frequencyOf(Frequency.MULTIPLE_DAILY, Nature.MANUAL))
                .isEqualTo(ControlFrequency.SEVERAL_TIMES_A_DAY);
        assertThat(TestRules.frequencyOf(null, Nature.MANUAL)).isNull();
    }
}
