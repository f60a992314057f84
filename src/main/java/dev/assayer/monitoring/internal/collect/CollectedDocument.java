package dev.assayer.monitoring.internal.collect;

import java.nio.file.Path;

/**
 * One document a collector wrote, in the shape of the named import format, ready for
 * MonitoringService.importFile. {@code scope}: what part of the system it covers when a collector
 * reads several (the AWS account id of an assumed role), else null; it becomes part of the import's
 * source, so each account keeps its own inventory.
 */
public record CollectedDocument(String format, String filename, Path file, long items, String scope) {

    public CollectedDocument(String format, String filename, Path file, long items) {
        this(format, filename, file, items, null);
    }
}
