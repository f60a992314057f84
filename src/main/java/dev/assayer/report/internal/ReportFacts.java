package dev.assayer.report.internal;

import dev.assayer.control.Control;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemChange;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.incident.Incident;
import dev.assayer.report.AssertionSignature;
import dev.assayer.report.AuditorSection;
import dev.assayer.report.ReportKind;
import java.time.Instant;
import java.util.List;

/**
 * Everything a report is assembled from, gathered from the other modules' public services before
 * assembly (so that {@link ReportAssembler} and {@link DescriptionChecker} stay pure).
 * {@code scope}: the criteria (SOC 2, without those not relevant) or control objectives (SOC 1) in
 * scope; {@code controls}: the organization's controls except those not applicable; {@code tests}:
 * every test of the engagement by any firm, as recorded (the assembler decides what counts);
 * {@code subservices}: the engagement's and the vendor register's, merged by name;
 * {@code signature}: a sign-off referring to this version, if any; {@code latestSignature}: the
 * newest sign-off of any version of the engagement (to say which version is signed).
 */
public record ReportFacts(String organization, Engagement engagement, ReportKind kind, int versionNumber,
        Instant generatedAt, List<ScopeItem> scope, List<Control> controls, List<TestOfControl> tests,
        List<Incident> significantIncidents, List<SubserviceOrganization> subservices, List<SystemChange> changes,
        AuditorSection auditorSection, AssertionSignature signature, AssertionSignature latestSignature) {

    public ReportFacts {
        scope = List.copyOf(scope);
        controls = List.copyOf(controls);
        tests = List.copyOf(tests);
        significantIncidents = List.copyOf(significantIncidents);
        subservices = List.copyOf(subservices);
        changes = List.copyOf(changes);
    }

    /** A criterion (CC6.1) or control objective (ITGC-AC-1) in scope, with its title. */
    public record ScopeItem(String id, String title) {
    }

    /** The controls mapped to a scope item, by ref. */
    public List<Control> controlsFor(String scopeId) {
        return controls.stream()
                .filter(c -> (kind.objectives() ? c.objectives() : c.criteria()).contains(scopeId))
                .sorted((a, b) -> a.ref().compareToIgnoreCase(b.ref())).toList();
    }
}
