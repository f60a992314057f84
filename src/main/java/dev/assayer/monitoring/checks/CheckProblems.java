package dev.assayer.monitoring.checks;

import dev.assayer.monitoring.ingest.InputProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found while loading checks (a check file is accepted whole or not at all). Its
 * position is the first problem's; {@link #getMessage()} lists all of them, one per line, each
 * "file:line: check 'id': field: what is wrong".
 */
public final class CheckProblems extends InputProblem {

    private final List<InputProblem> problems;

    public CheckProblems(List<InputProblem> problems) {
        super(problems.getFirst().file(), problems.getFirst().line(), problems.getFirst().column(),
                problems.getFirst().problem());
        this.problems = List.copyOf(problems);
    }

    public List<InputProblem> problems() {
        return problems;
    }

    @Override
    public String getMessage() {
        return problems.stream().map(InputProblem::getMessage).collect(Collectors.joining("\n"));
    }
}
