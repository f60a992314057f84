package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.UUID;

/** A preparer's or reviewer's sign-off on a test workpaper: who and when. */
public record SignOff(UUID userId, String by, Instant at) {
}
