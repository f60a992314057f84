package dev.assayer.monitoring.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Evaluating checks on resources: selectors, where, has(), timestamps, errors that do not stop a run. */
class CheckEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    private static CheckPack pack(String checks) {
        return CheckPack.parse("t.yaml", "checks:\n" + checks);
    }

    private static Resource res(String type, String id, Map<String, Object> attributes) {
        return new Resource(type, id, attributes, "test", Instant.parse("2026-06-30T00:00:00Z"));
    }

    private static Map<String, Object> attrs(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final CheckPack PACK = pack("""
              - id: mfa
                title: Console users have MFA
                resource: aws.iam.user
                where: resource.password_enabled == true
                expect: resource.mfa_active == true
                severity: high
              - id: s3-any
                title: Any S3 type is tagged
                resource: aws.s3.*
                expect: has(resource.tags) && size(resource.tags) > 0
                severity: low
              - id: all-have-id
                title: Everything has an id
                resource: "*"
                expect: meta.id != ''
                severity: info
              - id: key-rotated
                title: Access keys rotated within 90 days
                resource: aws.iam.user
                where: has(resource.access_key_last_rotated) && resource.access_key_last_rotated != null
                expect: now - timestamp(resource.access_key_last_rotated) <= duration('2160h')
                severity: medium
            """);

    @Test
    void selectorsWhereAndOutcomes() {
        CheckEvaluator ev = new CheckEvaluator(PACK, NOW);
        List<CheckResult> console = ev.evaluate(res("aws.iam.user", "arn:alice",
                attrs("password_enabled", true, "mfa_active", false, "access_key_last_rotated", "2026-05-01T00:00:00Z")));
        assertThat(console).extracting(CheckResult::checkId, CheckResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mfa", Outcome.FAIL),
                org.assertj.core.groups.Tuple.tuple("all-have-id", Outcome.PASS),
                org.assertj.core.groups.Tuple.tuple("key-rotated", Outcome.PASS));
        assertThat(console.getFirst().message()).isEqualTo("not satisfied: resource.mfa_active == true");
        assertThat(console.getFirst().resourceId()).isEqualTo("arn:alice");
        assertThat(console.getFirst().resourceType()).isEqualTo("aws.iam.user");
        assertThat(console.get(1).message()).isNull();

        // where false: the check does not apply; no access key (null) → rotation check does not apply
        List<CheckResult> apiOnly = ev.evaluate(res("aws.iam.user", "arn:bot",
                attrs("password_enabled", false, "access_key_last_rotated", null)));
        assertThat(apiOnly).extracting(CheckResult::checkId).containsExactly("all-have-id");

        // glob: aws.s3.* matches aws.s3.bucket and not aws.s3 itself nor aws.iam.user
        assertThat(ev.evaluate(res("aws.s3.bucket", "b1", attrs("tags", Map.of("env", "prod")))))
                .extracting(CheckResult::checkId, CheckResult::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("s3-any", Outcome.PASS));
        assertThat(ev.evaluate(res("aws.s3.bucket", "b2", attrs()))).extracting(CheckResult::checkId, CheckResult::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("s3-any", Outcome.FAIL));
        assertThat(ev.checksFor("aws.s3")).extracting(Check::id).containsExactly("all-have-id");
        assertThat(ev.checksFor("aws.iam.user")).extracting(Check::id).containsExactly("mfa", "all-have-id", "key-rotated");
    }

    @Test
    void timestampsAreComparedWithTheRunsNow() {
        String rotatedAt = "2026-03-01T00:00:00Z"; // 121 days before NOW
        Resource r = res("aws.iam.user", "u", attrs("password_enabled", false, "access_key_last_rotated", rotatedAt));
        assertThat(outcome(new CheckEvaluator(PACK, NOW), r, "key-rotated")).isEqualTo(Outcome.FAIL);
        assertThat(outcome(new CheckEvaluator(PACK, Instant.parse("2026-04-01T00:00:00Z")), r, "key-rotated")).isEqualTo(Outcome.PASS);

        CheckPack observed = pack("""
                  - id: fresh
                    title: Observed within a day of the run
                    resource: "*"
                    expect: now - meta.observed_at < duration('24h') && meta.type == 'x.y' && meta.source == 'test'
                    severity: low
                """);
        assertThat(outcome(new CheckEvaluator(observed, NOW), res("x.y", "1", attrs()), "fresh")).isEqualTo(Outcome.PASS);
        assertThat(outcome(new CheckEvaluator(observed, NOW.plusSeconds(86_400 * 2)), res("x.y", "1", attrs()), "fresh"))
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void throwingExpressionIsAnErrorForThatResourceOnly() {
        CheckEvaluator ev = new CheckEvaluator(PACK, NOW);
        // mfa_active missing: "no such key" on this resource; the other checks still run
        List<CheckResult> r = ev.evaluate(res("aws.iam.user", "u1",
                attrs("password_enabled", true, "access_key_last_rotated", "not a date")));
        assertThat(r).extracting(CheckResult::checkId, CheckResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mfa", Outcome.ERROR),
                org.assertj.core.groups.Tuple.tuple("all-have-id", Outcome.PASS),
                org.assertj.core.groups.Tuple.tuple("key-rotated", Outcome.ERROR));
        assertThat(r.getFirst().message()).startsWith("expect: ").contains("mfa_active");
        assertThat(r.get(2).message()).startsWith("expect: ");
        // the next resource is evaluated normally
        assertThat(outcome(ev, res("aws.iam.user", "u2", attrs("password_enabled", true, "mfa_active", true)), "mfa"))
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void errorInWhereIsAnError() {
        CheckEvaluator ev = new CheckEvaluator(PACK, NOW);
        List<CheckResult> r = ev.evaluate(res("aws.iam.user", "u", attrs("mfa_active", true)));
        assertThat(r.getFirst().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.getFirst().message()).startsWith("where: ").contains("password_enabled");
    }

    @Test
    void nonBoolResultAtEvaluationIsAnError() {
        CheckPack dyn = pack("""
                  - id: dyn
                    title: A dyn expression
                    resource: k8s.pod
                    expect: resource.privileged
                    severity: high
                """);
        CheckEvaluator ev = new CheckEvaluator(dyn, NOW);
        assertThat(outcome(ev, res("k8s.pod", "p", attrs("privileged", false)), "dyn")).isEqualTo(Outcome.FAIL);
        CheckResult r = ev.evaluate(res("k8s.pod", "p", attrs("privileged", "yes"))).getFirst();
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).isEqualTo("expect: yielded string yes, not a bool");
        assertThat(ev.evaluate(res("k8s.pod", "p", attrs("privileged", null))).getFirst().message())
                .isEqualTo("expect: yielded null NULL_VALUE, not a bool");
    }

    @Test
    void attributesAreConvertedToCelValues() {
        CheckPack p = pack("""
                  - id: conv
                    title: Conversions
                    resource: t.x
                    expect: >-
                      resource.count == 3 && resource.count > 2 && resource.ratio > 0.5 && resource.missing == null
                      && resource.nested.inner[0] == 1 && resource.nested.inner[1] == null
                      && resource.names.exists(n, n.startsWith('b')) && resource.names.all(n, n.size() > 0)
                      && resource.name.lowerAscii() == 'alice' && !has(resource.nested.absent)
                      && resource.count == 3.0
                    severity: low
                """);
        Map<String, Object> nested = new HashMap<>();
        List<Object> inner = new ArrayList<>();
        inner.add(1);
        inner.add(null);
        nested.put("inner", inner);
        Resource r = res("t.x", "1", attrs("count", 3, "ratio", 0.75f, "missing", null, "nested", nested,
                "names", List.of("a", "bob"), "name", "ALICE"));
        CheckResult result = new CheckEvaluator(p, NOW).evaluate(r).getFirst();
        assertThat(result.message()).isNull();
        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluatesConcurrently() throws Exception {
        CheckEvaluator ev = new CheckEvaluator(PACK, NOW);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    int fails = 0;
                    for (int i = 0; i < 2_000; i++) {
                        Resource r = res("aws.iam.user", "u" + i, attrs("password_enabled", true, "mfa_active", i % 2 == 0));
                        fails += ev.evaluate(r).stream().filter(x -> x.outcome() == Outcome.FAIL).count();
                    }
                    return fails;
                }));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isEqualTo(1_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome outcome(CheckEvaluator ev, Resource r, String checkId) {
        return ev.evaluate(r).stream().filter(x -> x.checkId().equals(checkId)).findFirst().map(CheckResult::outcome).orElse(null);
    }
}
