package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.UUID;

/**
 * A reviewer's note on a test workpaper: the preparer responds, the reviewer clears it. Open notes
 * block the reviewer's sign-off. {@code ref} is "RN1", "RN2", … within the test.
 */
public record ReviewNote(UUID id, UUID testId, String ref, String text, String author, Instant createdAt,
        String response, String respondedBy, Instant respondedAt, String clearedBy, Instant clearedAt, long version) {

    public boolean cleared() {
        return clearedAt != null;
    }
}
