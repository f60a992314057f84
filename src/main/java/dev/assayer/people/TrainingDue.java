package dev.assayer.people;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An active person whose security awareness training is overdue: none recorded although the
 * onboarding due date has passed, or the latest one expired. {@code dueOn} is that due date or
 * the expiry date; {@code reason} says which, in words.
 */
public record TrainingDue(UUID personId, String name, String email, LocalDate dueOn, String reason) {
}
