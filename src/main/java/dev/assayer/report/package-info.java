/**
 * Reports (issue 6): SOC 2 / SOC 1 Type I and II and SOC 3 reports assembled from recorded facts
 * only, frozen versions, management's assertion sign-off, the description checker, internal
 * reports, and bridge letters.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports")
package dev.assayer.report;
