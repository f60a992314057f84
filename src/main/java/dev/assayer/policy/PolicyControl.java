package dev.assayer.policy;

import java.util.UUID;

/** A control a policy supports: its id and reference ("AC-01"). */
public record PolicyControl(UUID id, String ref) {
}
