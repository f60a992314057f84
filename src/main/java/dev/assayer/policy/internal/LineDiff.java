package dev.assayer.policy.internal;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.assayer.policy.DiffLine;
import dev.assayer.policy.DiffLine.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Line diff of two texts (java-diff-utils) and its rendering as an escaped HTML table. No Spring. */
public final class LineDiff {

    private LineDiff() {
    }

    /** Every line of both texts in order: unchanged, removed (old only) or added (new only). */
    public static List<DiffLine> diff(String older, String newer) {
        List<String> a = lines(older);
        List<String> b = lines(newer);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<AbstractDelta<String>> deltas = new ArrayList<>(patch.getDeltas());
        deltas.sort(Comparator.comparingInt(d -> d.getSource().getPosition()));
        List<DiffLine> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> d : deltas) {
            int start = d.getSource().getPosition();
            while (i < start) {
                out.add(new DiffLine(Kind.UNCHANGED, i + 1, j + 1, a.get(i)));
                i++;
                j++;
            }
            for (String line : d.getSource().getLines()) {
                out.add(new DiffLine(Kind.REMOVED, ++i, null, line));
            }
            for (String line : d.getTarget().getLines()) {
                out.add(new DiffLine(Kind.ADDED, null, ++j, line));
            }
        }
        while (i < a.size()) {
            out.add(new DiffLine(Kind.UNCHANGED, i + 1, j + 1, a.get(i)));
            i++;
            j++;
        }
        return out;
    }

    public static long count(List<DiffLine> lines, Kind kind) {
        return lines.stream().filter(l -> l.kind() == kind).count();
    }

    /**
     * A table with one row per line: old and new line numbers, a text marker ("+ added", "− removed")
     * and the escaped line. Rows carry the classes diff-added / diff-removed for colour.
     */
    public static String html(List<DiffLine> lines) {
        StringBuilder sb = new StringBuilder("<table class=\"data policy-diff\">\n<thead><tr><th scope=\"col\">Old</th>"
                + "<th scope=\"col\">New</th><th scope=\"col\">Change</th><th scope=\"col\">Line</th></tr></thead>\n<tbody>\n");
        for (DiffLine l : lines) {
            String cls = switch (l.kind()) {
                case ADDED -> "diff-added";
                case REMOVED -> "diff-removed";
                case UNCHANGED -> "diff-same";
            };
            String marker = switch (l.kind()) {
                case ADDED -> "+ added";
                case REMOVED -> "− removed";
                case UNCHANGED -> "";
            };
            sb.append("<tr class=\"").append(cls).append("\"><td>").append(l.oldLine() == null ? "" : l.oldLine())
                    .append("</td><td>").append(l.newLine() == null ? "" : l.newLine()).append("</td><td>")
                    .append(marker).append("</td><td><code>").append(escape(l.text())).append("</code></td></tr>\n");
        }
        if (lines.isEmpty()) {
            sb.append("<tr><td colspan=\"4\">Both versions are empty.</td></tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n"));
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
