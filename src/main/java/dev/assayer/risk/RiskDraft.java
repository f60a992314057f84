package dev.assayer.risk;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a user sends to create or replace a risk. Missing residual likelihood or impact default to
 * the inherent ones; {@code controls} are control ids or refs of the same organization. Acceptance
 * fields are only kept for ACCEPT.
 */
public record RiskDraft(String title, String description, RiskCategory category, String threat, String vulnerability,
        String affectedAssets, List<String> soc2Categories, UUID ownerId, LocalDate reviewDate,
        Integer inherentLikelihood, Integer inherentImpact, Integer residualLikelihood, Integer residualImpact,
        Treatment treatment, UUID acceptanceApproverId, String acceptanceReason, LocalDate acceptanceExpires,
        String treatmentNotes, List<String> controls) {
}
