package dev.assayer.fieldwork.internal.testing;

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
import dev.assayer.fieldwork.TestSizingMethod;
import dev.assayer.fieldwork.sampling.AttributeSampling;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.fieldwork.sampling.FrequencyTable;
import dev.assayer.shared.ApiProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of tests of controls, without Spring or SQL: validating a plan and sizing its sample
 * (firm frequency table, attribute sampling, or judgment), the evaluation shown to the auditor, and
 * the conditions for concluding and signing off. Every rule that refuses says why in words an
 * auditor can act on.
 */
public final class TestRules {

    public static final String INQUIRY_ALONE = "Inquiry alone is not sufficient evidence: add an observation, "
            + "inspection or re-performance procedure before concluding";
    public static final BigDecimal MIN_CONFIDENCE = new BigDecimal("0.80");
    public static final BigDecimal MAX_CONFIDENCE = new BigDecimal("0.99");
    static final int MAX_PROCEDURES = 50;
    static final int MAX_ATTRIBUTES = 26;
    static final int MAX_MANUAL_ITEMS = 500;
    static final int MAX_JUDGMENTAL_SIZE = 10_000;
    static final int TEXT = 4000;
    static final int KEY = 400;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{0,4}");

    private TestRules() {
    }

    /** A plan after validation, with attribute codes assigned and the sample size computed. */
    public record ValidPlan(List<Procedure> procedures, List<TestAttribute> attributes, String populationDescription,
            UUID sampleId, List<ManualItem> manualItems, TestSizing sizing) {
    }

