package dev.assayer.engagement.internal;

import dev.assayer.engagement.ComponentType;
import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementStatus;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemComponent;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The set-up and edit form, bound from request parameters. Repeated sections (components,
 * subservice organizations, CUECs, criteria not relevant) are indexed rows; blank rows are dropped
 * before the draft is built, so the row numbers shown after an error match the field paths named.
 * Multi-valued cells are text: one item per line, criterion ids separated by commas or spaces.
 */
public class EngagementForm {

    static final int BLANK_ROWS = 2;

    private String name;
    private String framework = Framework.SOC2.name();
    private String reportType = ReportType.TYPE2.name();
    private String asOfDate;
    private String periodStart;
    private String periodEnd;
    private List<String> categories = new ArrayList<>(List.of("SECURITY"));
    private String status;
    private String serviceAuditor;
    private String systemName;
    private String servicesProvided;
    private String commitments;
    private String boundaries;
    private List<ComponentRow> components = new ArrayList<>();
    private List<SubserviceRow> subservices = new ArrayList<>();
    private List<CuecRow> cuecs = new ArrayList<>();
    private List<ExcludedRow> excluded = new ArrayList<>();
    private Long version;

    static EngagementForm of(Engagement e) {
        EngagementForm f = new EngagementForm();
        f.name = e.name();
        f.framework = e.framework().name();
        f.reportType = e.reportType().name();
        f.asOfDate = e.asOfDate() == null ? null : e.asOfDate().toString();
        f.periodStart = e.periodStart() == null ? null : e.periodStart().toString();
        f.periodEnd = e.periodEnd() == null ? null : e.periodEnd().toString();
        f.categories = new ArrayList<>(e.categories());
        f.status = e.status().name();
        f.serviceAuditor = e.serviceAuditor();
        SystemDescription s = e.system();
        f.systemName = s.name();
        f.servicesProvided = s.servicesProvided();
        f.commitments = String.join("\n", s.commitments());
        f.boundaries = s.boundaries();
        for (SystemComponent c : s.components()) {
            f.components.add(new ComponentRow(c.type() == null ? null : c.type().name(), c.name(), c.description()));
        }
        for (SubserviceOrganization so : e.subserviceOrganizations()) {
            f.subservices.add(new SubserviceRow(so.name(), so.servicesProvided(),
                    so.method() == null ? null : so.method().name(), String.join("\n", so.csocs()),
                    String.join(", ", so.relatedCriteria())));
        }
        for (Cuec c : e.cuecs()) {
            f.cuecs.add(new CuecRow(c.ref(), c.description(), String.join(", ", c.relatedCriteria())));
        }
        for (ExcludedCriterion x : e.criteriaNotRelevant()) {
            f.excluded.add(new ExcludedRow(x.criterionId(), x.reason()));
        }
        f.version = e.version();
        return f;
    }

    /** Drops blank rows (so indexes match the draft) — call before {@link #toDraft()}. */
    void compact() {
        components.removeIf(r -> r == null || r.isBlank());
        subservices.removeIf(r -> r == null || r.isBlank());
        cuecs.removeIf(r -> r == null || r.isBlank());
        excluded.removeIf(r -> r == null || r.isBlank());
    }

    /** Appends blank rows for the user to fill. */
    void pad() {
        fill(components, ComponentRow::new);
        fill(subservices, SubserviceRow::new);
        fill(cuecs, CuecRow::new);
        fill(excluded, ExcludedRow::new);
    }

    private static <T> void fill(List<T> rows, Supplier<T> blank) {
        rows.removeIf(java.util.Objects::isNull);
        for (int i = 0; i < BLANK_ROWS; i++) {
            rows.add(blank.get());
        }
    }

