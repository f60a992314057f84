package dev.assayer.report.internal.internalreports;

import dev.assayer.catalog.Criterion;
import dev.assayer.control.Control;
import dev.assayer.engagement.Engagement;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceTally;
import dev.assayer.finding.Finding;
import dev.assayer.readiness.ReadinessReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the internal reports are built from, read once by the service: the engagement, its readiness,
 * the organization's controls with their evidence tallied against the engagement's window and the
 * latest valid item of each, the findings the user may see, monitoring health by control
 * ({@code health} null when monitoring is not readable here), and the scope for the statement of
 * applicability ({@code soc2Criteria}: all 61 criteria for a SOC 2 engagement; {@code objectives}:
 * the organization's SOC 1 control objectives as (ref, title, category)).
 */
public record InternalFacts(String organization, Engagement engagement, ReadinessReport readiness,
        List<Control> controls, Map<UUID, EvidenceTally> tallies, Map<UUID, EvidenceItem> latestEvidence,
        List<Finding> findings, Map<UUID, String> health, List<Criterion> soc2Criteria, List<Objective> objectives,
        LocalDate today, Instant generatedAt) {

    public InternalFacts {
        controls = List.copyOf(controls);
        findings = List.copyOf(findings);
        soc2Criteria = List.copyOf(soc2Criteria);
        objectives = List.copyOf(objectives);
    }

    /** A SOC 1 control objective of the organization. */
    public record Objective(String ref, String title, String category) {
    }

    /** "SOC 2 Type II · 2026-01-01 – 2026-06-30" */
    public String engagementLine() {
        return engagement.name() + " (" + engagement.kindLabel() + ", " + readiness.engagement().window().describe() + ")";
    }

    /** The findings not yet closed or risk-accepted. */
    public List<Finding> openFindings() {
        return findings.stream().filter(f -> !f.status().isFinal()).toList();
    }

    /** The open findings that name the control. */
    public List<Finding> openFindingsOf(UUID controlId) {
        return openFindings().stream().filter(f -> f.controlIds().contains(controlId)).toList();
    }
}
