package dev.assayer.monitoring.internal.collect;

import java.nio.file.Path;

/** One document a collector wrote, in the shape of the named import format, ready for MonitoringService.importFile. */
public record CollectedDocument(String format, String filename, Path file, long items) {
}
