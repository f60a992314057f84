package dev.assayer.monitoring.checks;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.NullValue;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A direct evaluator for the expression shapes checks use most (field access, has(), comparisons,
 * logic, size, string prefix/suffix/contains, timestamps and durations, list literals, in, and the
 * exists/all/exists_one/map/filter comprehensions), built once from the checked CEL AST.
 *
 * <p>It is an accelerator, not a second semantics: whenever it meets a value or case it does not
 * handle exactly like CEL (a missing key, an unexpected type, an overflow, a string it would parse
 * differently…) it answers {@link #BAIL} and the evaluator runs the real CEL program, which gives
 * the authoritative value or error. Expressions containing anything else get no fast path at all.
 * {@code FastPathTest} compares both on a corpus of expressions and resources.
 */
final class FastPath {

    /** "Not sure: ask CEL." */
    static final Object BAIL = new Object();

    /** One AST node. {@code locals} holds comprehension variables (null when there are none). */
    interface Node {
        Object eval(Vars vars, Object[] locals);
    }

    /** The compiled root; allocates the comprehension slots per evaluation. */
    record Root(Node node, int slots) {
        Object eval(Vars vars) {
            Object value = node.eval(vars, slots == 0 ? null : new Object[slots]);
            return value == null ? BAIL : value;
        }
    }

    /**
     * An attribute value as read (importers give Java values) when it already is what CEL would see
     * after {@link CheckEvaluator#value}: strings, longs, doubles, bools, lists and maps (whose
     * contents are vetted where they are read); Java null is CEL null. Anything else (Integer,
     * BigDecimal, Instant…) would be converted first, so the fast path leaves it to CEL.
     */
    static Object cel(Object raw) {
        if (raw instanceof String || raw instanceof Long || raw instanceof Boolean || raw instanceof Double
                || raw instanceof Map || raw instanceof List || raw instanceof NullValue) {
            return raw;
        }
        return raw == null ? NullValue.NULL_VALUE : BAIL;
    }

    /** has(m.field): a raw map with a key that is not a string might hold it once converted, so ask CEL. */
    private static Object hasKey(Map<?, ?> m, String field) {
        if (m.containsKey(field)) {
            return true;
        }
        return stringKeys(m) ? (Object) false : BAIL;
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(h|m|s)");
    private static final long EXACT_DOUBLE = 1L << 53;

    /** Thrown while building: this expression gets no fast path. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final Map<String, Integer> scope = new HashMap<>();
    private int slots;

    private FastPath() {
    }

    static Root of(CelAbstractSyntaxTree ast) {
        FastPath builder = new FastPath();
        try {
            Node node = builder.build(ast.getExpr());
            return new Root(node, builder.slots);
        } catch (Unsupported | RuntimeException e) {
            return null;
        }
    }

    private Node build(CelExpr e) throws Unsupported {
        return switch (e.getKind()) {
            case CONSTANT -> constant(e.constant());
            case IDENT -> ident(e.ident().name());
            case SELECT -> select(e.select());
            case CALL -> call(e.call());
            case LIST -> list(e.list().elements(), e.list().optionalIndices().isEmpty());
            case COMPREHENSION -> comprehension(e.comprehension());
            default -> throw new Unsupported();
        };
    }

    private static Node constant(CelConstant c) throws Unsupported {
        Object value = switch (c.getKind()) {
            case NULL_VALUE -> NullValue.NULL_VALUE;
            case BOOLEAN_VALUE -> c.booleanValue();
            case INT64_VALUE -> c.int64Value();
            case DOUBLE_VALUE -> c.doubleValue();
            case STRING_VALUE -> c.stringValue();
            default -> throw new Unsupported();
        };
        return (v, l) -> value;
    }

    private Node ident(String name) throws Unsupported {
        Integer slot = scope.get(name);
        if (slot != null) {
            int s = slot;
            return (v, l) -> l[s];
        }
        return switch (name) {
            case "resource" -> (v, l) -> v.resource;
            case "meta" -> (v, l) -> v.meta();
            case "now" -> (v, l) -> v.now;
            default -> throw new Unsupported();
        };
    }

    private Node select(CelExpr.CelSelect s) throws Unsupported {
        Node operand = build(s.operand());
        String field = s.field();
        if (s.testOnly()) {
            return (v, l) -> operand.eval(v, l) instanceof Map<?, ?> m ? hasKey(m, field) : BAIL;
        }
        if (s.operand().getKind() == CelExpr.ExprKind.Kind.IDENT && s.operand().ident().name().equals("resource")
                && !scope.containsKey("resource")) {
            // resource.<field>: the checks of one resource read the same few attributes again and again
            int slot = Vars.slot(field);
            if (slot >= 0) {
                return (v, l) -> v.attribute(slot, field);
            }
        }
        return (v, l) -> operand.eval(v, l) instanceof Map<?, ?> m ? attribute(m, field) : BAIL;
    }

    /** m.field as CEL sees it: a key holding null is CEL null; a missing key is CEL's error to report. */
    static Object attribute(Map<?, ?> m, String field) {
        Object value = m.get(field);
        if (value == null) {
            return m.containsKey(field) ? NullValue.NULL_VALUE : BAIL;
        }
        return cel(value);
    }

    private Node list(List<CelExpr> elements, boolean plain) throws Unsupported {
        if (!plain) {
            throw new Unsupported();
        }
        Node[] items = new Node[elements.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = build(elements.get(i));
        }
        return (v, l) -> {
            List<Object> out = new ArrayList<>(items.length);
            for (Node item : items) {
                Object x = item.eval(v, l);
                if (x == BAIL) {
                    return BAIL;
                }
                out.add(x);
            }
            return out;
        };
    }

    private Node comprehension(CelExpr.CelComprehension c) throws Unsupported {
        if (!c.iterVar2().isEmpty()) {
            throw new Unsupported();
        }
        Node range = build(c.iterRange());
        Node init = build(c.accuInit());
        int iterSlot = slots++;
        int accuSlot = slots++;
        Integer shadowIter = scope.put(c.iterVar(), iterSlot);
        Integer shadowAccu = scope.put(c.accuVar(), accuSlot);
        Node condition = build(c.loopCondition());
        Node step = build(c.loopStep());
        scope.remove(c.iterVar());
        scope.put(c.accuVar(), accuSlot); // the result sees the accumulator but not the element
        Node result = build(c.result());
        restore(c.iterVar(), shadowIter);
        restore(c.accuVar(), shadowAccu);
        return (v, l) -> {
            Object r = range.eval(v, l);
            Iterable<?> items;
            if (r instanceof List<?> list) {
                items = list;
            } else if (r instanceof Map<?, ?> map && stringKeys(map)) {
                items = map.keySet();
            } else {
                return BAIL;
            }
            Object accu = init.eval(v, l);
            if (accu == BAIL) {
                return BAIL;
            }
            l[accuSlot] = accu;
            for (Object item : items) {
                item = cel(item);
                if (item == BAIL) {
                    return BAIL;
                }
                l[iterSlot] = item;
                Object go = condition.eval(v, l);
                if (go == Boolean.FALSE) {
                    break;
                }
                if (go != Boolean.TRUE) {
                    return BAIL;
                }
                accu = step.eval(v, l);
                if (accu == BAIL) {
                    return BAIL;
                }
                l[accuSlot] = accu;
            }
            return result.eval(v, l);
        };
    }

    private void restore(String name, Integer previous) {
        if (previous == null) {
            scope.remove(name);
        } else {
            scope.put(name, previous);
        }
    }

    private Node call(CelExpr.CelCall c) throws Unsupported {
        String fn = c.function();
        List<CelExpr> args = new ArrayList<>();
        c.target().ifPresent(args::add);
        args.addAll(c.args());
        Node[] a = new Node[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = build(args.get(i));
        }
        switch (fn) {
            case "_&&_":
                return (v, l) -> {
                    Object x = a[0].eval(v, l);
                    if (x == Boolean.FALSE) {
                        return false;
                    }
                    if (x != Boolean.TRUE) {
                        return BAIL;
                    }
                    Object y = a[1].eval(v, l);
                    return y instanceof Boolean ? y : BAIL;
                };
            case "_||_":
                return (v, l) -> {
                    Object x = a[0].eval(v, l);
                    if (x == Boolean.TRUE) {
                        return true;
                    }
                    if (x != Boolean.FALSE) {
                        return BAIL;
                    }
                    Object y = a[1].eval(v, l);
                    return y instanceof Boolean ? y : BAIL;
                };
            case "!_":
                return (v, l) -> a[0].eval(v, l) instanceof Boolean b ? (Object) !b : BAIL;
            case "@not_strictly_false":
                return (v, l) -> a[0].eval(v, l) instanceof Boolean b ? (Object) b : BAIL;
            case "_?_:_":
                return (v, l) -> {
                    Object x = a[0].eval(v, l);
                    return x == Boolean.TRUE ? a[1].eval(v, l) : x == Boolean.FALSE ? a[2].eval(v, l) : BAIL;
                };
            case "_==_":
                return (v, l) -> equal(a[0].eval(v, l), a[1].eval(v, l));
            case "_!=_":
                return (v, l) -> {
                    Object eq = equal(a[0].eval(v, l), a[1].eval(v, l));
                    return eq instanceof Boolean b ? (Object) !b : BAIL;
                };
            case "_<_", "_<=_", "_>_", "_>=_":
                return comparison(fn, a[0], a[1]);
            case "@in":
                return (v, l) -> in(a[0].eval(v, l), a[1].eval(v, l));
            case "size":
                return a.length == 1 ? (v, l) -> size(a[0].eval(v, l)) : unsupported();
            case "startsWith", "endsWith", "contains":
                if (c.target().isEmpty() || a.length != 2) {
                    throw new Unsupported();
                }
                int kind = fn.equals("startsWith") ? 0 : fn.equals("endsWith") ? 1 : 2;
                return (v, l) -> {
                    if (a[0].eval(v, l) instanceof String s && a[1].eval(v, l) instanceof String p) {
                        return kind == 0 ? s.startsWith(p) : kind == 1 ? s.endsWith(p) : s.contains(p);
                    }
                    return BAIL;
                };
            case "timestamp":
                return a.length == 1 && c.target().isEmpty() ? (v, l) -> v.timestamp(a[0].eval(v, l)) : unsupported();
            case "duration":
                if (a.length == 1 && c.target().isEmpty() && args.get(0).getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && args.get(0).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                    Duration d = duration(args.get(0).constant().stringValue());
                    return (v, l) -> d;
                }
                throw new Unsupported();
            case "_-_":
                return (v, l) -> minus(a[0].eval(v, l), a[1].eval(v, l));
            case "_+_":
                return (v, l) -> plus(a[0].eval(v, l), a[1].eval(v, l));
            default:
                throw new Unsupported();
        }
    }

    private static Node unsupported() throws Unsupported {
        throw new Unsupported();
    }

    /** CEL equality for scalars: same-typed values, numbers across int/double, anything vs null. */
    static Object equal(Object x, Object y) {
        if (x == BAIL || y == BAIL) {
            return BAIL;
        }
        if (x instanceof String || x instanceof Boolean) {
            return scalar(y) ? (Object) x.equals(y) : BAIL;
        }
        if (x instanceof Long lx) {
            if (y instanceof Long ly) {
                return lx.longValue() == ly.longValue();
            }
            if (y instanceof Double dy) {
                return exact(lx) ? (Object) (lx.doubleValue() == dy) : BAIL;
            }
            return scalar(y) ? (Object) false : BAIL;
        }
        if (x instanceof Double dx) {
            if (y instanceof Double dy) {
                return dx.doubleValue() == dy.doubleValue();
            }
            if (y instanceof Long ly) {
                return exact(ly) ? (Object) (dx == ly.doubleValue()) : BAIL;
            }
            return scalar(y) ? (Object) false : BAIL;
        }
        if (x instanceof NullValue) {
            return y instanceof NullValue ? (Object) true : scalar(y) ? (Object) false : BAIL;
        }
        return BAIL;
    }

    private static boolean scalar(Object y) {
        return y instanceof String || y instanceof Boolean || y instanceof Long || y instanceof Double || y instanceof NullValue;
    }

    private static boolean exact(long value) {
        return value > -EXACT_DOUBLE && value < EXACT_DOUBLE;
    }

    private static Node comparison(String fn, Node left, Node right) {
        int op = switch (fn) {
            case "_<_" -> 0;
            case "_<=_" -> 1;
            case "_>_" -> 2;
            default -> 3;
        };
        return (v, l) -> {
            Object x = left.eval(v, l);
            Object y = right.eval(v, l);
            int cmp;
            if (x instanceof Long lx && y instanceof Long ly) {
                cmp = Long.compare(lx, ly);
            } else if (x instanceof Double dx && y instanceof Double dy && !dx.isNaN() && !dy.isNaN()) {
                cmp = Double.compare(dx + 0.0, dy + 0.0);
            } else if (x instanceof Long lx && y instanceof Double dy && exact(lx) && !dy.isNaN()) {
                cmp = Double.compare(lx.doubleValue(), dy + 0.0);
            } else if (x instanceof Double dx && y instanceof Long ly && exact(ly) && !dx.isNaN()) {
                cmp = Double.compare(dx + 0.0, ly.doubleValue());
            } else if (x instanceof Instant ix && y instanceof Instant iy) {
                cmp = ix.compareTo(iy);
            } else if (x instanceof Duration dx && y instanceof Duration dy) {
                cmp = dx.compareTo(dy);
            } else {
                return BAIL;
            }
            return switch (op) {
                case 0 -> cmp < 0;
                case 1 -> cmp <= 0;
                case 2 -> cmp > 0;
                default -> cmp >= 0;
            };
        };
    }

    private static Object in(Object element, Object container) {
        if (element == BAIL) {
            return BAIL;
        }
        if (container instanceof Map<?, ?> map) {
            return element instanceof String s ? hasKey(map, s) : BAIL;
        }
        if (container instanceof List<?> list) {
            for (Object item : list) {
                Object eq = equal(element, cel(item));
                if (eq == Boolean.TRUE) {
                    return true;
                }
                if (eq != Boolean.FALSE) {
                    return BAIL;
                }
            }
            return false;
        }
        return BAIL;
    }

    private static Object size(Object x) {
        if (x instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        }
        if (x instanceof List<?> list) {
            return (long) list.size();
        }
        if (x instanceof Map<?, ?> map) {
            return stringKeys(map) ? (Object) (long) map.size() : BAIL;
        }
        return BAIL;
    }

    /**
     * RFC 3339 as CEL accepts it ("2026-06-30T12:00:00Z", fractions up to nanoseconds, numeric
     * offsets), parsed without regular expressions or formatters; anything else, or anything out of
     * range, is {@link #BAIL} so CEL decides (and reports) it.
     */
    static Object timestamp(Object x) {
        if (x instanceof Instant) {
            return x;
        }
        if (!(x instanceof String s) || s.length() < 20 || s.length() > 35) {
            return BAIL;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return BAIL;
        }
        int at = 19;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
            }
            int n = at - start;
            if (n < 1 || n > 9) {
                return BAIL;
            }
            nanos = digits(s, start, n);
            for (int i = n; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (at >= s.length()) {
            return BAIL;
        }
        int offsetSeconds;
        char z = s.charAt(at);
        if (z == 'Z' && at + 1 == s.length()) {
            offsetSeconds = 0;
        } else if ((z == '+' || z == '-') && at + 6 == s.length() && s.charAt(at + 3) == ':') {
            int oh = digits(s, at + 1, 2);
            int om = digits(s, at + 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59) {
                return BAIL;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return BAIL;
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return BAIL;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        if (seconds < -62_135_596_800L || seconds > 253_402_300_799L) {
            return BAIL;
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** "2160h", "90m", "24h30m", "3600s" (whole units only; anything else gets no fast path). */
    static Duration duration(String text) throws Unsupported {
        Matcher m = DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            at = m.end();
        }
        if (at == 0 || at != text.length() || total.getSeconds() > 315_576_000_000L) {
            throw new Unsupported();
        }
        return total;
    }

    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static Object minus(Object x, Object y) {
        try {
            if (x instanceof Long lx && y instanceof Long ly) {
                return Math.subtractExact(lx, ly);
            }
            if (x instanceof Instant ix && y instanceof Instant iy) {
                return Duration.between(iy, ix);
            }
            if (x instanceof Instant ix && y instanceof Duration d) {
                Instant r = ix.minus(d);
                return r.isBefore(MIN) ? BAIL : r;
            }
        } catch (ArithmeticException | DateTimeException e) {
            return BAIL;
        }
        return BAIL;
    }

    private static Object plus(Object x, Object y) {
        try {
            if (x instanceof Long lx && y instanceof Long ly) {
                return Math.addExact(lx, ly);
            }
            if (x instanceof Instant ix && y instanceof Duration d) {
                Instant r = ix.plus(d);
                return r.isAfter(MAX) ? BAIL : r;
            }
            if (x instanceof List<?> lx && y instanceof List<?> ly) {
                List<Object> out = new ArrayList<>(lx.size() + ly.size());
                out.addAll(lx);
                out.addAll(ly);
                return out;
            }
        } catch (ArithmeticException | DateTimeException e) {
            return BAIL;
        }
        return BAIL;
    }
}
