package dev.assayer.report;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A frozen report version as the API and UI show it: {@code kind} is the API code ("soc2-type2"),
 * {@code sha256} the PDF's, {@code evidence} maps "pdf", "docx", "html" and "json" to the evidence
 * items holding the frozen bytes, {@code signature} the assertion sign-off that refers to this
 * version (null until an officer signs).
 */
public record ReportVersion(UUID id, UUID engagementId, int number, String kind, String title, String sha256,
        String generatedBy, Instant generatedAt, Map<String, UUID> evidence, AssertionSignature signature) {

    public ReportVersion {
        evidence = Map.copyOf(evidence);
    }

    public ReportVersionSummary summary() {
        return new ReportVersionSummary(id, engagementId, number, kind, sha256, generatedAt, generatedBy, evidence);
    }
}
