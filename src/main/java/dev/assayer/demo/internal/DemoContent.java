package dev.assayer.demo.internal;

import dev.assayer.engagement.Cuec;
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
 * control is, the engagement and the evidence plan. Parsed strictly (an unknown key is an error)
 * and checked for internal consistency before anything is written.
 */
record DemoContent(Company company, ControlPlan controls, EngagementPlan engagement, EvidencePlan evidence) {

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

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static DemoContent load() {
        DemoContent c = new DemoContent(read("company.yaml", Company.class), read("controls.yaml", ControlPlan.class),
                read("engagement.yaml", EngagementPlan.class), read("evidence.yaml", EvidencePlan.class));
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
    }
}