    /**
     * Validates a plan and computes its sizing. Every bad field is reported at once (400).
     *
     * @param table the firm's frequency table
     * @param defaultConfidence the firm's default confidence, used when the plan names none
     */
    public static ValidPlan normalize(TestPlan plan, FrequencyTable table, BigDecimal defaultConfidence) {
        Errors errors = new Errors();
        TestPlan p = plan == null ? TestPlan.empty() : plan;

        List<Procedure> procedures = new ArrayList<>();
        if (p.procedures().size() > MAX_PROCEDURES) {
            errors.add("procedures", "at most " + MAX_PROCEDURES + " procedures");
        }
        for (int i = 0; i < p.procedures().size(); i++) {
            Procedure pr = p.procedures().get(i);
            String field = "procedures[" + i + "]";
            if (pr == null) {
                errors.add(field, "is empty");
                continue;
            }
            if (pr.method() == null) {
                errors.add(field + ".method", "is required: inquiry, observation, inspection or re-performance");
            }
            String text = errors.text(field + ".text", pr.text(), TEXT, true);
            procedures.add(new Procedure(pr.method(), text));
        }

        List<TestAttribute> attributes = new ArrayList<>();
        if (p.attributes().size() > MAX_ATTRIBUTES) {
            errors.add("attributes", "at most " + MAX_ATTRIBUTES + " attributes");
        }
        Set<String> used = new HashSet<>();
        for (TestAttribute a : p.attributes()) {
            String c = a == null || a.code() == null ? null : a.code().strip().toUpperCase(Locale.ROOT);
            if (c != null && !c.isEmpty()) {
                used.add(c);
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.attributes().size(); i++) {
            TestAttribute a = p.attributes().get(i);
            String field = "attributes[" + i + "]";
            if (a == null) {
                errors.add(field, "is empty");
                continue;
            }
            String code = a.code() == null ? "" : a.code().strip().toUpperCase(Locale.ROOT);
            if (code.isEmpty()) {
                code = nextCode(used);
                used.add(code);
            } else if (!CODE.matcher(code).matches()) {
                errors.add(field + ".code", "'" + a.code() + "' is not a code: a letter, then up to 4 letters or digits");
            }
            if (!seen.add(code)) {
                errors.add(field + ".code", "'" + code + "' is used twice");
            }
            String description = errors.text(field + ".description", a.description(), TEXT, true);
            attributes.add(new TestAttribute(code, description));
        }

        List<ManualItem> items = new ArrayList<>();
        if (p.manualItems().size() > MAX_MANUAL_ITEMS) {
            errors.add("manualItems", "at most " + MAX_MANUAL_ITEMS + " items");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < p.manualItems().size(); i++) {
            ManualItem m = p.manualItems().get(i);
            String field = "manualItems[" + i + "]";
            if (m == null) {
                errors.add(field, "is empty");
                continue;
            }
            String key = errors.text(field + ".key", m.key(), KEY, true);
            if (key != null && !keys.add(key)) {
                errors.add(field + ".key", "'" + key + "' is listed twice");
            }
            items.add(new ManualItem(key, errors.text(field + ".description", m.description(), TEXT, false)));
        }

        String population = errors.text("populationDescription", p.populationDescription(), TEXT, false);
        TestSizing sizing = size(p.sizing(), table, defaultConfidence, errors);
        errors.throwIfAny();
        return new ValidPlan(procedures, attributes, population, p.sampleId(), items, sizing);
    }

    /** "A", "B", … "Z", then "A1", "B1", …: the first code not in {@code used}. */
    static String nextCode(Set<String> used) {
        for (int round = 0; ; round++) {
            for (char c = 'A'; c <= 'Z'; c++) {
                String code = round == 0 ? String.valueOf(c) : c + String.valueOf(round);
                if (!used.contains(code)) {
                    return code;
                }
            }
        }
    }

    private static TestSizing size(TestSizing s, FrequencyTable table, BigDecimal defaultConfidence, Errors errors) {
        BigDecimal confidence = s.confidence() == null ? defaultConfidence : s.confidence().stripTrailingZeros();
        if (confidence.compareTo(MIN_CONFIDENCE) < 0 || confidence.compareTo(MAX_CONFIDENCE) > 0) {
            errors.add("sizing.confidence", "must be between 0.80 and 0.99 (e.g. 0.95 for 95 %), was "
                    + confidence.toPlainString());
            confidence = defaultConfidence;
        }
        if (s.method() == null) {
            return new TestSizing(null, null, null, confidence, null, null, null, null, null, null);
        }
        return switch (s.method()) {
            case FREQUENCY -> byFrequency(s, table, confidence, errors);
            case STATISTICAL -> statistical(s, confidence, errors);
            case JUDGMENTAL -> judgmental(s, confidence, errors);
        };
    }

    private static TestSizing byFrequency(TestSizing s, FrequencyTable table, BigDecimal confidence, Errors errors) {
        ControlFrequency f = s.frequency();
        if (f == null) {
            errors.add("sizing.frequency", "is required for sizing by frequency (annual, quarterly, monthly, "
                    + "semi-monthly, weekly, daily, several times a day, automated or event-driven)");
            return TestSizing.none();
        }
        Integer size;
        String note;
        Long population = null;
        if (f == ControlFrequency.EVENT_DRIVEN) {
            population = s.populationSize();
            if (population == null) {
                size = null;
                note = "Event-driven control: sized by its population; enter the number of occurrences in the period.";
            } else if (population < 0) {
                errors.add("sizing.populationSize", "must not be negative");
                return TestSizing.none();
            } else {
                FrequencyTable.Guidance g = table.sizeForEvents(population);
                size = g.size();
                note = "Event-driven control, per the firm's frequency table: " + g.note();
            }
        } else {
            FrequencyTable.Guidance g = table.sizeFor(f);
            size = g.size();
            note = capitalize(label(f)) + " control: " + size + (size == 1 ? " item" : " items")
                    + " per the firm's frequency table." + (g.note() == null ? "" : " ITGC reliance required: " + g.note());
        }
        return new TestSizing(TestSizingMethod.FREQUENCY, f, population, confidence, null, null, size, null, note, null);
    }

    private static TestSizing statistical(TestSizing s, BigDecimal confidence, Errors errors) {
        BigDecimal tolerable = s.tolerableRate();
        BigDecimal expected = s.expectedRate() == null ? BigDecimal.ZERO : s.expectedRate();
        boolean ok = true;
        if (tolerable == null) {
            errors.add("sizing.tolerableRate", "is required for statistical sampling (a fraction, e.g. 0.05 for 5 %)");
            ok = false;
        } else if (tolerable.signum() <= 0 || tolerable.compareTo(new BigDecimal("0.5")) > 0 || tolerable.scale() > 6) {
            errors.add("sizing.tolerableRate", "must be above 0 and at most 0.5, with up to 6 decimals (0.05 = 5 %)");
            ok = false;
        }
        if (expected.signum() < 0 || expected.scale() > 6) {
            errors.add("sizing.expectedRate", "must be at least 0, with up to 6 decimals (0.01 = 1 %)");
            ok = false;
        } else if (ok && expected.compareTo(tolerable) >= 0) {
            errors.add("sizing.expectedRate", "must be below the tolerable rate: no sample can support reliance otherwise");
            ok = false;
        }
        if (!ok) {
            return TestSizing.none();
        }
        BigDecimal risk = BigDecimal.ONE.subtract(confidence);
        AttributeSampling.SampleSize size = AttributeSampling.sampleSize(risk, tolerable, expected);
        if (size.tooLarge()) {
            errors.add("sizing.tolerableRate", "the sample would exceed " + AttributeSampling.TABLE_LIMIT
                    + " items (too large to be cost-effective); raise the tolerable rate or lower the expected rate");
            return TestSizing.none();
        }
        String note = "Attribute sampling at " + percent(confidence) + " confidence, tolerable rate "
                + percent(tolerable) + ", expected rate " + percent(expected) + ": " + size.size() + " items, "
                + size.allowedDeviations() + (size.allowedDeviations() == 1 ? " deviation" : " deviations")
                + " tolerated.";
        return new TestSizing(TestSizingMethod.STATISTICAL, null, null, confidence, tolerable.stripTrailingZeros(),
                expected.stripTrailingZeros(), size.size(), size.allowedDeviations(), note, null);
    }

    private static TestSizing judgmental(TestSizing s, BigDecimal confidence, Errors errors) {
        Integer size = s.sampleSize();
        if (size == null) {
            errors.add("sizing.sampleSize", "is required for a judgmental sample");
        } else if (size < 1 || size > MAX_JUDGMENTAL_SIZE) {
            errors.add("sizing.sampleSize", "must be between 1 and " + MAX_JUDGMENTAL_SIZE);
        }
        String reason = errors.text("sizing.reason", s.reason(), TEXT, false);
        if (reason == null) {
            errors.add("sizing.reason", "is required: write why this size is appropriate");
        }
        BigDecimal tolerable = null;
        if (s.tolerableRate() != null) {
            if (s.tolerableRate().signum() <= 0 || s.tolerableRate().compareTo(BigDecimal.ONE) >= 0
                    || s.tolerableRate().scale() > 6) {
                errors.add("sizing.tolerableRate", "must be above 0 and below 1, with up to 6 decimals");
            } else {
                tolerable = s.tolerableRate().stripTrailingZeros();
            }
        }
        return new TestSizing(TestSizingMethod.JUDGMENTAL, null, null, confidence, tolerable, null, size, null,
                "Judgmental sample of " + size + (size != null && size == 1 ? " item." : " items."), reason);
    }

    /** The frequency a control's own frequency and nature suggest for sizing (null when unknown). */
    public static ControlFrequency frequencyOf(Frequency frequency, Nature nature) {
        if (nature == Nature.AUTOMATED) {
            return ControlFrequency.AUTOMATED;
        }
        if (frequency == null) {
            return null;
        }
        return switch (frequency) {
            case CONTINUOUS, MULTIPLE_DAILY -> ControlFrequency.SEVERAL_TIMES_A_DAY;
            case DAILY -> ControlFrequency.DAILY;
            case WEEKLY -> ControlFrequency.WEEKLY;
            case MONTHLY -> ControlFrequency.MONTHLY;
            case QUARTERLY -> ControlFrequency.QUARTERLY;
            case ANNUAL -> ControlFrequency.ANNUAL;
            case PER_EVENT -> ControlFrequency.EVENT_DRIVEN;
        };
    }

    /** "semi-monthly", "several times a day", "event-driven". */
    public static String label(ControlFrequency f) {
        return switch (f) {
            case SEVERAL_TIMES_A_DAY -> "several times a day";
            case SEMI_MONTHLY -> "semi-monthly";
            case EVENT_DRIVEN -> "event-driven";
            default -> f.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Refuses to conclude a test that has no procedure or whose procedures are all inquiry: asking
     * people is never enough evidence on its own.
     */
    public static void requireConcludable(List<Procedure> procedures, Conclusion conclusion, String wording) {
        if (conclusion == null) {
            throw ApiProblem.invalidField("conclusion",
                    "is required: operating effectively, effective with exceptions or not effective");
        }
        if (wording == null || wording.isBlank()) {
            throw ApiProblem.invalidField("resultWording", "is required: write the result as it will appear in the report");
        }
        if (wording.strip().length() > TEXT) {
            throw ApiProblem.invalidField("resultWording", "at most " + TEXT + " characters");
        }
        if (procedures.isEmpty()) {
            throw ApiProblem.conflict("The test has no procedures: plan at least one observation, inspection or "
                    + "re-performance procedure before concluding");
        }
        if (procedures.stream().allMatch(p -> p.method() == TestMethod.INQUIRY)) {
            throw ApiProblem.conflict(INQUIRY_ALONE);
        }
    }

    /** The preparer signs off a concluded test. */
    public static void requirePreparerSignOff(Conclusion conclusion, SignOff preparer) {
        if (conclusion == null) {
            throw ApiProblem.conflict("Write the conclusion before signing off as preparer");
        }
        if (preparer != null) {
            throw ApiProblem.conflict("The test is already signed off as prepared by " + preparer.by());
        }
    }

    /**
     * The reviewer signs off after the preparer, must be another person, and every review note must
     * be cleared first.
     */
    public static void requireReviewerSignOff(SignOff preparer, SignOff reviewer, UUID reviewerId, long openNotes) {
        if (reviewer != null) {
            throw ApiProblem.conflict("The test is already signed off as reviewed by " + reviewer.by());
        }
        if (preparer == null) {
            throw ApiProblem.conflict("The preparer has not signed off yet: the reviewer signs off a prepared workpaper");
        }
        if (preparer.userId().equals(reviewerId)) {
            throw ApiProblem.conflict("The reviewer must be another person than the preparer (" + preparer.by() + ")");
        }
        if (openNotes > 0) {
            throw ApiProblem.conflict(openNotes + (openNotes == 1 ? " review note is" : " review notes are")
                    + " not cleared yet: clear every review note before signing off");
        }
    }

    /**
     * The figures for the evaluation box. Counts only results of items still in the test; never
     * says whether the control is effective.
     */
    public static TestEvaluation evaluate(List<TestItem> items, List<TestAttribute> attributes, List<ItemResult> results,
            TestSizing sizing) {
        Set<String> itemRefs = items.stream().map(TestItem::ref).collect(Collectors.toSet());
        Set<String> codes = attributes.stream().map(TestAttribute::code).collect(Collectors.toSet());
        List<ItemResult> relevant = results.stream()
                .filter(r -> itemRefs.contains(r.itemRef()) && codes.contains(r.attribute())).toList();
        Map<String, Integer> byAttribute = new LinkedHashMap<>();
        for (TestAttribute a : attributes) {
            byAttribute.put(a.code(), (int) relevant.stream()
                    .filter(r -> r.attribute().equals(a.code()) && r.outcome() == ResultOutcome.FAIL).count());
        }
        int deviations = (int) relevant.stream().filter(r -> r.outcome() == ResultOutcome.FAIL)
                .map(ItemResult::itemRef).distinct().count();
        Map<String, Long> perItem = relevant.stream()
                .collect(Collectors.groupingBy(ItemResult::itemRef, Collectors.counting()));
        int itemsTested = attributes.isEmpty() ? 0
                : (int) perItem.values().stream().filter(c -> c == attributes.size()).count();
        int n = items.size();
        BigDecimal confidence = sizing.confidence();
        BigDecimal upper = n == 0 || confidence == null ? null
                : AttributeSampling.upperLimitPercent(BigDecimal.ONE.subtract(confidence), n, Math.min(deviations, n));
        BigDecimal tolerablePercent = sizing.tolerableRate() == null ? null : plain(sizing.tolerableRate().movePointRight(2));
        Boolean exceeds = upper == null || tolerablePercent == null ? null : upper.compareTo(tolerablePercent) > 0;

        List<String> remarks = new ArrayList<>();
        int expected = n * attributes.size();
        if (n == 0) {
            remarks.add("No items yet: link a sample or list the items tested.");
        }
        if (attributes.isEmpty()) {
            remarks.add("No attributes yet: list what is checked on every item.");
        }
        if (sizing.sampleSize() != null && n > 0 && n < sizing.sampleSize()) {
            remarks.add("The test has " + n + (n == 1 ? " item" : " items") + "; the plan sized " + sizing.sampleSize() + ".");
        }
        if (expected > 0 && relevant.size() < expected) {
            remarks.add((expected - relevant.size()) + " of " + expected + " results are not recorded yet.");
        }
        if (sizing.allowedDeviations() != null && deviations > sizing.allowedDeviations()) {
            remarks.add(deviations + (deviations == 1 ? " deviation was" : " deviations were") + " found; the statistical plan tolerated "
                    + sizing.allowedDeviations() + ".");
        }
        if (tolerablePercent == null && n > 0) {
            remarks.add("No tolerable rate in the plan: the upper deviation limit is shown without a comparison.");
        }
        return new TestEvaluation(n, itemsTested, relevant.size(), expected, deviations, byAttribute,
                sizing.sampleSize(), sizing.allowedDeviations(),
                confidence == null ? null : plain(confidence.movePointRight(2)), upper, tolerablePercent,
                exceeds, remarks);
    }

    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    /** Without trailing zeros and never in exponent notation (90, not 9E+1). */
    static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Collects field errors and throws them as one 400 naming every field. */
    static final class Errors {
        private final List<ApiProblem.FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new ApiProblem.FieldError(field, message));
        }

        String text(String field, String value, int max, boolean required) {
            String t = value == null ? null : value.strip();
            if (t == null || t.isEmpty()) {
                if (required) {
                    add(field, "is required");
                }
                return null;
            }
            if (t.length() > max) {
                add(field, "at most " + max + " characters (got " + t.length() + ")");
            }
            return t;
        }

        void throwIfAny() {
            if (list.isEmpty()) {
                return;
            }
            throw ApiProblem.badRequest(list.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), list);
        }
    }
}
