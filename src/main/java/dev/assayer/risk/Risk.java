package dev.assayer.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One entry of the risk register. {@code soc2Categories} are the Trust Services categories the
 * risk affects (SECURITY, AVAILABILITY, …); {@code controlIds}/{@code controlRefs} are the
 * mitigating controls in the same order; {@code flags} are computed for the day it was read.
 */
public record Risk(UUID id, String ref, String title, String description, RiskCategory category, String threat,
        String vulnerability, String affectedAssets, List<String> soc2Categories, UUID ownerId, LocalDate reviewDate,
        RiskScore inherent, RiskScore residual, Treatment treatment, UUID acceptanceApproverId,
        String acceptanceReason, LocalDate acceptanceExpires, String treatmentNotes, List<UUID> controlIds,
        List<String> controlRefs, String starterKey, List<RiskFlag> flags, long version, Instant createdAt,
        Instant updatedAt) {
}
