package dev.assayer.evidence;

import java.util.UUID;

/** A control an evidence item supports: its id and its reference (e.g. "AC-01"). */
public record ControlRef(UUID id, String ref) {
}
