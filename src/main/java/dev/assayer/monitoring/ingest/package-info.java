/**
 * Formats → normalized {@link dev.assayer.monitoring.ingest.Resource}s: detection, streaming
 * readers, and input problems that name the file and the position. No Spring, no SQL.
 */
@org.springframework.modulith.NamedInterface("ingest")
package dev.assayer.monitoring.ingest;
