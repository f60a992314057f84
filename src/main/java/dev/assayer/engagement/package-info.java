/**
 * Engagements: one engagement is one SOC 1 or SOC 2 report (Type I as of a date, Type II over a
 * period), with the Trust Services categories in scope and the system it describes (services,
 * commitments, components and boundaries, subservice organizations with their CSOCs, CUECs and
 * criteria not relevant). Public face: {@link dev.assayer.engagement.EngagementService} and the
 * records it returns. Other modules use {@link dev.assayer.engagement.Engagement#windowStart()} and
 * {@link dev.assayer.engagement.Engagement#windowEnd()} as the readiness window.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Engagements")
package dev.assayer.engagement;
