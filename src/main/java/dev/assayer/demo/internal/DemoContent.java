package dev.assayer.demo.internal;

import dev.assayer.accessreview.Decision;
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
import dev.assayer.fieldwork.Conclusion;
import dev.assayer.fieldwork.DeviationNature;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.people.ChecklistItem;
import dev.assayer.people.EmploymentType;
import dev.assayer.shared.tenancy.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The demo content under {@code classpath:demo/}: the company and its sign-ins, how far each
 * control is, the engagement, the evidence plan, the compliance program (risks, policies,
 * vendors, incidents), the personnel roster with its access reviews, and the service auditor's
 * fieldwork. Parsed strictly (an unknown key is an error) and checked for internal consistency
 * before anything is written.
 */
record DemoContent(Company company, ControlPlan controls, EngagementPlan engagement, EvidencePlan evidence,
        ProgramPlan program, PeoplePlan people, AuditPlan audit) {

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
            List<ExcludedCriterion> criteriaNotRelevant, List<SystemChangePlan> systemChanges) {

        EngagementPlan {
            systemChanges = systemChanges == null ? List.of() : List.copyOf(systemChanges);
        }
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

    // ------------------------------------------------------------------ people.yaml

    /** people.yaml: the personnel roster, recorded by {@code by} (a user key), and the access reviews. */
    record PeoplePlan(String by, PeopleDefaults defaults, List<PersonPlan> people, List<AccessReviewPlan> accessReviews) {

        PeoplePlan {
            people = people == null ? List.of() : List.copyOf(people);
            accessReviews = accessReviews == null ? List.of() : List.copyOf(accessReviews);
        }
    }

    /** What every person gets unless their entry says otherwise (see people.yaml). */
    record PeopleDefaults(String newStarterCourse, String annualCourse, int trainingAfterStart, int checkBeforeStart,
            String checkProvider) {
    }

    /**
     * One person of the roster. {@code email} and {@code manager} without a domain are at the
     * company's domain; {@code start} is a YYYY-MM-DD date or a demo date expression, the other dates
     * demo date expressions; {@code pending} names onboarding items (slugs) not done yet.
     */
    record PersonPlan(String name, String email, String title, String department, String manager, String start,
            String end, EmploymentType type, String annual, String check, String provisioned, String ticket,
            List<String> pending, OffboardingPlan offboarding) {

        PersonPlan {
            pending = pending == null ? List.of() : List.copyOf(pending);
        }

        boolean pending(ChecklistItem item) {
            return pending.stream().anyMatch(p -> ChecklistItem.parse(p) == item);
        }
    }

    /** When a leaver's access was revoked and equipment returned, with the references recorded. */
    record OffboardingPlan(String revoked, String revokedRef, String returned, String returnedRef) {
    }

    /**
     * An access review campaign created by {@code by}: the account list ({@code accounts}, CSV with
     * placeholders) imported as {@code file}, the listed decisions, the others kept when
     * {@code keepOthers}, signed off when {@code signOff}.
     */
    record AccessReviewPlan(String system, String asOf, String due, List<String> controls, String by,
            String description, String file, String accounts, List<DecisionPlan> decisions, boolean keepOthers,
            boolean signOff) {

        AccessReviewPlan {
            controls = controls == null ? List.of() : List.copyOf(controls);
            decisions = decisions == null ? List.of() : List.copyOf(decisions);
        }

        /** The account names of the CSV (first column), in file order. */
        List<String> accountNames() {
            return accounts.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)[0].strip()).toList();
        }
    }

    /** A reviewer's decision on one account; a REVOKE or CHANGE task is marked done on {@code done} with {@code ticket}. */
    record DecisionPlan(String account, Decision decision, String justification, String newEntitlement, String done,
            String ticket) {
    }

    // ------------------------------------------------------------------ audit.yaml

    /** audit.yaml: the audit firm, its access grant, the request list, a population with its sample, a test. */
    record AuditPlan(FirmPlan firm, GrantPlan grant, List<RequestPlan> requests, PopulationPlan population,
            ControlTestPlan test, List<ControlTestPlan> tests) {

        AuditPlan {
            requests = requests == null ? List.of() : List.copyOf(requests);
            tests = tests == null ? List.of() : List.copyOf(tests);
        }
    }

    /**
     * A change to the system in the period (DC9) the client's {@code by} (a user key) records: the day
     * (a demo date), the area, what changed, whether it is significant, where the fact came from.
     */
    record SystemChangePlan(String on, String area, String description, boolean significant, String source,
            String sourceRef, String by) {
    }

    record FirmPlan(String name, FirmMember partner, FirmMember manager, FirmMember staff) {
    }

    record FirmMember(String name, String email, String title) {
    }

    record GrantPlan(String note) {
    }

    /** One request of the PBC list; {@code owner} is a user key; then answered, and accepted or flagged. */
    record RequestPlan(String ref, String title, String description, List<String> criteria, List<String> controls,
            String owner, String due, AnswerPlan answer, String accept, String flag) {

        RequestPlan {
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
            controls = controls == null ? List.of() : List.copyOf(controls);
        }
    }

    /** The client's answer: by a user key, linking evidence files (or "access-review: system"), with a note. */
    record AnswerPlan(String by, List<String> evidence, String note) {

        static final String ACCESS_REVIEW = "access-review:";

        AnswerPlan {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    /** A generated population of merged pull requests (see {@link DemoChanges}) and the sample selected from it. */
    record PopulationPlan(String name, String file, List<String> controls, String sourceSystem, String query,
            String parameters, String extractedBy, String extractedAt, String from, String to, int rows,
            List<String> outside, long generatorSeed, List<String> repositories, List<String> engineers,
            SamplePlan sample) {

        PopulationPlan {
            controls = controls == null ? List.of() : List.copyOf(controls);
            outside = outside == null ? List.of() : List.copyOf(outside);
            repositories = repositories == null ? List.of() : List.copyOf(repositories);
            engineers = engineers == null ? List.of() : List.copyOf(engineers);
        }
    }

    record SamplePlan(int size, String seed) {
    }

    /**
     * A test of operating effectiveness of {@code control}: on the population's sample (results on the
     * first {@code tested} items) or, with {@code items}, on items the auditor lists by hand (a small
     * population kept outside Assayer; every item gets a result), sized by {@code frequency} (with
     * {@code populationSize} when event-driven). {@code conclusion} and {@code wording} are the
     * auditor's own, as the firm's staff member writes them; {@code reviewed}: the firm's manager signs
     * off as reviewer after the staff member signs off as preparer.
     */
    record ControlTestPlan(String control, String populationDescription, List<Procedure> procedures,
            List<TestAttribute> attributes, Integer tested, DeviationPlan deviation, List<ManualItem> items,
            ControlFrequency frequency, Long populationSize, Conclusion conclusion, String wording, Boolean reviewed) {

        ControlTestPlan {
            tested = tested == null ? 0 : tested;
            reviewed = Boolean.TRUE.equals(reviewed);
            procedures = procedures == null ? List.of() : List.copyOf(procedures);
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** The failed attribute of the {@code item}-th sample item (1-based), the auditor's cause and nature, the client's response. */
    record DeviationPlan(int item, String attribute, String note, String cause, DeviationNature nature,
            ResponsePlan response) {
    }

    record ResponsePlan(String by, String text) {
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A YYYY-MM-DD date as it is, anything else as a demo date expression; null or blank → null. */
    static LocalDate day(DemoDates dates, String value) {
        if (value != null && ISO_DATE.matcher(value.strip()).matches()) {
            return LocalDate.parse(value.strip());
        }
        return dates.resolve(value);
    }

    /** An e-mail of people.yaml: without a domain it is at the company's domain; lower case. */
    String email(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        return v.contains("@") ? v : v + "@" + company.domain();
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static DemoContent load() {
        DemoContent c = new DemoContent(read("company.yaml", Company.class), read("controls.yaml", ControlPlan.class),
                read("engagement.yaml", EngagementPlan.class), read("evidence.yaml", EvidencePlan.class),
                read("program.yaml", ProgramPlan.class), read("people.yaml", PeoplePlan.class),
                read("audit.yaml", AuditPlan.class));
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
        checkPeople(keys, probe);
        checkAudit(keys, probe);
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
    private void checkPeople(Set<String> keys, DemoDates probe) {
        if (people == null || people.defaults() == null || people.people().isEmpty()) {
            throw new IllegalStateException("demo content: people.yaml needs defaults and people");
        }
        userKey(keys, "people.yaml by", people.by());
        Set<String> emails = new HashSet<>();
        for (PersonPlan p : people.people()) {
            String what = "demo person " + p.name();
            if (p.email() == null || !emails.add(email(p.email()))) {
                throw new IllegalStateException(what + ": e-mail missing or used twice");
            }
            if (day(probe, p.start()) == null) {
                throw new IllegalStateException(what + ": start is required");
            }
            for (String d : new String[] {p.end(), p.annual(), p.check(), p.provisioned()}) {
                day(probe, d);
            }
            for (String item : p.pending()) {
                if (ChecklistItem.parse(item) == null) {
                    throw new IllegalStateException(what + ": unknown pending item '" + item + "'");
                }
            }
            if ((p.offboarding() == null) != (p.end() == null)) {
                throw new IllegalStateException(what + ": a leaver needs both end and offboarding");
            }
            if (p.offboarding() != null) {
                day(probe, p.offboarding().revoked());
                day(probe, p.offboarding().returned());
            }
        }
        for (PersonPlan p : people.people()) {
            if (p.manager() != null && !emails.contains(email(p.manager()))) {
                throw new IllegalStateException("demo person " + p.name() + ": manager " + p.manager()
                        + " is not on the roster");
            }
        }
        for (DemoUser u : company.users()) {
            if (u.role() != Role.AUDITOR && !emails.contains(email(u.email()))) {
                throw new IllegalStateException("demo sign-in " + u.email() + " is not on the roster of people.yaml");
            }
        }
        for (AccessReviewPlan r : people.accessReviews()) {
            String what = "demo access review " + r.system();
            userKey(keys, what, r.by());
            probe.resolve(r.asOf());
            probe.resolve(r.due());
            List<String> names = r.accountNames();
            for (DecisionPlan d : r.decisions()) {
                if (!names.contains(d.account())) {
                    throw new IllegalStateException(what + ": decision for unknown account '" + d.account() + "'");
                }
                probe.resolve(d.done());
            }
        }
    }

    private void checkAudit(Set<String> keys, DemoDates probe) {
        if (audit == null || audit.firm() == null || audit.grant() == null || audit.population() == null) {
            throw new IllegalStateException("demo content: audit.yaml needs firm, grant and population");
        }
        FirmPlan f = audit.firm();
        if (!f.name().equals(engagement.serviceAuditor())) {
            throw new IllegalStateException("demo audit firm '" + f.name() + "' is not the engagement's service auditor '"
                    + engagement.serviceAuditor() + "'");
        }
        for (FirmMember m : new FirmMember[] {f.partner(), f.manager(), f.staff()}) {
            if (m == null || company.users().stream().anyMatch(u -> u.email().equalsIgnoreCase(m.email()))) {
                throw new IllegalStateException("demo audit firm: partner, manager and staff are needed, none a demo sign-in");
            }
        }
        Set<String> files = new HashSet<>();
        evidence.items().forEach(i -> files.add(i.file()));
        Set<String> signedOff = new HashSet<>();
        people.accessReviews().stream().filter(AccessReviewPlan::signOff).forEach(r -> signedOff.add(r.system()));
        Set<String> refs = new HashSet<>();
        for (RequestPlan r : audit.requests()) {
            String what = "demo request " + r.ref();
            if (r.ref() == null || !refs.add(r.ref())) {
                throw new IllegalStateException(what + ": ref missing or used twice");
            }
            userKey(keys, what, r.owner());
            probe.resolve(r.due());
            if ((r.accept() != null || r.flag() != null) && r.answer() == null) {
                throw new IllegalStateException(what + ": only an answered request can be accepted or flagged");
            }
            if (r.accept() != null && r.flag() != null) {
                throw new IllegalStateException(what + ": accept or flag, not both");
            }
            if (r.answer() != null) {
                userKey(keys, what, r.answer().by());
                for (String e : r.answer().evidence()) {
                    boolean review = e.startsWith(AnswerPlan.ACCESS_REVIEW)
                            && signedOff.contains(e.substring(AnswerPlan.ACCESS_REVIEW.length()).strip());
                    if (!review && !files.contains(e)) {
                        throw new IllegalStateException(what + ": evidence '" + e + "' is neither a file of evidence.yaml"
                                + " nor a signed-off access review of people.yaml");
                    }
                }
            }
        }
        PopulationPlan p = audit.population();
        day(probe, p.from());
        day(probe, p.to());
        p.outside().forEach(probe::resolve);
        probe.instant(p.extractedAt());
        if (p.rows() < 1 || p.sample() == null || p.sample().size() < 1 || p.sample().size() > p.rows()
                || p.engineers().size() < 2 || p.repositories().isEmpty()) {
            throw new IllegalStateException("demo population: rows, engineers (two or more), repositories and a sample"
                    + " no larger than the rows are needed");
        }
        ControlTestPlan t = audit.test();
        if (t != null) {
            if (t.tested() > p.sample().size() || t.attributes().isEmpty() || t.procedures().isEmpty()) {
                throw new IllegalStateException("demo test: procedures, attributes and at most the sample's items");
            }
            DeviationPlan d = t.deviation();
            if (d != null) {
                if (d.item() < 1 || d.item() > t.tested()
                        || t.attributes().stream().noneMatch(a -> a.code().equals(d.attribute()))) {
                    throw new IllegalStateException("demo test: the deviation must be on a tested item and attribute");
                }
                if (d.response() != null) {
                    userKey(keys, "demo test deviation", d.response().by());
                }
            }
            checkConclusion(t);
        }
        Set<String> tested = new HashSet<>();
        if (t != null) {
            tested.add(t.control());
        }
        for (ControlTestPlan x : audit.tests()) {
            String what = "demo test of " + x.control();
            if (x.control() == null || !tested.add(x.control())) {
                throw new IllegalStateException(what + ": control missing or tested twice");
            }
            if (x.items().isEmpty() || x.attributes().isEmpty() || x.procedures().isEmpty() || x.frequency() == null
                    || x.deviation() != null) {
                throw new IllegalStateException(what + ": items, procedures, attributes and a frequency are needed"
                        + " (deviations only on the sample test)");
            }
            if (x.items().stream().map(ManualItem::key).distinct().count() != x.items().size()) {
                throw new IllegalStateException(what + ": item keys must differ");
            }
            checkConclusion(x);
        }
        for (SystemChangePlan c : engagement.systemChanges()) {
            String what = "demo system change '" + c.description() + "'";
            userKey(keys, what, c.by());
            LocalDate on = probe.resolve(c.on());
            if (on == null || on.isBefore(probe.start()) || on.isAfter(probe.end()) || c.area() == null
                    || c.description() == null || c.description().isBlank()) {
                throw new IllegalStateException(what + ": a day in the period, an area and a description are needed");
            }
        }
    }

    private static void checkConclusion(ControlTestPlan t) {
        if ((t.conclusion() == null) != (t.wording() == null || t.wording().isBlank())) {
            throw new IllegalStateException("demo test of " + t.control() + ": a conclusion needs its wording");
        }
        if (t.reviewed() && t.conclusion() == null) {
            throw new IllegalStateException("demo test of " + t.control() + ": only a concluded test is reviewed");
        }
    }

    private static void userKey(Set<String> keys, String what, String key) {
        if (key == null || !keys.contains(key)) {
            throw new IllegalStateException(what + ": unknown user key '" + key + "'");
        }
    }
}
