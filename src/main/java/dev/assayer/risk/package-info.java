/**
 * Risk assessment (CC3.1–CC3.4): the organization's risk register (inherent and residual
 * likelihood × impact, treatment, mitigating controls), heat maps, the starter risk library and
 * dated, approved snapshots of the register that serve as risk-assessment evidence. Public face:
 * {@link dev.assayer.risk.RiskService} and the records and enums of this package; readiness uses
 * {@link dev.assayer.risk.RiskService#posture(java.util.UUID, java.time.LocalDate)}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Risk assessment")
package dev.assayer.risk;
