package dev.assayer.people;

import java.time.LocalDate;

/** What a user records about a background check: date completed, result, provider name. */
public record BackgroundCheckDraft(LocalDate completedOn, BackgroundCheckResult result, String provider) {
}
