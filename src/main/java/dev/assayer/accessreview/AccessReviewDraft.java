package dev.assayer.accessreview;

import java.time.LocalDate;
import java.util.List;

/**
 * What a compliance manager or admin submits to create or edit a campaign. {@code system} is the
 * system reviewed ("AWS production", "GitHub"); {@code asOfDate} the date the account list shows;
 * {@code dueDate} when the review should be complete; {@code controlIds} our control ids or refs
 * (at least one) the completed review is evidence for.
 */
public record AccessReviewDraft(String system, LocalDate asOfDate, LocalDate dueDate, String description,
        List<String> controlIds) {

    public AccessReviewDraft {
        controlIds = controlIds == null ? List.of() : controlIds;
    }
}
