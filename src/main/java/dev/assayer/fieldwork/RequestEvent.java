package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One step of a request's history: who ({@code actor}, on which {@code side}: CLIENT or AUDITOR),
 * when, what ({@code action}: created, imported, rolled-forward, edited, submitted, resubmitted,
 * accepted, flagged), the status before and after, the note (the reason of a flag, the client's
 * message with a submission) and the evidence a submission linked.
 */
public record RequestEvent(UUID id, String action, RequestStatus fromStatus, RequestStatus toStatus, String side,
        UUID actorId, String actor, String note, List<UUID> evidenceIds, Instant at) {
}
