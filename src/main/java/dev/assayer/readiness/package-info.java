/**
 * Readiness: how close an engagement is to being auditable, requirement by requirement. For each
 * in-scope criterion (SOC 2) or control objective (SOC 1) it shows the mapped controls, their
 * status, owner and evidence, and names every gap with its reason, so that each percentage point
 * traces back to the requirements, controls and evidence behind it. Gaps of the compliance program
 * (risk assessment, policy acknowledgements, vendor CUECs, training), read from the risk, policy,
 * vendor and people modules' public services, hold back the SOC 2 criteria they bear on. Public face:
 * {@link dev.assayer.readiness.ReadinessService}, {@link dev.assayer.readiness.ReadinessReport}
 * and the pure {@link dev.assayer.readiness.ReadinessCalculator}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Readiness")
package dev.assayer.readiness;
