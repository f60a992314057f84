package dev.assayer.incident;

import java.time.Instant;
import java.util.UUID;

/** One entry of an incident's timeline: when something happened, what, and who recorded it. */
public record TimelineEntry(UUID id, Instant at, String text, UUID recordedBy, Instant recordedAt) {
}
