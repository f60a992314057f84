package dev.assayer.monitoring.period;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.CheckRunStatus;
import dev.assayer.monitoring.RunObservation;
import dev.assayer.monitoring.internal.period.OperationAnalysis;
import dev.assayer.monitoring.internal.period.OperationAnalysis.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperationAnalysisTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private static RunObservation obs(int day, String check, CheckRunStatus outcome, String... failing) {
        UUID run = new UUID(0, day);
        return new RunObservation(run, START.plus(DAY.multipliedBy(day)), check, check, List.of("AC-03"), outcome,
                3, List.of(failing));
    }

    @Test
    void daily_runs_all_passing_operate_throughout_the_window() {
        List<RunObservation> all = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            all.add(obs(d, "mfa", CheckRunStatus.PASS));
        }
        var r = OperationAnalysis.analyse(START, START.plus(DAY.multipliedBy(10)), START.plus(DAY.multipliedBy(40)), DAY, all);

        assertThat(r.runs()).hasSize(10);
        assertThat(r.shareOfRunsPassed()).isEqualTo(1.0);
        assertThat(r.shareOfTimePassed()).isEqualTo(1.0);
        assertThat(r.failingWindows()).isEmpty();
        assertThat(r.gaps()).isEmpty();
        assertThat(r.operatedThroughout()).isTrue();
    }

    @Test
    void a_failing_window_runs_from_the_first_failing_run_to_the_next_passing_one_with_its_resources() {
        List<RunObservation> all = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            boolean failing = d >= 3 && d <= 5;
            all.add(obs(d, "mfa", failing ? CheckRunStatus.FAIL : CheckRunStatus.PASS, failing ? new String[] {"arn:user/bob"} : new String[0]));
            all.add(obs(d, "keys", d == 4 ? CheckRunStatus.FAIL : CheckRunStatus.PASS, d == 4 ? new String[] {"arn:user/eve"} : new String[0]));
        }
        var r = OperationAnalysis.analyse(START, START.plus(DAY.multipliedBy(10)), START.plus(DAY.multipliedBy(40)), DAY, all);

        assertThat(r.runs()).hasSize(10);
        assertThat(r.failedRuns()).isEqualTo(3);
        assertThat(r.shareOfRunsPassed()).isEqualTo(0.7);
        assertThat(r.failingWindows()).singleElement().satisfies(w -> {
            assertThat(w.from()).isEqualTo(START.plus(DAY.multipliedBy(3)));
            assertThat(w.to()).isEqualTo(START.plus(DAY.multipliedBy(6)));
            assertThat(w.runs()).isEqualTo(3);
            assertThat(w.checks()).containsExactly("mfa", "keys");
            assertThat(w.resources()).containsExactlyInAnyOrder("arn:user/bob", "arn:user/eve");
        });
        assertThat(r.timeByState().get(State.FAIL)).isEqualTo(Duration.ofDays(3));
        assertThat(r.shareOfTimePassed()).isEqualTo(0.7);
        assertThat(r.operatedThroughout()).isFalse();
    }

    @Test
    void runs_further_apart_than_twice_the_interval_leave_a_gap_counted_as_time_without_a_run() {
        List<RunObservation> all = new ArrayList<>();
        for (int d : new int[] {0, 1, 2, 7, 8, 9}) {
            all.add(obs(d, "mfa", CheckRunStatus.PASS));
        }
        var r = OperationAnalysis.analyse(START, START.plus(DAY.multipliedBy(10)), START.plus(DAY.multipliedBy(40)), DAY, all);

        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.from()).isEqualTo(START.plus(DAY.multipliedBy(2)));
            assertThat(g.to()).isEqualTo(START.plus(DAY.multipliedBy(7)));
        });
        assertThat(r.noRunTime()).isEqualTo(Duration.ofDays(5));
        assertThat(r.shareOfTimePassed()).isEqualTo(0.5);
        assertThat(r.shareOfRunsPassed()).isEqualTo(1.0);
        assertThat(r.operatedThroughout()).as("a gap means it was not shown to operate throughout").isFalse();
    }

    @Test
    void no_run_at_the_start_or_the_end_of_the_period_is_a_gap_and_an_ongoing_period_ends_now() {
        List<RunObservation> all = List.of(obs(5, "mfa", CheckRunStatus.PASS), obs(6, "mfa", CheckRunStatus.PASS));
        Instant now = START.plus(DAY.multipliedBy(12));
        var r = OperationAnalysis.analyse(START, START.plus(DAY.multipliedBy(30)), now, DAY, all);

        assertThat(r.to()).isEqualTo(now);
        assertThat(r.gaps()).extracting(OperationAnalysis.Gap::from, OperationAnalysis.Gap::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(START, START.plus(DAY.multipliedBy(5))),
                org.assertj.core.groups.Tuple.tuple(START.plus(DAY.multipliedBy(6)), now));
    }

    @Test
    void errors_and_fully_excluded_runs_are_not_passes_and_a_window_still_failing_stays_open() {
        List<RunObservation> all = List.of(obs(0, "mfa", CheckRunStatus.ERROR), obs(1, "mfa", CheckRunStatus.EXCLUDED),
                obs(2, "mfa", CheckRunStatus.FAIL, "u1"), obs(3, "mfa", CheckRunStatus.FAIL, "u2"));
        var r = OperationAnalysis.analyse(START, START.plus(DAY.multipliedBy(4)), START.plus(DAY.multipliedBy(40)), DAY, all);

        assertThat(r.runs()).extracting(OperationAnalysis.RunState::state)
                .containsExactly(State.ERROR, State.NOT_EVALUATED, State.FAIL, State.FAIL);
        assertThat(r.passedRuns()).isZero();
        assertThat(r.failingWindows()).singleElement().satisfies(w -> {
            assertThat(w.to()).isNull();
            assertThat(w.resources()).containsExactly("u1", "u2");
        });
    }

    @Test
    void observations_outside_the_window_are_ignored() {
        List<RunObservation> all = List.of(obs(-3, "mfa", CheckRunStatus.FAIL, "old"), obs(0, "mfa", CheckRunStatus.PASS),
                obs(1, "mfa", CheckRunStatus.PASS), obs(2, "mfa", CheckRunStatus.FAIL, "later"));
        var r = OperationAnalysis.analyse(START, START.plus(DAY.multipliedBy(2)), START.plus(DAY.multipliedBy(40)), DAY, all);

        assertThat(r.runs()).hasSize(2);
        assertThat(r.failingWindows()).isEmpty();
    }

    @Test
    void a_run_in_which_none_of_the_controls_checks_applied_is_not_a_passing_run_and_its_time_is_not_passing() {
        // day 3: the inventory held no resource the control's checks apply to (e.g. the IAM export was missing)
        List<RunObservation> all = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            all.add(obs(d, "mfa", d == 3 ? CheckRunStatus.NOT_APPLICABLE : CheckRunStatus.PASS));
            all.add(obs(d, "root-mfa", d == 3 ? CheckRunStatus.NOT_APPLICABLE : CheckRunStatus.PASS));
        }
        var r = OperationAnalysis.analyse(START, START.plus(DAY.multipliedBy(6)), START.plus(DAY.multipliedBy(40)), DAY, all);

        assertThat(r.runs()).extracting(OperationAnalysis.RunState::state).containsExactly(State.PASS, State.PASS,
                State.PASS, State.NOT_APPLICABLE, State.PASS, State.PASS);
        assertThat(r.passedRuns()).isEqualTo(5);
        assertThat(r.notApplicableRuns()).isEqualTo(1);
        assertThat(r.shareOfRunsPassed()).isEqualTo(5.0 / 6);
        assertThat(r.timeByState().get(State.NOT_APPLICABLE)).isEqualTo(DAY);
        assertThat(r.shareOfTimePassed()).isEqualTo(5.0 / 6);
        assertThat(r.operatedThroughout()).isFalse();
    }

    @Test
    void a_check_that_did_not_apply_neither_makes_nor_breaks_a_run_in_which_another_check_of_the_control_passed() {
        List<RunObservation> all = List.of(obs(0, "mfa", CheckRunStatus.PASS), obs(0, "root-mfa", CheckRunStatus.NOT_APPLICABLE),
                obs(1, "mfa", CheckRunStatus.FAIL, "bob"), obs(1, "root-mfa", CheckRunStatus.NOT_APPLICABLE),
                obs(2, "mfa", CheckRunStatus.EXCLUDED), obs(2, "root-mfa", CheckRunStatus.NOT_APPLICABLE));
        var r = OperationAnalysis.analyse(START, START.plus(DAY.multipliedBy(3)), START.plus(DAY.multipliedBy(40)), DAY, all);

        assertThat(r.runs()).extracting(OperationAnalysis.RunState::state)
                .containsExactly(State.PASS, State.FAIL, State.NOT_EVALUATED);
        assertThat(r.failingWindows()).singleElement().satisfies(w -> assertThat(w.to()).isEqualTo(START.plus(DAY.multipliedBy(2))));
    }
}
