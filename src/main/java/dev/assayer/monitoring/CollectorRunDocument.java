package dev.assayer.monitoring;

import java.util.UUID;

/** One document a collection imported: its format, file name, the import and the evidence item it became. */
public record CollectorRunDocument(String format, String filename, UUID importId, UUID evidenceId, String sha256,
        long resources) {
}
