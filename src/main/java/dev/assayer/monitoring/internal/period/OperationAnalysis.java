package dev.assayer.monitoring.internal.period;

import dev.assayer.monitoring.RunObservation;
import dev.assayer.monitoring.CheckRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How an automated control operated across a window (a Type II period): from the observations of
 * the checks that support it, one state per run, then the share of runs and of time in each state,
 * the windows in which it failed and the gaps with no run at all. Pure: no Spring, no SQL.
 *
 * <p>Rules (docs/monitoring-period.md): a run's state is FAIL if any of the control's checks failed
 * in it, else ERROR if any could not evaluate, else PASS if any passed, else NOT_EVALUATED (every
 * applicable resource excluded), else NOT_APPLICABLE (its checks ran but applied to no resource).
 * Neither of the last two is a passing run, and their time is not passing time. A state holds from its run until the next run, unless the two are further
 * apart than the tolerance (twice the expected interval): that span is a gap, counted as "no run"
 * because nothing is known about it. The time before the first run and after the last one (up to
 * the window's end, or now if that is earlier) is "no run" as well, reported as a gap when longer
 * than the tolerance. A failing window runs from the first failing run to the next run that did not
 * fail (or is still open at the last run).
 */
public final class OperationAnalysis {

    public enum State {
        PASS, FAIL, ERROR, NOT_EVALUATED, NOT_APPLICABLE
    }

    /** The control's state in one run, with the failing checks and resources. */
    public record RunState(UUID runId, Instant at, State state, Set<String> failingChecks, Set<String> failingResources) {
    }

    /** A failing window: [from, to) where {@code to} null means still failing at the last run. */
    public record FailingWindow(Instant from, Instant to, int runs, Set<String> checks, Set<String> resources) {
        public Duration length(Instant end) {
            return Duration.between(from, to == null ? end : to);
        }
    }

    /** A span with no run for longer than the tolerance. */
    public record Gap(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    public record Result(Instant from, Instant to, Duration expectedInterval, Duration tolerance, List<RunState> runs,
            int passedRuns, int failedRuns, int errorRuns, int notEvaluatedRuns, int notApplicableRuns,
            Map<State, Duration> timeByState,
            Duration noRunTime, List<FailingWindow> failingWindows, List<Gap> gaps) {

        public double shareOfRunsPassed() {
            return runs.isEmpty() ? 0 : (double) passedRuns / runs.size();
        }

        public Duration span() {
            return Duration.between(from, to);
        }

        /** Share of the window's time in which the control was known to pass. */
        public double shareOfTimePassed() {
            long total = span().toMillis();
            return total <= 0 ? 0 : (double) timeByState.getOrDefault(State.PASS, Duration.ZERO).toMillis() / total;
        }

        public double shareOfTime(State state) {
            long total = span().toMillis();
            return total <= 0 ? 0 : (double) timeByState.getOrDefault(state, Duration.ZERO).toMillis() / total;
        }

        public double shareOfTimeWithoutRun() {
            long total = span().toMillis();
            return total <= 0 ? 0 : (double) noRunTime.toMillis() / total;
        }

        public boolean operatedThroughout() {
            return !runs.isEmpty() && failedRuns == 0 && errorRuns == 0 && notEvaluatedRuns == 0
                    && notApplicableRuns == 0 && gaps.isEmpty();
        }
    }

    private OperationAnalysis() {
    }

    /**
     * @param from            start of the window (inclusive)
     * @param to              end of the window (exclusive); capped at {@code now} when later
     * @param expectedInterval how often runs are expected (the schedule); the tolerance is twice it
     * @param observations    the observations of the checks that support the control, any order
     */
    public static Result analyse(Instant from, Instant to, Instant now, Duration expectedInterval,
            List<RunObservation> observations) {
        if (expectedInterval == null || expectedInterval.isNegative() || expectedInterval.isZero()) {
            throw new IllegalArgumentException("expected interval must be positive");
        }
        Instant end = to.isAfter(now) ? (now.isAfter(from) ? now : from) : to;
        Duration tolerance = expectedInterval.multipliedBy(2);
        List<RunState> runs = states(from, end, observations);

        Map<State, Duration> time = new LinkedHashMap<>();
        for (State s : State.values()) {
            time.put(s, Duration.ZERO);
        }
        Duration noRun = Duration.ZERO;
        List<Gap> gaps = new ArrayList<>();
        Instant cursor = from;
        for (int i = 0; i <= runs.size(); i++) {
            Instant next = i < runs.size() ? runs.get(i).at() : end;
            Duration span = Duration.between(cursor, next);
            if (i == 0) {
                noRun = noRun.plus(span); // before the first run nothing is known
                if (span.compareTo(tolerance) > 0) {
                    gaps.add(new Gap(cursor, next));
                }
            } else {
                State prev = runs.get(i - 1).state();
                if (span.compareTo(tolerance) > 0) {
                    noRun = noRun.plus(span);
                    gaps.add(new Gap(cursor, next));
                } else {
                    time.merge(prev, span, Duration::plus);
                }
            }
            cursor = next;
        }

        List<FailingWindow> windows = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int notEvaluated = 0;
        int notApplicable = 0;
        FailingWindowBuilder open = null;
        for (RunState r : runs) {
            switch (r.state()) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case ERROR -> errors++;
                case NOT_EVALUATED -> notEvaluated++;
                case NOT_APPLICABLE -> notApplicable++;
            }
            if (r.state() == State.FAIL) {
                if (open == null) {
                    open = new FailingWindowBuilder(r.at());
                }
                open.add(r);
            } else if (open != null) {
                windows.add(open.close(r.at()));
                open = null;
            }
        }
        if (open != null) {
            windows.add(open.close(null));
        }
        return new Result(from, end, expectedInterval, tolerance, runs, passed, failed, errors, notEvaluated, notApplicable,
                time, noRun, windows, gaps);
    }

    /** The control's state per run inside [from, end), oldest first. */
    static List<RunState> states(Instant from, Instant end, List<RunObservation> observations) {
        Map<UUID, List<RunObservation>> byRun = new LinkedHashMap<>();
        for (RunObservation o : observations) {
            if (o.at().isBefore(from) || !o.at().isBefore(end)) {
                continue;
            }
            byRun.computeIfAbsent(o.runId(), k -> new ArrayList<>()).add(o);
        }
        List<RunState> states = new ArrayList<>();
        for (UUID runId : byRun.keySet()) {
            List<RunObservation> obs = byRun.get(runId);
            Set<State> seen = java.util.EnumSet.noneOf(State.class);
            Set<String> checks = new LinkedHashSet<>();
            Set<String> resources = new LinkedHashSet<>();
            for (RunObservation o : obs) {
                State s = of(o.status());
                seen.add(s);
                if (s == State.FAIL) {
                    checks.add(o.checkId());
                    resources.addAll(o.failingResources());
                }
            }
            State s = seen.contains(State.FAIL) ? State.FAIL : seen.contains(State.ERROR) ? State.ERROR
                    : seen.contains(State.PASS) ? State.PASS : seen.contains(State.NOT_EVALUATED) ? State.NOT_EVALUATED
                    : State.NOT_APPLICABLE;
            states.add(new RunState(runId, obs.get(0).at(), s, Collections.unmodifiableSet(checks),
                    Collections.unmodifiableSet(resources)));
        }
        states.sort((a, b) -> a.at().compareTo(b.at()));
        return List.copyOf(states);
    }

    private static final class FailingWindowBuilder {
        private final Instant from;
        private int runs;
        private final Set<String> checks = new LinkedHashSet<>();
        private final Set<String> resources = new LinkedHashSet<>();

        FailingWindowBuilder(Instant from) {
            this.from = from;
        }

        void add(RunState r) {
            runs++;
            checks.addAll(r.failingChecks());
            resources.addAll(r.failingResources());
        }

        FailingWindow close(Instant to) {
            return new FailingWindow(from, to, runs, Collections.unmodifiableSet(checks),
                    Collections.unmodifiableSet(resources));
        }
    }

    /** Observations of the checks that support a control ref. */
    public static List<RunObservation> forControl(String controlRef, List<RunObservation> all) {
        return all.stream().filter(o -> o.controlRefs().contains(controlRef)).toList();
    }

    /**
     * A check's status in a run as a state: EXCLUDED (every applicable resource excluded) is
     * NOT_EVALUATED; NOT_APPLICABLE stays so. NOT_RUN and NOT_RECORDED never come from stored rows.
     */
    static State of(CheckRunStatus status) {
        return switch (status) {
            case PASS -> State.PASS;
            case FAIL -> State.FAIL;
            case ERROR -> State.ERROR;
            case EXCLUDED -> State.NOT_EVALUATED;
            case NOT_APPLICABLE, NOT_RUN, NOT_RECORDED -> State.NOT_APPLICABLE;
        };
    }
}
