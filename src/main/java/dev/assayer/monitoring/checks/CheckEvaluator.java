package dev.assayer.monitoring.checks;

import dev.assayer.monitoring.ingest.Resource;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a pack against resources one at a time. CEL variables: {@code resource} (the
 * attributes map), {@code meta} ({@code type}, {@code id}, {@code source}, {@code observed_at}
 * timestamp) and {@code now} (the run's timestamp, so age checks are reproducible). A check that
 * throws or does not yield a bool on a resource gives {@link Outcome#ERROR} with why; evaluation
 * goes on. Thread-safe.
 */
public final class CheckEvaluator {

    /** Receives each result without allocating a {@link CheckResult} (for runs over millions of resources). */
    @FunctionalInterface
    public interface Sink {
        /** {@code message} is null on PASS. */
        void accept(Check check, Outcome outcome, String message);
    }

    /** As {@link Sink}, with the check's position in the pack. */
    @FunctionalInterface
    interface IndexedSink {
        void accept(int index, Check check, Outcome outcome, String message);
    }

    private static final int[] NONE = new int[0];

    private final List<CompiledCheck> checks;
    private final String[] failMessages;
    private final Instant now;
    private final Map<String, int[]> byType = new ConcurrentHashMap<>();

    public CheckEvaluator(CheckPack pack, Instant now) {
        this.checks = pack.compiled();
        this.failMessages = checks.stream().map(c -> "not satisfied: " + c.check().expect().strip()).toArray(String[]::new);
        this.now = Objects.requireNonNull(now, "now");
    }

    /** Results of every check that applies to {@code resource} (type selector and where-clause). */
    public List<CheckResult> evaluate(Resource resource) {
        List<CheckResult> out = new ArrayList<>();
        evaluate(resource, (check, outcome, message) ->
                out.add(new CheckResult(check.id(), resource.type(), resource.id(), outcome, message)));
        return out;
    }

    /** As {@link #evaluate(Resource)}, handing each result to {@code sink}; returns how many checks applied. */
    public int evaluate(Resource resource, Sink sink) {
        return evaluate(resource, (i, check, outcome, message) -> sink.accept(check, outcome, message));
    }

    int evaluate(Resource resource, IndexedSink sink) {
        int[] applicable = applicable(resource.type());
        if (applicable.length == 0) {
            return 0;
        }
        Vars vars = new Vars(resource, now);
        int applied = 0;
        for (int i : applicable) {
            CompiledCheck c = checks.get(i);
            if (c.where() != null) {
                Object w = run(c.where(), vars);
                if (w == Boolean.FALSE) {
                    continue;
                }
                if (w != Boolean.TRUE) {
                    applied++;
                    sink.accept(i, c.check(), Outcome.ERROR, "where: " + describe(w));
                    continue;
                }
            }
            applied++;
            Object e = run(c.expect(), vars);
            if (e == Boolean.TRUE) {
                sink.accept(i, c.check(), Outcome.PASS, null);
            } else if (e == Boolean.FALSE) {
                sink.accept(i, c.check(), Outcome.FAIL, failMessages[i]);
            } else {
                sink.accept(i, c.check(), Outcome.ERROR, "expect: " + describe(e));
            }
        }
        return applied;
    }

    /** The checks whose selector matches {@code type}, in pack order. */
    public List<Check> checksFor(String type) {
        List<Check> out = new ArrayList<>();
        for (int i : applicable(type)) {
            out.add(checks.get(i).check());
        }
        return out;
    }

    private int[] applicable(String type) {
        if (type == null) {
            return NONE;
        }
        int[] found = byType.get(type);
        if (found == null) {
            found = java.util.stream.IntStream.range(0, checks.size()).filter(i -> checks.get(i).selector().matches(type)).toArray();
            if (byType.size() < 10_000) {
                byType.put(type, found);
            }
        }
        return found;
    }

    /** Boolean.TRUE/FALSE, an {@link Failure}, or the non-bool value the expression yielded. */
    private static Object run(Cel.Expr expr, Vars vars) {
        try {
            if (expr.fast() != null) {
                Object v = expr.fast().eval(vars);
                if (v != FastPath.BAIL) {
                    return v;
                }
            }
            return expr.program().eval(vars);
        } catch (CelEvaluationException e) {
            return new Failure(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return new Failure("evaluation failed: " + e);
        }
    }

    private record Failure(String message) {
    }

    private static String describe(Object value) {
        if (value instanceof Failure f) {
            return f.message();
        }
        String type = value == null || value instanceof NullValue ? "null"
                : value instanceof String ? "string" : value instanceof Long ? "int" : value instanceof Double ? "double"
                : value instanceof Map ? "map" : value instanceof List ? "list" : value instanceof Instant ? "timestamp"
                : value.getClass().getSimpleName();
        String shown = String.valueOf(value);
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return "yielded " + type + " " + shown + ", not a bool";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> attributes(Map<String, Object> attributes) {
        if (attributes == null) {
            return Map.of();
        }
        Object converted = value(attributes);
        return (Map<String, Object>) converted;
    }

    /**
     * The CEL form of a JSON-like value: Integer → Long, Float/BigDecimal → Double, null → CEL null,
     * nested maps and lists converted, other values as text. Returns the same instance when nothing
     * needs converting (the common case), so a resource costs no copy.
     */
    static Object value(Object v) {
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> copy = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object converted = value(e.getValue());
                if (copy == null && (converted != e.getValue() || !(e.getKey() instanceof String))) {
                    copy = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> before : map.entrySet()) {
                        if (before == e || Objects.equals(before.getKey(), e.getKey())) {
                            break;
                        }
                        copy.put(String.valueOf(before.getKey()), before.getValue());
                    }
                }
                if (copy != null) {
                    copy.put(String.valueOf(e.getKey()), converted);
                }
            }
            return copy == null ? map : copy;
        }
        if (v instanceof List<?> list) {
            List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                Object converted = value(item);
                if (copy == null && converted != item) {
                    copy = new ArrayList<>(list.subList(0, i));
                }
                if (copy != null) {
                    copy.add(converted);
                }
            }
            return copy == null ? list : copy;
        }
        if (v instanceof NullValue) {
            return v;
        }
        if (v instanceof Object[] array) {
            return value(java.util.Arrays.asList(array));
        }
        if (v instanceof TemporalAccessor) {
            return v.toString();
        }
        return v.toString();
    }
}
