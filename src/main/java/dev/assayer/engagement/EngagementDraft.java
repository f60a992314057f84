package dev.assayer.engagement;

import java.time.LocalDate;
import java.util.List;

/**
 * What a user submits to create or replace an engagement. {@code status} may be null (a new
 * engagement starts in {@link EngagementStatus#PLANNING}; an update keeps the current status).
 * {@code categories} are SOC 2 category codes; SECURITY is always added. Null lists mean empty.
 */
public record EngagementDraft(String name, Framework framework, ReportType reportType, LocalDate asOfDate,
        LocalDate periodStart, LocalDate periodEnd, List<String> categories, EngagementStatus status,
        String serviceAuditor, SystemDescription system, List<SubserviceOrganization> subserviceOrganizations,
        List<Cuec> cuecs, List<ExcludedCriterion> criteriaNotRelevant) {
}
