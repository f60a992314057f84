package dev.assayer.fieldwork.sampling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Re-derives a recorded selection from the population file and names the first difference. */
public final class SelectionVerifier {

    /** {@code difference} is null when the selection matches. */
    public record Result(boolean matches, String difference) {
    }

    private SelectionVerifier() {
    }

    public static Result verify(Path population, Selection recorded) throws IOException {
        Population pop = Population.scan(population, recorded.format(), recorded.keyColumn(), recorded.spreadByDate());
        if (!pop.sha256().equals(recorded.sha256())) {
            return new Result(false, "the population file changed: " + population + " has sha256 " + pop.sha256()
                    + ", the selection was made from sha256 " + recorded.sha256());
        }
        SampleSelector.Method method = "systematic".equals(recorded.method()) ? SampleSelector.Method.SYSTEMATIC
                : SampleSelector.Method.RANDOM;
        Selection again = SampleSelector.select(pop, new SampleSelector.Request(method, recorded.size(),
                recorded.seed(), recorded.chosen().stream().map(Selection.Item::row).toList(),
                recorded.justification()));
        String diff = firstDifference("item", recorded.items(), again.items());
        if (diff == null) {
            diff = firstDifference("chosen item", recorded.chosen(), again.chosen());
        }
        return new Result(diff == null, diff);
    }

    private static String firstDifference(String what, List<Selection.Item> recorded, List<Selection.Item> derived) {
        for (int i = 0; i < Math.max(recorded.size(), derived.size()); i++) {
            Selection.Item a = i < recorded.size() ? recorded.get(i) : null;
            Selection.Item b = i < derived.size() ? derived.get(i) : null;
            if (a == null || b == null || a.row() != b.row() || !java.util.Objects.equals(a.key(), b.key())
                    || (a.draw() != b.draw())) {
                return "the items differ: " + what + " " + (i + 1) + " is " + describe(a) + " in the selection but "
                        + describe(b) + " when re-derived";
            }
        }
        return null;
    }

    private static String describe(Selection.Item it) {
        return it == null ? "absent" : "row " + it.row() + " (key " + SelectionJson.str(it.key()) + ", draw " + it.draw() + ")";
    }
}
