package dev.assayer.policy;

/**
 * One line of a diff between two versions: {@code oldLine}/{@code newLine} are 1-based line
 * numbers in the older/newer text (null where the line does not exist there).
 */
public record DiffLine(Kind kind, Integer oldLine, Integer newLine, String text) {

    public enum Kind {
        UNCHANGED, ADDED, REMOVED
    }
}