    /** Parses the text fields; a date or choice that cannot be read is a 400 naming the field. */
    EngagementDraft toDraft() {
        Framework fw = FormValues.choice("framework", framework, Framework.class);
        List<String> cats = fw == Framework.SOC1 ? List.of() : categories;
        List<SystemComponent> comps = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            ComponentRow r = components.get(i);
            comps.add(new SystemComponent(FormValues.choice("system.components[" + i + "].type", r.type, ComponentType.class),
                    r.name, r.description));
        }
        List<SubserviceOrganization> subs = new ArrayList<>();
        for (int i = 0; i < subservices.size(); i++) {
            SubserviceRow r = subservices.get(i);
            subs.add(new SubserviceOrganization(r.name, r.servicesProvided,
                    FormValues.choice("subserviceOrganizations[" + i + "].method", r.method, SubserviceMethod.class), lines(r.csocs),
                    ids(r.relatedCriteria)));
        }
        List<Cuec> cs = cuecs.stream().map(r -> new Cuec(r.ref, r.description, ids(r.relatedCriteria))).toList();
        List<ExcludedCriterion> xs = excluded.stream().map(r -> new ExcludedCriterion(r.criterionId, r.reason)).toList();
        return new EngagementDraft(name, fw, FormValues.choice("reportType", reportType, ReportType.class),
                FormValues.date("asOfDate", asOfDate), FormValues.date("periodStart", periodStart), FormValues.date("periodEnd", periodEnd), cats,
                FormValues.choice("status", status, EngagementStatus.class), serviceAuditor,
                new SystemDescription(systemName, servicesProvided, lines(commitments), boundaries, comps), subs, cs, xs);
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static List<String> ids(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean blank(String... values) {
        return Arrays.stream(values).allMatch(v -> v == null || v.isBlank());
    }

    public static class ComponentRow {
        private String type;
        private String name;
        private String description;

        public ComponentRow() {
        }

        ComponentRow(String type, String name, String description) {
            this.type = type;
            this.name = name;
            this.description = description;
        }

        boolean isBlank() {
            return blank(name, description);
        }

        public String getType() { return type; }
        public void setType(String type) { this.type = type; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
    }

    public static class SubserviceRow {
        private String name;
        private String servicesProvided;
        private String method;
        private String csocs;
        private String relatedCriteria;

        public SubserviceRow() {
        }

        SubserviceRow(String name, String servicesProvided, String method, String csocs, String relatedCriteria) {
            this.name = name;
            this.servicesProvided = servicesProvided;
            this.method = method;
            this.csocs = csocs;
            this.relatedCriteria = relatedCriteria;
        }

        boolean isBlank() {
            return blank(name, servicesProvided, csocs, relatedCriteria);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getServicesProvided() { return servicesProvided; }
        public void setServicesProvided(String servicesProvided) { this.servicesProvided = servicesProvided; }
        public String getMethod() { return method; }
        public void setMethod(String method) { this.method = method; }
        public String getCsocs() { return csocs; }
        public void setCsocs(String csocs) { this.csocs = csocs; }
        public String getRelatedCriteria() { return relatedCriteria; }
        public void setRelatedCriteria(String relatedCriteria) { this.relatedCriteria = relatedCriteria; }
    }

    public static class CuecRow {
        private String ref;
        private String description;
        private String relatedCriteria;

        public CuecRow() {
        }

        CuecRow(String ref, String description, String relatedCriteria) {
            this.ref = ref;
            this.description = description;
            this.relatedCriteria = relatedCriteria;
        }

        boolean isBlank() {
            return blank(ref, description, relatedCriteria);
        }

        public String getRef() { return ref; }
        public void setRef(String ref) { this.ref = ref; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getRelatedCriteria() { return relatedCriteria; }
        public void setRelatedCriteria(String relatedCriteria) { this.relatedCriteria = relatedCriteria; }
    }

    public static class ExcludedRow {
        private String criterionId;
        private String reason;

        public ExcludedRow() {
        }

        ExcludedRow(String criterionId, String reason) {
            this.criterionId = criterionId;
            this.reason = reason;
        }

        boolean isBlank() {
            return blank(criterionId, reason);
        }

        public String getCriterionId() { return criterionId; }
        public void setCriterionId(String criterionId) { this.criterionId = criterionId; }
        public String getReason() { return reason; }
        public void setReason(String reason) { this.reason = reason; }
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getFramework() { return framework; }
    public void setFramework(String framework) { this.framework = framework; }
    public String getReportType() { return reportType; }
    public void setReportType(String reportType) { this.reportType = reportType; }
    public String getAsOfDate() { return asOfDate; }
    public void setAsOfDate(String asOfDate) { this.asOfDate = asOfDate; }
    public String getPeriodStart() { return periodStart; }
    public void setPeriodStart(String periodStart) { this.periodStart = periodStart; }
    public String getPeriodEnd() { return periodEnd; }
    public void setPeriodEnd(String periodEnd) { this.periodEnd = periodEnd; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> categories) { this.categories = categories == null ? new ArrayList<>() : categories; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getServiceAuditor() { return serviceAuditor; }
    public void setServiceAuditor(String serviceAuditor) { this.serviceAuditor = serviceAuditor; }
    public String getSystemName() { return systemName; }
    public void setSystemName(String systemName) { this.systemName = systemName; }
    public String getServicesProvided() { return servicesProvided; }
    public void setServicesProvided(String servicesProvided) { this.servicesProvided = servicesProvided; }
    public String getCommitments() { return commitments; }
    public void setCommitments(String commitments) { this.commitments = commitments; }
    public String getBoundaries() { return boundaries; }
    public void setBoundaries(String boundaries) { this.boundaries = boundaries; }
    public List<ComponentRow> getComponents() { return components; }
    public void setComponents(List<ComponentRow> components) { this.components = components; }
    public List<SubserviceRow> getSubservices() { return subservices; }
    public void setSubservices(List<SubserviceRow> subservices) { this.subservices = subservices; }
    public List<CuecRow> getCuecs() { return cuecs; }
    public void setCuecs(List<CuecRow> cuecs) { this.cuecs = cuecs; }
    public List<ExcludedRow> getExcluded() { return excluded; }
    public void setExcluded(List<ExcludedRow> excluded) { this.excluded = excluded; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
