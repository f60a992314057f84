package dev.assayer.report;

import java.util.List;
import java.util.UUID;

/**
 * Two versions compared section by section: for each section (matched by number, or title for the
 * front matter) whether it is unchanged, changed (with a unified line diff, "-" removed, "+" added,
 * " " context), added or removed.
 */
public record ReportComparison(UUID fromId, int fromNumber, UUID toId, int toNumber, List<SectionChange> sections) {

    public ReportComparison {
        sections = List.copyOf(sections);
    }

    public record SectionChange(String number, String title, String change, List<String> diff) {
        public SectionChange {
            diff = List.copyOf(diff);
        }
    }

    public boolean identical() {
        return sections.stream().allMatch(s -> s.change().equals("unchanged"));
    }
}
