package dev.assayer.demo.internal;

import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.incident.IncidentStatus;
import dev.assayer.incident.Severity;
import dev.assayer.policy.VersionStatus;
import dev.assayer.risk.Treatment;
import dev.assayer.vendor.CriticalityTier;
import dev.assayer.vendor.Opinion;
import dev.assayer.vendor.ReportKind;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.shared.tenancy.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The demo content under {@code classpath:demo/}: the company and its sign-ins, how far each
 * control is, the engagement, the evidence plan and the compliance program (risks, policies,
 * vendors, incidents). Parsed strictly (an unknown key is an error) and checked for internal
 * consistency before anything is written.
 */
record DemoContent(Company company, ControlPlan controls, EngagementPlan engagement, EvidencePlan evidence,
        ProgramPlan program) {

    static final String BASE = "demo/";
    static final String EVIDENCE_DIR = BASE + "evidence/";

    record Company(String organization, String legalName, String domain, String summary, List<DemoUser> users) {
    }

    /** A sign-in of the demo; {@code ownerRoles} are starter-library owner titles assigned to this person. */
    record DemoUser(String key, String name, String email, String title, Role role, List<String> ownerRoles) {

        DemoUser {
            ownerRoles = ownerRoles == null ? List.of() : List.copyOf(ownerRoles);
        }
    }

    /** Control refs by prefix marked NOT_APPLICABLE; refs IN_PROGRESS and NOT_STARTED; all else IMPLEMENTED. */
    record ControlPlan(List<String> notApplicable, List<String> inProgress, List<String> notStarted) {

        ControlPlan {
            notApplicable = notApplicable == null ? List.of() : List.copyOf(notApplicable);
            inProgress = inProgress == null ? List.of() : List.copyOf(inProgress);
            notStarted = notStarted == null ? List.of() : List.copyOf(notStarted);
        }
    }

    record EngagementPlan(String name, Framework framework, ReportType reportType, List<String> categories,
            String serviceAuditor, int periodMonthsBack, int periodMonths, SystemDescription system,
            List<SubserviceOrganization> subserviceOrganizations, List<Cuec> cuecs,
            List<ExcludedCriterion> criteriaNotRelevant) {
    }

    record EvidencePlan(List<EvidencePlanItem> items) {
    }

    /**
     * One evidence item: a {@code file} under demo/evidence/ or a {@code url}. Dates are demo date
     * expressions ({@link DemoDates}); {@code covers} is a [start, end] pair instead of
     * {@code effective}. {@code by}, {@code review} and {@code withdraw} are user keys.
     */
    record EvidencePlanItem(String file, String url, String title, String description, List<String> controls,
            String effective, List<String> covers, String renewal, String by, CollectionMethod method, String source,
            String review, String note, String withdraw, String reason) {

        EvidencePlanItem {
            controls = controls == null ? List.of() : List.copyOf(controls);
            covers = covers == null ? List.of() : List.copyOf(covers);
        }

        String label() {
            return file != null ? file : url;
        }
    }

    /** program.yaml: the compliance program around the controls. */
    record ProgramPlan(RiskPlan risks, List<PolicyPlan> policies, List<VendorPlan> vendors,
            List<IncidentPlan> incidents) {

        ProgramPlan {
            policies = policies == null ? List.of() : List.copyOf(policies);
            vendors = vendors == null ? List.of() : List.copyOf(vendors);
            incidents = incidents == null ? List.of() : List.copyOf(incidents);
        }
    }

    /** The starter risk library is adopted whole; {@code adjust} changes single risks by starter key. */
    record RiskPlan(List<RiskAdjustment> adjust, AssessmentPlan assessment) {

        RiskPlan {
            adjust = adjust == null ? List.of() : List.copyOf(adjust);
        }
    }

    /**
     * A change to one adopted starter risk: owner (user key), residual [likelihood, impact], extra
     * mitigating controls, treatment (ACCEPT needs approver, reason and expires), notes.
     */
    record RiskAdjustment(String key, String owner, List<Integer> residual, List<String> controls,
            Treatment treatment, String approver, String reason, String expires, String notes) {

        RiskAdjustment {
            residual = residual == null ? List.of() : List.copyOf(residual);
            controls = controls == null ? List.of() : List.copyOf(controls);
        }
    }

    /** The risk assessment approved (signed off) by {@code by} once the register is adjusted. */
    record AssessmentPlan(String title, String by) {
    }

    /** A policy from a starter template; {@code outstanding} are user keys who have not acknowledged it. */
    record PolicyPlan(String template, String owner, List<String> controls, VersionStatus status,
            List<String> outstanding) {

        PolicyPlan {
            controls = controls == null ? List.of() : List.copyOf(controls);
            status = status == null ? VersionStatus.PUBLISHED : status;
            outstanding = outstanding == null ? List.of() : List.copyOf(outstanding);
        }
    }

    /** A vendor; {@code subservice} is the method when it is a subservice organization of the engagement. */
    record VendorPlan(String name, String service, List<String> data, CriticalityTier tier, String owner,
            String contractStart, SubserviceMethod subservice, List<String> csocs, ReviewPlan review) {

        VendorPlan {
            data = data == null ? List.of() : List.copyOf(data);
            csocs = csocs == null ? List.of() : List.copyOf(csocs);
        }
    }

    /** The review of a vendor's report; {@code memo} is a demo evidence file filed as the review's evidence. */
    record ReviewPlan(String by, String on, String memo, ReportKind kind, ReportType type, List<String> period,
            String auditor, Opinion opinion, List<String> exceptions, String effect, List<CuecPlan> cuecs,
            String notes) {

        ReviewPlan {
            period = period == null ? List.of() : List.copyOf(period);
            exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
            cuecs = cuecs == null ? List.of() : List.copyOf(cuecs);
        }
    }

    /** A CUEC of a vendor's report; {@code control} null = not mapped yet (a readiness gap). */
    record CuecPlan(String ref, String text, String control) {
    }

    /** An incident; {@code detected}, {@code notified} and timeline {@code at} are "P+72 20:58" (demo date, UTC time). */
    record IncidentPlan(String ref, String title, String detected, String reportedBy, Severity severity,
            boolean significant, List<String> systems, List<String> data, String response, String rootCause,
            String lessons, String notified, String notifiedHow, IncidentStatus status, String by,
            List<String> controls, List<TimelinePlan> timeline) {

        IncidentPlan {
            systems = systems == null ? List.of() : List.copyOf(systems);
            data = data == null ? List.of() : List.copyOf(data);
            controls = controls == null ? List.of() : List.copyOf(controls);
            timeline = timeline == null ? List.of() : List.copyOf(timeline);
        }
    }

    record TimelinePlan(String at, String text) {
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static DemoContent load() {
        DemoContent c = new DemoContent(read("company.yaml", Company.class), read("controls.yaml", ControlPlan.class),
                read("engagement.yaml", EngagementPlan.class), read("evidence.yaml", EvidencePlan.class),
                read("program.yaml", ProgramPlan.class));
        c.check();
        return c;
    }

    private static <T> T read(String name, Class<T> type) {
        try (InputStream in = open(BASE + name)) {
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read demo content " + name, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("demo content " + name + " is not valid: " + e.getMessage(), e);
        }
    }

    static InputStream open(String resource) {
        InputStream in = DemoContent.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("demo content " + resource + " is missing from the classpath");
        }
        return in;
    }

    /** The raw text of an evidence file, before its placeholders are rendered. */
    static String evidenceText(String file) {
        try (InputStream in = open(EVIDENCE_DIR + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read demo evidence " + file, e);
        }
    }

    Map<String, DemoUser> usersByKey() {
        return company.users().stream().collect(Collectors.toMap(DemoUser::key, Function.identity()));
    }

    /** Fails on content that would load only half-way: unknown user keys, missing files, bad dates. */
    void check() {
        if (company == null || company.users() == null || company.users().isEmpty()) {
            throw new IllegalStateException("demo content: company.yaml names no users");
        }
        if (company.users().getFirst().role() != Role.ADMIN) {
            throw new IllegalStateException("demo content: the first user in company.yaml must be an ADMIN");
        }
        Set<String> keys = new HashSet<>();
        for (DemoUser u : company.users()) {
            if (!keys.add(u.key())) {
                throw new IllegalStateException("demo content: user key '" + u.key() + "' is used twice");
            }
        }
        DemoDates probe = DemoDates.forToday(java.time.LocalDate.of(2026, 1, 15), engagement.periodMonthsBack(),
                engagement.periodMonths());
        for (EvidencePlanItem i : evidence.items()) {
            String what = "demo evidence '" + i.label() + "'";
            if ((i.file() == null) == (i.url() == null)) {
                throw new IllegalStateException(what + ": exactly one of file and url is required");
            }
            if (i.file() != null) {
                evidenceText(i.file());
            }
            if (i.controls().isEmpty()) {
                throw new IllegalStateException(what + ": names no controls");
            }
            if ((i.effective() == null) == i.covers().isEmpty() || !(i.covers().isEmpty() || i.covers().size() == 2)) {
                throw new IllegalStateException(what + ": needs either effective or covers: [start, end]");
            }
            probe.resolve(i.effective());
            i.covers().forEach(probe::resolve);
            probe.resolve(i.renewal());
            for (String k : new String[] {i.by(), i.review(), i.withdraw()}) {
                if (k != null && !keys.contains(k)) {
                    throw new IllegalStateException(what + ": unknown user key '" + k + "'");
                }
            }
            if (i.by() == null) {
                throw new IllegalStateException(what + ": 'by' (the uploader) is required");
            }
            if (i.by().equals(i.review())) {
                throw new IllegalStateException(what + ": the reviewer must not be the uploader");
            }
            if (i.withdraw() != null && (i.reason() == null || i.reason().isBlank())) {
                throw new IllegalStateException(what + ": a withdrawn item needs a reason");
            }
        }
        checkProgram(keys, probe);
    }

    private void checkProgram(Set<String> keys, DemoDates probe) {
        if (program == null || program.risks() == null || program.risks().assessment() == null) {
            throw new IllegalStateException("demo content: program.yaml needs risks.assessment");
        }
        java.util.function.BiConsumer<String, String> user = (what, k) -> {
            if (k != null && !keys.contains(k)) {
                throw new IllegalStateException("demo " + what + ": unknown user key '" + k + "'");
            }
        };
        user.accept("risk assessment", program.risks().assessment().by());
        for (RiskAdjustment a : program.risks().adjust()) {
            String what = "risk " + a.key();
            user.accept(what, a.owner());
            user.accept(what, a.approver());
            if (!a.residual().isEmpty() && a.residual().size() != 2) {
                throw new IllegalStateException("demo " + what + ": residual is [likelihood, impact]");
            }
            probe.resolve(a.expires());
        }
        Set<String> templates = new HashSet<>();
        for (PolicyPlan p : program.policies()) {
            if (!templates.add(p.template())) {
                throw new IllegalStateException("demo policy " + p.template() + ": listed twice");
            }
            user.accept("policy " + p.template(), p.owner());
            p.outstanding().forEach(k -> user.accept("policy " + p.template(), k));
        }
        for (VendorPlan v : program.vendors()) {
            String what = "vendor " + v.name();
            user.accept(what, v.owner());
            probe.resolve(v.contractStart());
            if (v.review() != null) {
                user.accept(what, v.review().by());
                probe.resolve(v.review().on());
                v.review().period().forEach(probe::resolve);
                if (v.review().memo() != null && evidence.items().stream().noneMatch(i -> v.review().memo().equals(i.file()))) {
                    throw new IllegalStateException("demo " + what + ": memo " + v.review().memo()
                            + " is not a file of evidence.yaml");
                }
            }
        }
        for (IncidentPlan i : program.incidents()) {
            String what = "incident " + i.ref();
            user.accept(what, i.by());
            probe.instant(i.detected());
            probe.instant(i.notified());
            i.timeline().forEach(t -> probe.instant(t.at()));
        }
    }
}
