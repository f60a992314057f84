package dev.assayer.report;

import java.util.List;
import java.util.UUID;

/**
 * The description checker's verdict per description criterion (DC1–DC9) of an engagement: PRESENT,
 * THIN (there, but too little to describe the system), MISSING, or NOT_APPLICABLE (e.g. DC9 for a
 * Type I report), with what is missing and where to fix it.
 */
public record DescriptionCheck(UUID engagementId, String framework, String reportType, List<Item> items) {

    public DescriptionCheck {
        items = List.copyOf(items);
    }

    public enum Status {
        PRESENT, THIN, MISSING, NOT_APPLICABLE
    }

    /** One description criterion: code ("DC3"), title, status, what is missing or thin, where to fix it. */
    public record Item(String code, String title, Status status, List<String> problems, String fixUrl, String fixLabel) {
        public Item {
            problems = List.copyOf(problems);
        }
    }

    public Item item(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }

    /** True when every criterion is present (or not applicable). */
    public boolean complete() {
        return items.stream().allMatch(i -> i.status() == Status.PRESENT || i.status() == Status.NOT_APPLICABLE);
    }
}
