package dev.assayer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.ControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.ImportRecord;
import dev.assayer.monitoring.MonitoringRun;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.RunObservation;
import dev.assayer.monitoring.RunTrigger;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DemoMonitoringTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired MonitoringService monitoring;
    @Autowired DemoMonitoring demo;

    @Test
    void importsTheFixturesAndReplaysWeeklyRunsWithAFailingWindowAndAGap() {
        TestOrg acme = TestOrg.create(identity);
        controls.adoptStarterLibrary(acme.admin(), Map.of());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = today.minusDays(150);
        demo.load(acme.admin(), start, start.plusMonths(12).minusDays(1));

        List<ImportRecord> imports = monitoring.imports(acme.admin());
        assertThat(imports).extracting(ImportRecord::status).containsOnly("DONE");
        assertThat(imports).extracting(ImportRecord::format)
                .containsExactlyInAnyOrder("aws-iam-credential-report", "github-branch-protection", "k8s-yaml");
        assertThat(monitoring.inventory(acme.admin())).extracting(e -> e.type())
                .contains("aws.iam.user", "github.branch_protection", "k8s.deployment");

        List<MonitoringRun> runs = monitoring.runs(acme.admin());
        List<MonitoringRun> replayed = runs.stream().filter(MonitoringRun::replayed).toList();
        long weeks = (ChronoUnit.DAYS.between(start.plusDays(1), today.minusDays(1)) / 7) + 1;
        assertThat(replayed).hasSize((int) weeks - 3);
        assertThat(runs.getFirst().trigger()).isEqualTo(RunTrigger.MANUAL);
        // the gap: somewhere two consecutive replayed runs are four weeks apart
        List<Instant> at = replayed.stream().map(MonitoringRun::at).sorted().toList();
        long longest = 0;
        for (int i = 1; i < at.size(); i++) {
            longest = Math.max(longest, ChronoUnit.DAYS.between(at.get(i - 1), at.get(i)));
        }
        assertThat(longest).isEqualTo(28);

        List<RunObservation> lapse = monitoring.observations(acme.id(), start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                Instant.now()).stream().filter(o -> o.failingResources().stream()
                        .anyMatch(r -> r.endsWith("user/" + DemoMonitoring.MFA_LAPSE_USER))).toList();
        assertThat(lapse.stream().map(RunObservation::runId).distinct().count()).as("the two weeks without MFA")
                .isEqualTo(2);
    }
}
