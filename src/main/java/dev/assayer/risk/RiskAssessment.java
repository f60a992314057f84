package dev.assayer.risk;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A periodic risk assessment: an approved, immutable snapshot of the register as of a date.
 * {@code snapshot} is the stored JSON document exactly as written and {@code sha256} its hash
 * (lower-case hex of the UTF-8 bytes), so the evidence can be checked independently.
 */
public record RiskAssessment(UUID id, String title, LocalDate asOf, String approvedBy, UUID approvedById,
        Instant approvedAt, int riskCount, @JsonRawValue String snapshot, String sha256) {
}
