package dev.assayer.finding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One finding. {@code firmId}/{@code firmName} name the audit firm that raised it; both are null
 * for the organization's own (internal) findings. {@code controlIds} are the related controls,
 * {@code controlRefs} their refs at read time (same order). {@code overdue} is computed when read:
 * the finding is OPEN or IN_REMEDIATION and its due date has passed. {@code actions},
 * {@code history} (oldest first) and {@code retests} (oldest first) are never shortened.
 */
public record Finding(UUID id, String ref, UUID engagementId, UUID firmId, String firmName, String title,
        String description, Severity severity, FindingSource source, List<UUID> controlIds, List<String> controlRefs,
        List<String> criteria, String rootCause, UUID ownerId, String ownerName, LocalDate dueDate,
        String correctiveActionPlan, FindingStatus status, RiskAcceptance riskAcceptance, boolean overdue,
        List<CorrectiveAction> actions, List<StatusChange> history, List<Retest> retests, UUID raisedBy,
        String raisedByLabel, long version, Instant createdAt, Instant updatedAt) {

    /** True when an audit firm raised it (only that firm changes its assessment and closes it). */
    public boolean auditorFinding() {
        return firmId != null;
    }
}
