package dev.assayer.catalog.internal;

import java.util.List;

/** A framework data file that cannot be loaded; the message names the file and every problem found. */
public class InvalidFrameworkFileException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    public InvalidFrameworkFileException(String source, List<String> problems) {
        super(message(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    private static String message(String source, List<String> problems) {
        StringBuilder sb = new StringBuilder("Framework file ").append(source).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        problems.forEach(p -> sb.append("\n  - ").append(p));
        return sb.toString();
    }

    public String source() {
        return source;
    }

    public List<String> problems() {
        return problems;
    }
}
