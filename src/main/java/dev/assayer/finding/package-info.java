/**
 * Findings and corrective actions (issue 4 §8): what an audit firm found in a deviation or a
 * failed test of design, what the organization found itself (e.g. from a readiness gap), and
 * everything done about it — severity, root cause, owner, due date, corrective action plan and
 * actions, a status history, and the re-test that closes the loop. Overdue findings feed the
 * dashboard.
 *
 * <p>Public face: {@link dev.assayer.finding.FindingService} and the records of this package. The
 * module depends on no fieldwork class: a finding names its source by type, optional id and a
 * reference text ({@link dev.assayer.finding.FindingSource}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Findings")
package dev.assayer.finding;
