package dev.assayer.monitoring.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast path must agree with CEL wherever it answers: every expression × every resource of a
 * corpus with awkward values (missing keys, nulls, wrong types, mixed numbers, bad timestamps).
 */
class FastPathTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    private static final List<String> EXPRESSIONS = List.of(
            "resource.flag == true", "resource.flag != false", "!resource.flag", "resource.flag",
            "has(resource.flag) && resource.flag", "!has(resource.flag) || resource.flag == true",
            "resource.n == 3", "resource.n != 3", "resource.n > 2", "resource.n <= 2.5", "resource.n >= 3.0",
            "resource.n < resource.d", "resource.d == 3", "resource.n + 1 == 4", "resource.n - 1 == 2",
            "resource.s == 'abc'", "resource.s != ''", "resource.s.startsWith('a')", "resource.s.endsWith('c')",
            "resource.s.contains('b')", "size(resource.s) == 3", "resource.s.size() > 0",
            "resource.nul == null", "resource.nul != null", "resource.s == null", "null == resource.n",
            "resource.s in ['abc', 'x']", "resource.n in [1, 2, 3]", "'k' in resource.m", "resource.s in resource.list",
            "size(resource.list) == 2", "resource.list.exists(x, x == 'b')", "resource.list.all(x, x.size() == 1)",
            "resource.list.exists_one(x, x == 'a')", "resource.list.filter(x, x != 'a').size() == 1",
            "resource.list.map(x, x + '!').size() == 2", "resource.m.all(k, k != 'z')",
            "has(resource.m.k) && resource.m.k == 'v'", "resource.m.k == 'v' || resource.flag",
            "resource.flag ? resource.n > 1 : resource.n < 1",
            "timestamp(resource.t) < now", "now - timestamp(resource.t) > duration('2160h')",
            "timestamp(resource.t) + duration('24h') > now", "now - duration('90m') > timestamp(resource.t)",
            "meta.observed_at <= now", "meta.type == 'x.y' && meta.id.startsWith('r')",
            "resource.flag && resource.missing == 1", "resource.missing == 1 && resource.flag",
            "resource.missing == 1 || true", "true || resource.missing == 1", "false && resource.missing",
            "resource.d > 1.5 && resource.d < 10.0", "resource.big == 9007199254740993",
            "has(resource.m.one)", "'1' in resource.m", "size(resource.m) == 2", "resource.m.exists(k, k == '1')",
            "resource.list.exists(x, x == null)", "resource.list.all(x, x != 'z')", "null in resource.list",
            "resource.s in resource.list");

    private static List<Map<String, Object>> resources() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(map("flag", true, "n", 3L, "d", 3.0, "s", "abc", "nul", null, "list", List.of("a", "b"), "m", Map.of("k", "v"),
                "t", "2026-01-01T00:00:00Z", "big", 9007199254740993L));
        out.add(map("flag", false, "n", 2L, "d", 2.5, "s", "", "nul", "x", "list", List.of("a", "a"), "m", Map.of(),
                "t", "2026-06-30T11:00:00.123+02:00"));
        out.add(map("flag", "yes", "n", "3", "d", 3L, "s", 5L, "list", List.of(1L, "b"), "m", "notamap", "t", "2026-13-01T00:00:00Z"));
        out.add(map("n", Double.NaN, "d", -0.0, "s", "ab\uD83D\uDE00", "list", List.of(), "t", "2026-01-01T00:00Z"));
        out.add(map("flag", null, "n", Long.MAX_VALUE, "d", 1e300, "s", null, "list", map("a", 1L), "m", map("k", null),
                "t", 12L, "big", 9007199254740992.0));
        // values as importers may hand them over, before conversion to CEL's types: Integer, BigDecimal,
        // Instant, lists holding nulls and Integers, maps with keys that are not strings
        Map<Object, Object> oddKeys = new LinkedHashMap<>();
        oddKeys.put(1, "one");
        oddKeys.put("k", "v");
        List<Object> withNull = new ArrayList<>();
        withNull.add("a");
        withNull.add(null);
        out.add(map("flag", true, "n", 3, "d", new java.math.BigDecimal("2.5"), "s", "abc", "list", withNull, "m", oddKeys,
                "t", Instant.parse("2026-01-01T00:00:00Z"), "big", java.math.BigInteger.valueOf(9007199254740993L)));
        out.add(map("flag", false, "n", (short) 2, "d", 3.0f, "s", "b", "list", List.of(1, 2), "m", map("k", "v"),
                "t", "2026-01-01T00:00:00Z", "nul", null));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return (Map<String, Object>) (Map<?, ?>) m;
    }

    @Test
    void agreesWithCelWheneverItAnswers() throws Exception {
        int answered = 0;
        int total = 0;
        for (String source : EXPRESSIONS) {
            Cel.Expr expr = Cel.compile(source);
            assertThat(expr.fast()).as("fast path for %s", source).isNotNull();
            for (Map<String, Object> attributes : resources()) {
                Map<String, Object> meta = new HashMap<>();
                meta.put("type", "x.y");
                meta.put("id", "r1");
                meta.put("observed_at", NOW.minusSeconds(60));
                // the fast path sees the attributes as read; CEL sees them converted (Vars.find)
                Vars vars = new Vars(attributes, meta, NOW);
                Object cel;
                try {
                    cel = expr.program().eval(vars);
                } catch (CelEvaluationException e) {
                    cel = e;
                }
                Object fast = expr.fast().eval(vars);
                total++;
                if (fast == FastPath.BAIL) {
                    continue;
                }
                answered++;
                assertThat(cel).as("%s on %s", source, attributes).isNotInstanceOf(CelEvaluationException.class);
                assertThat(fast).as("%s on %s", source, attributes).isEqualTo(cel);
            }
        }
        // it must actually accelerate: most cases are answered without CEL
        assertThat(answered).isGreaterThan(total / 2);
    }

    @Test
    void timestampsParseExactlyAsCelDoes() throws Exception {
        Cel.Expr expr = Cel.compile("timestamp(resource.t) == timestamp(resource.t) && timestamp(resource.t) < now");
        Cel.Expr value = Cel.compile("timestamp(resource.t) == timestamp('2000-01-01T00:00:00Z') + (timestamp(resource.t) - "
                + "timestamp('2000-01-01T00:00:00Z'))");
        for (String t : List.of("2026-06-30T12:00:00Z", "2026-06-30T11:00:00.123+02:00", "2026-06-30T11:00:00.123456789-05:30",
                "2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T00:00Z",
                "2026-01-01t00:00:00Z", "2026-01-01T00:00:00z", "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-01-01T00:00:00.Z",
                "2026-01-01T00:00:00.1234567891Z", "2026-01-01T00:00:00+0100", "2026-01-01 00:00:00Z", "garbage")) {
            Object fast = FastPath.timestamp(t);
            if (fast != FastPath.BAIL) {
                // CEL parses it to the very same instant
                Vars at = new Vars(Map.of("t", t), Map.of(), (Instant) fast);
                assertThat(Cel.compile("timestamp(resource.t) == now").program().eval(at)).as(t).isEqualTo(true);
            }
            Vars vars = new Vars(Map.of("t", t), Map.of(), NOW);
            Object f = expr.fast().eval(vars);
            if (f != FastPath.BAIL) {
                assertThat(f).as(t).isEqualTo(expr.program().eval(vars));
            }
            assertThat(value.fast()).isNotNull();
        }
        assertThat(FastPath.timestamp("2026-06-30T11:00:00.5+02:00")).isEqualTo(Instant.parse("2026-06-30T09:00:00.5Z"));
    }

    @Test
    void typicalChecksAnswerWithoutCel() throws Exception {
        Map<String, Object> iamUser = map("password_enabled", true, "mfa_active", true,
                "access_key_1_last_rotated", "2026-05-01T00:00:00+00:00", "user", "alice");
        Vars vars = new Vars(CheckEvaluator.attributes(iamUser), Map.of("type", "aws.iam.user"), NOW);
        for (String source : List.of("resource.password_enabled == true", "resource.mfa_active == true",
                "!has(resource.access_key_1_last_rotated) || resource.access_key_1_last_rotated == null "
                        + "|| now - timestamp(resource.access_key_1_last_rotated) <= duration('2160h')",
                "resource.user != '<root_account>'")) {
            assertThat(Cel.compile(source).fast().eval(vars)).as(source).isEqualTo(true);
        }
    }

    @Test
    void unsupportedShapesHaveNoFastPath() throws Exception {
        assertThat(Cel.compile("resource.s.matches('^a')").fast()).isNull();
        assertThat(Cel.compile("resource.s.lowerAscii() == 'a'").fast()).isNull();
        assertThat(Cel.compile("now - timestamp(resource.t) > duration('1.5h')").fast()).isNull();
        assertThat(NullValue.NULL_VALUE).isNotNull();
    }

    @Test
    void attributesRememberedPerResourceNeverLeakIntoAnother() throws Exception {
        Cel.Expr one = Cel.compile("resource.x == 1 && resource.x + 0 == 1");
        Vars first = new Vars(map("x", 1L), Map.of(), NOW);
        assertThat(one.fast().eval(first)).isEqualTo(true);
        Vars second = new Vars(map("x", 2L), Map.of(), NOW);
        assertThat(one.fast().eval(second)).isEqualTo(false);
        // the first resource, read again after the second took the memo over, still sees its own value
        assertThat(one.fast().eval(first)).isEqualTo(true);
        assertThat(one.fast().eval(second)).isEqualTo(false);
        Vars missing = new Vars(map("y", 1L), Map.of(), NOW);
        assertThat(one.fast().eval(missing)).isSameAs(FastPath.BAIL);
        // a comprehension variable named like the root is not the resource
        Cel.Expr shadow = Cel.compile("resource.items.exists(resource, resource.x == 5)");
        Vars items = new Vars(map("x", 2L, "items", List.of(map("x", 5L))), Map.of(), NOW);
        assertThat(Cel.compile("resource.x == 2").fast().eval(items)).isEqualTo(true);
        assertThat(shadow.fast().eval(items)).isEqualTo(true);
    }
}
