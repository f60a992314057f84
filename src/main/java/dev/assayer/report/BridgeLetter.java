package dev.assayer.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A frozen bridge letter version: it covers {@code periodEnd + 1 day} to {@code coversTo};
 * {@code sha256} is the draft PDF's, {@code evidence} maps "pdf", "docx" and "json" (canonical) to the evidence items
 * holding the frozen draft; the counts say how many recorded facts it lists. {@code signature} is
 * null until a named officer signs this version.
 */
public record BridgeLetter(UUID id, UUID engagementId, int number, LocalDate periodEnd, LocalDate coversTo, String sha256,
        Map<String, UUID> evidence, int changes, int incidents, int openFindings, String generatedBy,
        Instant generatedAt, Signature signature) {

    /**
     * The officer's sign-off: name as typed, title, the signed-in user ("Name &lt;email&gt;"), when, the
     * SHA-256 of the draft it refers to ({@link BridgeLetter#sha256()}), and the signed renderings
     * (the same letter with the signature block), stored as evidence ({@code signedSha256}: the signed PDF's).
     */
    public record Signature(String officerName, String officerTitle, UUID signedById, String signedBy, Instant signedAt,
            String versionSha256, String signedSha256, Map<String, UUID> evidence) {
    }

    public boolean signed() {
        return signature != null;
    }
}
