package dev.assayer.engagement.internal;

import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementStatus;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemComponent;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.shared.ApiProblem;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The domain rules of an engagement, free of Spring and SQL: required fields per report type,
 * the period rules and warnings, SOC 2 category normalization and the shape of the system
 * description. {@link #normalize} reports every problem at once, with the JSON path of each field.
 */
public final class EngagementRules {

    /** SOC 2 categories in canonical order; SECURITY (the common criteria) is always in scope. */
    public static final List<String> SOC2_CATEGORIES = List.of("SECURITY", "AVAILABILITY", "PROCESSING_INTEGRITY",
            "CONFIDENTIALITY", "PRIVACY");
    public static final String SECURITY = "SECURITY";

    static final int SHORT_TEXT = 200;
    static final int LONG_TEXT = 4000;
    static final int ID_TEXT = 40;
    static final int MAX_ITEMS = 200;
    static final int MIN_PERIOD_MONTHS = 3;
    static final int MAX_PERIOD_MONTHS = 12;

    private EngagementRules() {
    }

    /**
     * Validates a draft and returns it normalized: strings trimmed (blank → null), dates not used
     * by the report type cleared, categories canonical, lists non-null, status defaulted.
     *
     * @param unknownCriteria returns the ids among its argument that are not known: SOC 2 criteria for a SOC 2
     *        engagement, the organization's control objectives for SOC 1
     * @param currentStatus the status to keep when the draft has none (PLANNING for a new engagement)
     * @throws ApiProblem 400 naming every offending field
     */
    public static EngagementDraft normalize(EngagementDraft d, EngagementStatus currentStatus,
            Function<Collection<String>, List<String>> unknownCriteria) {
        Errors errors = new Errors();
        if (d == null) {
            throw ApiProblem.invalidField("body", "an engagement is required");
        }
        String name = text(errors, "name", d.name(), SHORT_TEXT, true);
        if (d.framework() == null) {
            errors.add("framework", "is required (SOC1 or SOC2)");
        }
        if (d.reportType() == null) {
            errors.add("reportType", "is required (TYPE1 or TYPE2)");
        }
        LocalDate asOf = null;
        LocalDate start = null;
        LocalDate end = null;
        if (d.reportType() == ReportType.TYPE1) {
            asOf = d.asOfDate();
            if (asOf == null) {
                errors.add("asOfDate", "is required for a Type I report (the date the description and design are as of)");
            }
        } else if (d.reportType() == ReportType.TYPE2) {
            start = d.periodStart();
            end = d.periodEnd();
            if (start == null) {
                errors.add("periodStart", "is required for a Type II report");
            }
            if (end == null) {
                errors.add("periodEnd", "is required for a Type II report");
            }
            if (start != null && end != null && end.isBefore(start)) {
                errors.add("periodEnd", "must not be before periodStart (" + start + ")");
            }
        }
        List<String> categories = categories(errors, d.framework(), d.categories());
        EngagementStatus status = d.status() != null ? d.status() : currentStatus;
        String auditor = text(errors, "serviceAuditor", d.serviceAuditor(), SHORT_TEXT, false);

        SystemDescription system = system(errors, d.system());
        Map<String, List<String>> criteriaRefs = new LinkedHashMap<>();
        Framework fw = d.framework();
        List<SubserviceOrganization> subs = subservices(errors, d.subserviceOrganizations(), criteriaRefs, fw);
        List<Cuec> cuecs = cuecs(errors, d.cuecs(), criteriaRefs, fw);
        List<ExcludedCriterion> excluded = excluded(errors, d.criteriaNotRelevant(), criteriaRefs, fw);

        if (!criteriaRefs.isEmpty()) {
            Set<String> unknown = new HashSet<>(unknownCriteria.apply(Set.copyOf(criteriaRefs.keySet())));
            criteriaRefs.forEach((id, paths) -> {
                if (unknown.contains(id)) {
                    paths.forEach(p -> errors.add(p, (fw == Framework.SOC1 ? "unknown control objective '" : "unknown criterion '")
                            + id + "'"));
                }
            });
        }
        errors.throwIfAny();
        return new EngagementDraft(name, d.framework(), d.reportType(), asOf, start, end, categories, status, auditor,
                system, subs, cuecs, excluded);
    }

    /**
     * Warnings (not errors) about the dates: a Type II period shorter than 3 or longer than 12
     * months is unusual. A period runs from its first to its last day inclusive, so 1 January to
     * 31 March is exactly three months.
     */
    public static List<String> warnings(ReportType type, LocalDate periodStart, LocalDate periodEnd) {
        if (type != ReportType.TYPE2 || periodStart == null || periodEnd == null || periodEnd.isBefore(periodStart)) {
            return List.of();
        }
        LocalDate dayAfter = periodEnd.plusDays(1);
        List<String> warnings = new ArrayList<>();
        if (dayAfter.isBefore(periodStart.plusMonths(MIN_PERIOD_MONTHS))) {
            warnings.add("The period " + range(periodStart, periodEnd) + " is shorter than " + MIN_PERIOD_MONTHS
                    + " months; Type II periods usually run 3 to 12 months, and auditors rarely accept less than 3.");
        }
        if (dayAfter.isAfter(periodStart.plusMonths(MAX_PERIOD_MONTHS))) {
            warnings.add("The period " + range(periodStart, periodEnd) + " is longer than " + MAX_PERIOD_MONTHS
                    + " months; Type II periods usually run 3 to 12 months, and a report is treated as current "
                    + "for about 12 months after the period end.");
        }
        return List.copyOf(warnings);
    }

    private static String range(LocalDate start, LocalDate end) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(start) + " – " + DateTimeFormatter.ISO_LOCAL_DATE.format(end);
    }

    /** Canonical order, SECURITY always present for SOC 2; SOC 1 has no categories. */
    static List<String> categories(Errors errors, Framework framework, List<String> given) {
        List<String> raw = given == null ? List.of() : given;
        if (framework == Framework.SOC1) {
            if (raw.stream().anyMatch(c -> c != null && !c.isBlank())) {
                errors.add("categories", "SOC 1 engagements have no Trust Services categories; leave categories empty");
            }
            return List.of();
        }
        Set<String> chosen = new HashSet<>();
        chosen.add(SECURITY);
        for (int i = 0; i < raw.size(); i++) {
            String c = raw.get(i);
            String code = c == null ? "" : c.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (!SOC2_CATEGORIES.contains(code)) {
                errors.add("categories[" + i + "]", "unknown category '" + c + "' (expected one of "
                        + String.join(", ", SOC2_CATEGORIES) + ")");
            } else {
                chosen.add(code);
            }
        }
        return framework == null ? List.of() : SOC2_CATEGORIES.stream().filter(chosen::contains).toList();
    }

    /** An ordered, unmodifiable set of category codes as stored (comma-separated). */
    public static Set<String> categorySet(Collection<String> codes) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(codes));
    }

    private static SystemDescription system(Errors errors, SystemDescription s) {
        if (s == null) {
            return SystemDescription.empty();
        }
        String name = text(errors, "system.name", s.name(), SHORT_TEXT, false);
        String services = text(errors, "system.servicesProvided", s.servicesProvided(), LONG_TEXT, false);
        String boundaries = text(errors, "system.boundaries", s.boundaries(), LONG_TEXT, false);
        List<String> commitments = items(errors, "system.commitments", s.commitments(), LONG_TEXT);
        List<SystemComponent> components = new ArrayList<>();
        tooMany(errors, "system.components", s.components());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < s.components().size(); i++) {
            SystemComponent c = s.components().get(i);
            String p = "system.components[" + i + "]";
            if (c == null) {
                errors.add(p, "must not be null");
                continue;
            }
            if (c.type() == null) {
                errors.add(p + ".type", "is required (INFRASTRUCTURE, SOFTWARE, PEOPLE, PROCEDURES or DATA)");
            }
            String n = text(errors, p + ".name", c.name(), SHORT_TEXT, true);
            if (n != null && c.type() != null && !seen.add(c.type() + "/" + n.toLowerCase(Locale.ROOT))) {
                errors.add(p + ".name", "duplicate component '" + n + "' of type " + c.type());
            }
            components.add(new SystemComponent(c.type(), n, text(errors, p + ".description", c.description(),
                    LONG_TEXT, false)));
        }
        return new SystemDescription(name, services, commitments, boundaries, components);
    }

    private static List<SubserviceOrganization> subservices(Errors errors, List<SubserviceOrganization> list,
            Map<String, List<String>> refs, Framework fw) {
        List<SubserviceOrganization> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        tooMany(errors, "subserviceOrganizations", list);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            SubserviceOrganization s = list.get(i);
            String p = "subserviceOrganizations[" + i + "]";
            if (s == null) {
                errors.add(p, "must not be null");
                continue;
            }
            String n = text(errors, p + ".name", s.name(), SHORT_TEXT, true);
            if (n != null && !seen.add(n.toLowerCase(Locale.ROOT))) {
                errors.add(p + ".name", "duplicate subservice organization '" + n + "'");
            }
            if (s.method() == null) {
                errors.add(p + ".method", "is required (CARVE_OUT or INCLUSIVE)");
            }
            out.add(new SubserviceOrganization(n, text(errors, p + ".servicesProvided", s.servicesProvided(), LONG_TEXT,
                    false), s.method(), items(errors, p + ".csocs", s.csocs(), LONG_TEXT),
                    criteria(errors, p + ".relatedCriteria", s.relatedCriteria(), refs, fw)));
        }
        return out;
    }

    private static List<Cuec> cuecs(Errors errors, List<Cuec> list, Map<String, List<String>> refs,
            Framework fw) {
        List<Cuec> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        tooMany(errors, "cuecs", list);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Cuec c = list.get(i);
            String p = "cuecs[" + i + "]";
            if (c == null) {
                errors.add(p, "must not be null");
                continue;
            }
            String ref = text(errors, p + ".ref", c.ref(), ID_TEXT, false);
            if (ref == null) {
                ref = "CUEC-" + (i + 1);
            }
            if (!seen.add(ref.toLowerCase(Locale.ROOT))) {
                errors.add(p + ".ref", "duplicate reference '" + ref + "'");
            }
            out.add(new Cuec(ref, text(errors, p + ".description", c.description(), LONG_TEXT, true),
                    criteria(errors, p + ".relatedCriteria", c.relatedCriteria(), refs, fw)));
        }
        return out;
    }

    private static List<ExcludedCriterion> excluded(Errors errors, List<ExcludedCriterion> list,
            Map<String, List<String>> refs, Framework fw) {
        List<ExcludedCriterion> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        tooMany(errors, "criteriaNotRelevant", list);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ExcludedCriterion x = list.get(i);
            String p = "criteriaNotRelevant[" + i + "]";
            if (x == null) {
                errors.add(p, "must not be null");
                continue;
            }
            String id = criterionId(text(errors, p + ".criterionId", x.criterionId(), ID_TEXT, true), fw);
            if (id != null) {
                if (!seen.add(id)) {
                    errors.add(p + ".criterionId", "criterion '" + id + "' is listed twice");
                }
                refs.computeIfAbsent(id, k -> new ArrayList<>()).add(p + ".criterionId");
            }
            out.add(new ExcludedCriterion(id, text(errors, p + ".reason", x.reason(), LONG_TEXT, true)));
        }
        return out;
    }

    private static List<String> criteria(Errors errors, String path, List<String> ids, Map<String, List<String>> refs,
            Framework fw) {
        List<String> out = new ArrayList<>();
        if (ids == null) {
            return out;
        }
        tooMany(errors, path, ids);
        for (int i = 0; i < ids.size(); i++) {
            String id = criterionId(text(errors, path + "[" + i + "]", ids.get(i), ID_TEXT, true), fw);
            if (id != null && !out.contains(id)) {
                out.add(id);
                List<String> paths = refs.computeIfAbsent(id, k -> new ArrayList<>());
                if (!paths.contains(path)) {
                    paths.add(path);
                }
            }
        }
        return out;
    }

    /** SOC 2 criterion ids are upper case (cc6.1 → CC6.1); SOC 1 objective refs are the organization's own, kept as typed. */
    static String criterionId(String id, Framework fw) {
        return id == null || fw != Framework.SOC2 ? id : id.toUpperCase(Locale.ROOT);
    }

    private static List<String> items(Errors errors, String path, List<String> items, int max) {
        List<String> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        tooMany(errors, path, items);
        for (int i = 0; i < items.size(); i++) {
            String t = text(errors, path + "[" + i + "]", items.get(i), max, true);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static void tooMany(Errors errors, String path, List<?> list) {
        if (list != null && list.size() > MAX_ITEMS) {
            errors.add(path, "at most " + MAX_ITEMS + " entries");
        }
    }

    private static String text(Errors errors, String field, String value, int max, boolean required) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        if (t.length() > max) {
            errors.add(field, "at most " + max + " characters (got " + t.length() + ")");
        }
        return t;
    }

    /** Collects field errors; thrown as one 400 problem naming every field. */
    static final class Errors {
        private final List<ApiProblem.FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new ApiProblem.FieldError(field, message));
        }

        void throwIfAny() {
            if (list.isEmpty()) {
                return;
            }
            String detail = list.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
            throw ApiProblem.badRequest(detail, list);
        }
    }
}
