package dev.assayer.monitoring.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped pack: every file present and compiled, at least 40 checks, each mapped to real starter controls. */
class BuiltInPackTest {

    @Test
    void allSixFilesLoadWithAtLeastFortyChecks() {
        for (String file : CheckPack.BUILT_IN_FILES) {
            assertThat(getClass().getClassLoader().getResource("monitoring/checks/" + file)).as(file).isNotNull();
        }
        List<Check> checks = CheckPack.builtIn().checks();
        assertThat(checks).hasSizeGreaterThanOrEqualTo(40);
        Map<String, Long> perFile = checks.stream().collect(Collectors.groupingBy(
                c -> c.origin().replaceFirst("^built-in: ", "").replaceFirst(":\\d+$", ""), Collectors.counting()));
        assertThat(perFile.keySet()).containsExactlyInAnyOrderElementsOf(CheckPack.BUILT_IN_FILES);
        assertThat(checks).extracting(Check::resourceType)
                .anyMatch(t -> t.startsWith("aws.")).anyMatch(t -> t.startsWith("github."))
                .anyMatch(t -> t.startsWith("okta.")).anyMatch(t -> t.startsWith("k8s."))
                .anyMatch(t -> t.startsWith("terraform."));
    }

    @Test
    void everyCheckMapsToStarterControlsAndCriteria() throws IOException {
        Set<String> refs = new HashSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalog/starter-controls.yaml")) {
            Matcher m = Pattern.compile("(?m)^\\s*- ref: (\\S+)").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (m.find()) {
                refs.add(m.group(1));
            }
        }
        assertThat(refs).hasSizeGreaterThan(50);
        Pattern criterion = Pattern.compile("(CC[1-9]\\.[0-9]|A1\\.[1-3]|C1\\.[12]|PI1\\.[1-5]|P[1-8]\\.[0-9])");
        for (Check c : CheckPack.builtIn().checks()) {
            assertThat(c.controls()).as(c.id() + " controls").isNotEmpty();
            assertThat(refs).as(c.id() + " controls exist in the starter library").containsAll(c.controls());
            assertThat(c.criteria()).as(c.id() + " criteria").isNotEmpty()
                    .allSatisfy(id -> assertThat(id).matches(criterion));
            assertThat(c.remediation()).as(c.id() + " remediation").isNotBlank();
        }
    }

    @Test
    void unusedCredentialsCheckCopesWithAttributesAnImporterLeftOut() {
        // generic JSON and AWS Config leave out null attributes: a console user who never signed in has no
        // password_last_used at all, and is judged by when the user was created instead of erroring
        CheckEvaluator evaluator = new CheckEvaluator(CheckPack.builtIn(), java.time.Instant.parse("2026-06-30T12:00:00Z"));
        Map<String, Object> neverSignedIn = new java.util.HashMap<>(Map.of("password_enabled", true,
                "user_creation_time", "2025-01-01T00:00:00Z", "access_key_1_active", false, "access_key_2_active", false));
        Map<String, Object> newUser = new java.util.HashMap<>(neverSignedIn);
        newUser.put("user_creation_time", "2026-06-01T00:00:00Z");
        assertThat(outcome(evaluator, neverSignedIn)).isEqualTo(Outcome.FAIL);
        assertThat(outcome(evaluator, newUser)).isEqualTo(Outcome.PASS);
    }

    private static Outcome outcome(CheckEvaluator evaluator, Map<String, Object> attributes) {
        return evaluator.evaluate(new dev.assayer.monitoring.ingest.Resource("aws.iam.user", "arn:aws:iam::1:user/x", attributes,
                "test", java.time.Instant.parse("2026-06-30T00:00:00Z"))).stream()
                .filter(r -> r.checkId().equals("aws-iam-unused-credentials-disabled")).findFirst().orElseThrow().outcome();
    }
}
