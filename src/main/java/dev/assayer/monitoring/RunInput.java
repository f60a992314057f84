package dev.assayer.monitoring;

import java.util.UUID;

/** One import a run evaluated: the file's SHA-256 ties the run's evidence to the raw export. */
public record RunInput(UUID importId, String source, String filename, String sha256, UUID evidenceId) {
}
