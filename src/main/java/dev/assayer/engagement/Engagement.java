package dev.assayer.engagement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One report engagement of an organization. {@code categories} are in canonical order (SECURITY
 * first) and empty for SOC 1. {@code warnings} are computed from the dates (e.g. a Type II period
 * outside the usual 3–12 months) and are never stored.
 */
public record Engagement(UUID id, String name, Framework framework, ReportType reportType, LocalDate asOfDate,
        LocalDate periodStart, LocalDate periodEnd, Set<String> categories, EngagementStatus status,
        String serviceAuditor, SystemDescription system, List<SubserviceOrganization> subserviceOrganizations,
        List<Cuec> cuecs, List<ExcludedCriterion> criteriaNotRelevant, List<String> warnings, long version,
        Instant createdAt, Instant updatedAt) {

    /** First day of the readiness window: the period start for Type II, null (open) for Type I. */
    public LocalDate windowStart() {
        return reportType == ReportType.TYPE2 ? periodStart : null;
    }

    /** Last day of the readiness window: the period end for Type II, the as-of date for Type I. */
    public LocalDate windowEnd() {
        return reportType == ReportType.TYPE2 ? periodEnd : asOfDate;
    }

    /** "SOC 2 Type II", for lists and headings. */
    public String kindLabel() {
        return framework.label() + " " + reportType.label();
    }
}
