package dev.assayer.monitoring.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run over a stream of resources: counts per check, at most maxDetails stored results, and
 * deduplication by (type, id) where the last copy read is the one that counts.
 */
class CheckRunTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    private static final CheckPack PACK = CheckPack.parse("t.yaml", """
            checks:
              - id: mfa
                title: Console users have MFA
                resource: aws.iam.user
                where: has(resource.password_enabled) && resource.password_enabled == true
                expect: resource.mfa_active == true
                severity: high
              - id: named
                title: Users are not anonymous
                resource: aws.iam.user
                expect: resource.user != ''
                severity: low
            """);

    private static Resource user(String id, boolean password, Object mfa) {
        Map<String, Object> a = new HashMap<>();
        a.put("user", id);
        a.put("password_enabled", password);
        a.put("mfa_active", mfa);
        return new Resource("aws.iam.user", id, a, "test", NOW);
    }

    private static CheckRun.Tally tally(CheckRun run, String id) {
        return run.tallies().stream().filter(t -> t.check().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void countsEveryResultAndKeepsTheFirstDetails() {
        CheckRun run = new CheckRun(PACK, NOW, 2);
        int in = run.addInput("users.json", "generic-json");
        for (int i = 0; i < 5; i++) {
            run.add(user("u" + i, true, i % 2 == 0), in); // u0, u2, u4 pass; u1, u3 fail
        }
        run.add(user("nopw", false, false), in); // where-clause false: mfa does not apply
        Resource broken = user("broken", true, null);
        broken.attributes().remove("mfa_active");
        run.add(broken, in); // no such key: error

        CheckRun.Tally mfa = tally(run, "mfa");
        assertThat(run.resources()).isEqualTo(7);
        assertThat(mfa.pass()).isEqualTo(3);
        assertThat(mfa.fail()).isEqualTo(2);
        assertThat(mfa.error()).isEqualTo(1);
        assertThat(mfa.evaluated()).isEqualTo(6);
        assertThat(mfa.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(mfa.problems()).extracting(CheckRun.Detail::resourceId).containsExactly("u1", "u3");
        assertThat(mfa.problemsOmitted()).isEqualTo(1);
        assertThat(mfa.problems().get(0).message()).contains("resource.mfa_active == true");
        assertThat(mfa.passes()).extracting(CheckRun.Detail::resourceId).containsExactly("u0", "u2");
        assertThat(mfa.passesOmitted()).isEqualTo(1);
        assertThat(tally(run, "named").pass()).isEqualTo(7);
        assertThat(run.anyFailedOrErrored()).isTrue();
    }

    @Test
    void aResourceReadAgainCountsOnceAsItsLastCopy() {
        CheckRun run = new CheckRun(PACK, NOW, 10);
        int first = run.addInput("monday.json", "generic-json");
        int second = run.addInput("tuesday.json", "generic-json");
        run.add(user("alice", true, false), first);
        run.add(user("bob", true, true), first);
        run.add(user("alice", true, true), second); // fixed on Tuesday
        run.add(user("bob", false, false), second); // password off: mfa no longer applies

        CheckRun.Tally mfa = tally(run, "mfa");
        assertThat(run.resources()).isEqualTo(2);
        assertThat(run.duplicates()).isEqualTo(2);
        assertThat(mfa.pass()).isEqualTo(1);
        assertThat(mfa.fail()).isZero();
        assertThat(mfa.problems()).isEmpty();
        assertThat(mfa.passes()).singleElement().satisfies(d -> {
            assertThat(d.resourceId()).isEqualTo("alice");
            assertThat(d.input()).isEqualTo(second);
        });
        assertThat(tally(run, "named").pass()).isEqualTo(2);
        assertThat(run.anyFailedOrErrored()).isFalse();
    }

    @Test
    void takingBackAnOmittedResultLowersTheOmittedCount() {
        CheckRun run = new CheckRun(PACK, NOW, 1);
        int in = run.addInput("a.json", "generic-json");
        run.add(user("a", true, false), in); // stored
        run.add(user("b", true, false), in); // omitted
        run.add(user("b", true, true), in); // b again, now passing

        CheckRun.Tally mfa = tally(run, "mfa");
        assertThat(mfa.fail()).isEqualTo(1);
        assertThat(mfa.problems()).extracting(CheckRun.Detail::resourceId).containsExactly("a");
        assertThat(mfa.problemsOmitted()).isZero();
        assertThat(mfa.pass()).isEqualTo(1);
    }

    @Test
    void deduplicatesAcrossManyResourcesAndTypes() {
        CheckRun run = new CheckRun(PACK, NOW, 0);
        int in = run.addInput("big.json", "generic-json");
        int n = 50_000; // well past the store's first growth
        for (int i = 0; i < n; i++) {
            run.add(user("u" + i, true, false), in);
        }
        for (int i = 0; i < n; i += 2) {
            run.add(user("u" + i, true, true), in); // every other user fixed
        }
        // the same id under another type is another resource
        run.add(new Resource("aws.s3.bucket", "u0", Map.of(), "test", NOW), in);

        CheckRun.Tally mfa = tally(run, "mfa");
        assertThat(run.resources()).isEqualTo(n + 1);
        assertThat(run.duplicates()).isEqualTo(n / 2);
        assertThat(mfa.pass()).isEqualTo(n / 2);
        assertThat(mfa.fail()).isEqualTo(n / 2);
        assertThat(mfa.problemsOmitted()).isEqualTo(n / 2);
        assertThat(tally(run, "named").pass()).isEqualTo(n);
    }

    @Test
    void theSameResourceFromTwoKindsOfExportIsKeptTwice() {
        CheckRun run = new CheckRun(PACK, NOW, 10);
        int report = run.addInput("credential-report.csv", "aws-iam-credential-report");
        int config = run.addInput("config-snapshot.json", "aws-config");
        run.add(user("arn:aws:iam::1:user/alice", true, false), report);
        Resource fromConfig = new Resource("aws.iam.user", "arn:aws:iam::1:user/alice",
                new HashMap<>(Map.of("user", "alice")), "test", NOW); // Config knows nothing of MFA
        run.add(fromConfig, config);

        assertThat(run.resources()).isEqualTo(2);
        assertThat(run.duplicates()).isZero();
        // the credential report's failing MFA result stands; the Config copy lacks what the where-clause reads
        assertThat(tally(run, "mfa").fail()).isEqualTo(1);
        assertThat(tally(run, "mfa").evaluated()).isEqualTo(1);
        assertThat(tally(run, "named").pass()).isEqualTo(2);
    }
}
