package dev.assayer.finding;

import java.time.Instant;
import java.util.UUID;

/** Management's acceptance of a finding's risk instead of remediating it: who approved it, why, when. */
public record RiskAcceptance(UUID approverId, String approverName, String reason, Instant acceptedAt) {
}
