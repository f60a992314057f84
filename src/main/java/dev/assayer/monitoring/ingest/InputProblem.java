package dev.assayer.monitoring.ingest;

/**
 * Bad input: names the file and the position (line and column where known; 0 when not) and
 * what is wrong, e.g. {@code iam.csv:14:3: expected 22 fields, found 9}. Nothing read from the
 * file may be kept once this is thrown.
 */
public class InputProblem extends RuntimeException {

    private final String file;
    private final long line;
    private final long column;
    private final String problem;

    public InputProblem(String file, long line, long column, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
