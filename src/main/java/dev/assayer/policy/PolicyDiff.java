package dev.assayer.policy;

import java.util.List;

/** The line diff from version {@code from} to version {@code to}, with counts and the HTML table. */
public record PolicyDiff(int from, int to, int added, int removed, List<DiffLine> lines, String html) {

    public PolicyDiff {
        lines = List.copyOf(lines);
    }
}
