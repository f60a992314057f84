package dev.assayer.demo.internal;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlService;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.demo.internal.DemoContent.DemoUser;
import dev.assayer.demo.internal.DemoContent.EngagementPlan;
import dev.assayer.demo.internal.DemoContent.EvidencePlanItem;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.SystemChangeDraft;
import dev.assayer.engagement.SystemChangeService;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.identity.PasswordPolicy;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo organization into an empty database when {@code assayer.demo=true}. Runs before
 * identity's first-start runner (order 100), which then finds users and prints no setup link.
 * The organization, its people, controls, engagement and evidence are written in one transaction
 * through the other modules' public services, so the activity log records the demo like any other
 * work; on failure nothing is left behind but a message. Passwords are generated here and printed
 * once; none is stored in the content.
 *
 * <p>The audit firm that audits the engagement is registered in the first transaction too, with its
 * partner, manager and staff member, so their sign-ins are printed with the others.
 *
 * <p>The rest is loaded afterwards on a background thread, so that it stays off the start-up path
 * (approving a policy renders its PDF, which costs seconds on a cold JVM), in three transactions
 * that each become visible when they commit, a few seconds after the server is ready: the compliance
 * program around the controls ({@link DemoProgram}: risk register and assessment, policies, vendors,
 * incidents), the personnel roster and access reviews ({@link DemoPeople}), and the audit firm's
 * fieldwork inside the engagement ({@link DemoAudit}). {@link #program()} completes after the last.
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "assayer.demo", havingValue = "true")
class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final IdentityService identity;
    private final ControlService controls;
    private final EngagementService engagements;
    private final EvidenceService evidence;
    private final DemoProgram program;
    private final DemoPeople people;
    private final DemoAudit audit;
    private final dev.assayer.demo.DemoMonitoring monitoring;
    private final SystemChangeService systemChanges;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String adminEmail;
    private final String adminPassword;
    private final String adminName;
    private final String baseUrl;
    private final CompletableFuture<Background> programLoaded = new CompletableFuture<>();

    DemoLoader(IdentityService identity, ControlService controls, EngagementService engagements,
            EvidenceService evidence, DemoProgram program, DemoPeople people, DemoAudit audit,
            SystemChangeService systemChanges, dev.assayer.demo.DemoMonitoring monitoring, TransactionTemplate tx,
            Optional<Clock> clock,
            @Value("${assayer.admin.email:}") String adminEmail, @Value("${assayer.admin.password:}") String adminPassword,
            @Value("${assayer.admin.name:Administrator}") String adminName,
            @Value("${assayer.base-url:http://localhost:8080}") String baseUrl) {
        this.identity = identity;
        this.controls = controls;
        this.engagements = engagements;
        this.evidence = evidence;
        this.program = program;
        this.people = people;
        this.audit = audit;
        this.systemChanges = systemChanges;
        this.monitoring = monitoring;
        this.tx = tx;
        this.clock = clock.orElse(Clock.systemUTC());
        this.adminEmail = adminEmail == null ? "" : adminEmail.strip();
        this.adminPassword = adminPassword == null ? "" : adminPassword;
        this.adminName = adminName == null || adminName.isBlank() ? "Administrator" : adminName.strip();
        this.baseUrl = baseUrl;
    }

    /** A demo sign-in as printed. */
    record SignIn(String email, String password, Role role, String title) {
    }

    /** What was loaded, for the printed summary. */
    record Loaded(UUID orgId, String orgName, List<SignIn> signIns, String extraAdmin, int activeControls,
            int evidenceItems, Engagement engagement, String firmName, List<SignIn> firmSignIns, ProgramInput program) {
    }

    /**
     * What the background steps are loaded with, once the organization exists; {@code firmStaff} is
     * the audit firm's staff member (in the firm) who does the fieldwork, {@code firmManager} the
     * firm's manager who reviews it.
     */
    record ProgramInput(DemoContent content, DemoDates dates, Map<String, CurrentUser> users, CurrentUser admin,
            CurrentUser manager, Engagement engagement, Map<String, UUID> filed, CurrentUser firmStaff,
            CurrentUser firmManager) {
    }

    /** What the background steps loaded, and how long each took (ms). */
    record Background(DemoProgram.Loaded program, DemoPeople.Loaded people, DemoAudit.Loaded audit, long programMillis,
            long peopleMillis, long auditMillis) {

        long millis() {
            return programMillis + peopleMillis + auditMillis;
        }
    }

    /**
     * Completes when everything loaded in the background (after the first transaction) is in, or
     * exceptionally when a step failed; never completes when no demo was loaded.
     */
    CompletableFuture<Background> program() {
        return programLoaded;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.hasUsers()) {
            System.out.println("Demo data not loaded: the database is not empty");
            return;
        }
        long started = System.nanoTime();
        Loaded loaded;
        try {
            DemoContent content = DemoContent.load();
            String extraAdmin = extraAdmin(content);
            loaded = tx.execute(status -> load(content, extraAdmin));
        } catch (RuntimeException e) {
            String why = e instanceof ApiProblem p && p.getMessage() != null ? p.getMessage() : e.toString();
            log.error("Loading the demo data failed; nothing was loaded", e);
            System.out.println("Demo data not loaded: " + why);
            return;
        }
        print(loaded, (System.nanoTime() - started) / 1_000_000);
        ProgramInput in = loaded.program();
        Thread.ofPlatform().daemon().name("assayer-demo-program").start(() -> loadProgram(in));
    }

    /**
     * The background steps, on their own thread, each in its own transaction: the compliance program,
     * then the roster and access reviews, then the audit firm's fieldwork. A step that fails leaves
     * nothing of itself behind and the later steps are not run.
     */
    void loadProgram(ProgramInput in) {
        String step = "compliance program (risks, policies, vendors, incidents)";
        try {
            long t0 = System.nanoTime();
            DemoProgram.Loaded p = tx.execute(status -> {
                DemoProgram.Loaded loaded = program.load(in.content().program(), in.dates(), in.users(), in.admin(),
                        in.manager(), in.engagement(), in.filed());
                recordSystemChanges(in);
                return loaded;
            });
            long t1 = System.nanoTime();
            step = "personnel roster and access reviews";
            DemoPeople.Loaded pe = tx.execute(status -> people.load(in.content(), in.dates(), in.users()));
            long t2 = System.nanoTime();
            step = "audit firm's fieldwork";
            Map<String, UUID> evidence = new HashMap<>(in.filed());
            pe.reviewEvidence().forEach((system, id) -> evidence.put(DemoContent.AnswerPlan.ACCESS_REVIEW + system, id));
            DemoAudit.Loaded a = tx.execute(status -> audit.load(in.content().audit(), in.dates(), in.users(), in.admin(),
                    in.firmStaff(), in.firmManager(), in.engagement(), evidence));
            step = "monitoring history (imports and replayed weekly runs)";
            monitoring.load(in.admin(), in.engagement().periodStart(), in.engagement().periodEnd());
            long t3 = System.nanoTime();
            Background b = new Background(p, pe, a, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            System.out.println("Demo background load done in " + b.millis() + " ms: " + p.summary() + " ("
                    + b.programMillis() + " ms); " + pe.summary() + " (" + b.peopleMillis() + " ms); " + a.summary()
                    + " (" + b.auditMillis() + " ms, with the monitoring history).");
            programLoaded.complete(b);
        } catch (RuntimeException e) {
            String why = e instanceof ApiProblem p && p.getMessage() != null ? p.getMessage() : e.toString();
            log.error("Loading the demo's {} failed; none of it was loaded", step, e);
            System.out.println("Demo " + step + " not loaded: " + why);
            programLoaded.completeExceptionally(e);
        }
    }

    /** The changes to the system in the period (DC9) of engagement.yaml, recorded by the people it names. */
    private void recordSystemChanges(ProgramInput in) {
        for (DemoContent.SystemChangePlan c : in.content().engagement().systemChanges()) {
            systemChanges.record(in.users().get(c.by()), in.engagement().id(), new SystemChangeDraft(
                    in.dates().resolve(c.on()), c.area(), in.dates().render(c.description().strip()), c.significant(),
                    c.source(), c.sourceRef()), null);
        }
    }

    /** The ASSAYER_ADMIN_* person to add as a demo admin, or null (with a warning when the settings are unusable). */
    private String extraAdmin(DemoContent content) {
        if (adminEmail.isBlank() && adminPassword.isBlank()) {
            return null;
        }
        if (adminEmail.isBlank() || adminPassword.isBlank()) {
            log.warn("Only one of ASSAYER_ADMIN_EMAIL and ASSAYER_ADMIN_PASSWORD is set; both are needed.");
            return null;
        }
        String mail = IdentityService.normalizeEmail(adminEmail);
        DemoContent.FirmPlan firm = content.audit().firm();
        if (content.company().users().stream().anyMatch(u -> IdentityService.normalizeEmail(u.email()).equals(mail))
                || java.util.stream.Stream.of(firm.partner(), firm.manager(), firm.staff())
                        .anyMatch(f -> IdentityService.normalizeEmail(f.email()).equals(mail))) {
            log.warn("ASSAYER_ADMIN_EMAIL {} is one of the demo sign-ins; not added again", mail);
            return null;
        }
        try {
            PasswordPolicy.check("ASSAYER_ADMIN_PASSWORD", adminPassword, mail);
        } catch (ApiProblem e) {
            System.out.println("Demo: ASSAYER_ADMIN_EMAIL not added: " + e.getMessage());
            return null;
        }
        return mail;
    }

    Loaded load(DemoContent content, String extraAdmin) {
        // 1. The organization and its people.
        List<DemoUser> people = content.company().users();
        Map<String, CurrentUser> users = new HashMap<>();
        List<SignIn> signIns = new ArrayList<>();
        DemoUser first = people.getFirst();
        String firstPassword = DemoPasswords.generate();
        CurrentUser admin = identity.createOrganizationWithAdmin(content.company().organization(), first.email(),
                first.name(), firstPassword);
        users.put(first.key(), admin);
        signIns.add(new SignIn(admin.email(), firstPassword, Role.ADMIN, first.title()));
        UUID orgId = admin.orgId();
        for (DemoUser u : people.subList(1, people.size())) {
            String password = DemoPasswords.generate();
            Member m = identity.addMemberWithPassword(orgId, u.email(), u.name(), u.role(), password);
            users.put(u.key(), new CurrentUser(m.userId(), m.email(), m.name(), orgId, admin.orgName(), m.role()));
            signIns.add(new SignIn(m.email(), password, m.role(), u.title()));
        }
        if (extraAdmin != null) {
            identity.addMemberWithPassword(orgId, extraAdmin, adminName, Role.ADMIN, adminPassword);
        }

        // 2. Controls: the starter library with owners by job title, then where each control stands.
        Map<String, UUID> owners = new LinkedHashMap<>();
        for (DemoUser u : people) {
            u.ownerRoles().forEach(title -> owners.put(title, users.get(u.key()).userId()));
        }
        controls.adoptStarterLibrary(admin, owners);
        CurrentUser compliance = firstWithRole(users, Role.COMPLIANCE_MANAGER, admin);
        Map<UUID, CurrentUser> byUserId = new HashMap<>();
        users.values().forEach(u -> byUserId.put(u.userId(), u));
        int active = 0;
        for (Control c : controls.all(orgId)) {
            ImplementationStatus target = targetStatus(content.controls(), c.ref());
            if (target != ImplementationStatus.NOT_APPLICABLE) {
                active++;
            }
            if (target == c.status()) {
                continue;
            }
            // Owners report their own progress; scoping decisions and ownerless controls are the compliance manager's.
            CurrentUser owner = c.ownerId() == null ? null : byUserId.get(c.ownerId());
            CurrentUser actor = target == ImplementationStatus.NOT_APPLICABLE || owner == null ? compliance : owner;
            controls.update(actor, c.id(), new ControlDraft(null, null, null, null, null, null, null, null, target, null,
                    null), c.version());
        }

        // 3. The engagement, its period relative to today.
        EngagementPlan plan = content.engagement();
        DemoDates dates = DemoDates.forToday(LocalDate.now(clock), plan.periodMonthsBack(), plan.periodMonths());
        Engagement engagement = engagements.create(compliance, new EngagementDraft(dates.render(plan.name()),
                plan.framework(), plan.reportType(), null, dates.start(), dates.end(), plan.categories(), null,
                plan.serviceAuditor(), plan.system(), plan.subserviceOrganizations(), plan.cuecs(),
                plan.criteriaNotRelevant()));

        // 4. Evidence: uploaded by the people who collect it, reviewed by someone else, one withdrawn.
        Map<String, DemoUser> demoUsers = content.usersByKey();
        Map<String, UUID> filed = new HashMap<>();
        int items = 0;
        for (EvidencePlanItem i : content.evidence().items()) {
            CurrentUser uploader = users.get(i.by());
            DemoUser who = demoUsers.get(i.by());
            boolean covers = !i.covers().isEmpty();
            EvidenceMetadata metadata = new EvidenceMetadata(i.title(), i.description(), i.controls(),
                    covers ? null : dates.resolve(i.effective()), covers ? dates.resolve(i.covers().get(0)) : null,
                    covers ? dates.resolve(i.covers().get(1)) : null, dates.resolve(i.renewal()),
                    who.name() + " (" + who.title() + ")", i.method(), i.source());
            EvidenceItem item;
            if (i.file() != null) {
                byte[] bytes = dates.render(DemoContent.evidenceText(i.file())).getBytes(StandardCharsets.UTF_8);
                item = evidence.upload(uploader, metadata, i.file(), contentType(i.file()), new ByteArrayInputStream(bytes));
                filed.put(i.file(), item.id());
            } else {
                item = evidence.recordLink(uploader, metadata, i.url());
            }
            if (i.review() != null) {
                evidence.review(users.get(i.review()), item.id(), i.note());
            }
            if (i.withdraw() != null) {
                evidence.withdraw(users.get(i.withdraw()), item.id(), i.reason().strip());
            }
            items++;
        }
        // 5. The audit firm (the engagement's service auditor) with its partner, manager and staff member.
        DemoContent.FirmPlan firm = content.audit().firm();
        List<SignIn> firmSignIns = new ArrayList<>();
        String partnerPassword = DemoPasswords.generate();
        CurrentUser partner = identity.createAuditFirmWithPartner(firm.name(), firm.partner().email(),
                firm.partner().name(), partnerPassword);
        firmSignIns.add(new SignIn(partner.email(), partnerPassword, Role.AUDIT_PARTNER, firm.partner().title()));
        CurrentUser staff = null;
        CurrentUser firmManager = null;
        for (Map.Entry<Role, DemoContent.FirmMember> e : List.of(Map.entry(Role.AUDIT_MANAGER, firm.manager()),
                Map.entry(Role.AUDIT_STAFF, firm.staff()))) {
            String password = DemoPasswords.generate();
            Member m = identity.addMemberWithPassword(partner.orgId(), e.getValue().email(), e.getValue().name(),
                    e.getKey(), password);
            firmSignIns.add(new SignIn(m.email(), password, m.role(), e.getValue().title()));
            CurrentUser member = new CurrentUser(m.userId(), m.email(), m.name(), partner.orgId(), partner.orgName(),
                    m.role());
            if (e.getKey() == Role.AUDIT_MANAGER) {
                firmManager = member;
            } else {
                staff = member;
            }
        }

        // 6. In the background once this transaction has committed (see loadProgram): the compliance program
        //    (DemoProgram), the roster and access reviews (DemoPeople), the firm's fieldwork (DemoAudit).
        return new Loaded(orgId, admin.orgName(), signIns, extraAdmin, active, items, engagement, partner.orgName(),
                firmSignIns, new ProgramInput(content, dates, Map.copyOf(users), admin, compliance, engagement,
                        Map.copyOf(filed), staff, firmManager));
    }

    static ImplementationStatus targetStatus(DemoContent.ControlPlan plan, String ref) {
        String r = ref.toUpperCase(Locale.ROOT);
        if (plan.notApplicable().stream().anyMatch(p -> r.startsWith(p.toUpperCase(Locale.ROOT)))) {
            return ImplementationStatus.NOT_APPLICABLE;
        }
        if (plan.notStarted().stream().anyMatch(r::equalsIgnoreCase)) {
            return ImplementationStatus.NOT_STARTED;
        }
        if (plan.inProgress().stream().anyMatch(r::equalsIgnoreCase)) {
            return ImplementationStatus.IN_PROGRESS;
        }
        return ImplementationStatus.IMPLEMENTED;
    }

    private static CurrentUser firstWithRole(Map<String, CurrentUser> users, Role role, CurrentUser fallback) {
        return users.values().stream().filter(u -> u.role() == role).findFirst().orElse(fallback);
    }

    private static final Map<String, String> TYPES = Map.of("csv", "text/csv", "md", "text/markdown", "json",
            "application/json", "log", "text/plain", "txt", "text/plain");

    static String contentType(String file) {
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream") + (Set.of("csv", "md", "log", "txt").contains(ext)
                ? "; charset=UTF-8" : "");
    }

    private void print(Loaded l, long millis) {
        StringBuilder sb = new StringBuilder();
        String rule = "=".repeat(96);
        sb.append('\n').append(rule).append('\n');
        sb.append(" Assayer demo loaded in ").append(millis).append(" ms: organization '").append(l.orgName())
                .append("', ").append(l.activeControls()).append(" active controls, ").append(l.evidenceItems())
                .append(" evidence items,\n engagement '").append(l.engagement().name()).append("' (")
                .append(l.engagement().periodStart()).append(" – ").append(l.engagement().periodEnd()).append(").\n")
                .append(" Its risk register, policies, vendors, incidents, personnel roster, access reviews and the audit")
                .append(" firm's\n fieldwork are loaded in the background and appear in a few seconds.\n\n");
        sb.append(" Sign in at ").append(baseUrl).append(" with any of these demo accounts.\n");
        sb.append(" The passwords were generated just now and are shown only this once:\n\n");
        for (SignIn s : l.signIns()) {
            sb.append(String.format(Locale.ROOT, "   %-20s %-40s %-22s %s%n", s.role().label(), s.email(),
                    s.password(), s.title()));
        }
        sb.append("\n The audit firm '").append(l.firmName()).append("' signs in here too. Its people work inside the")
                .append(" engagement:\n sign in, then Firm → Open (their passwords, also shown only this once):\n\n");
        for (SignIn s : l.firmSignIns()) {
            sb.append(String.format(Locale.ROOT, "   %-20s %-40s %-22s %s%n", s.role().label(), s.email(),
                    s.password(), s.title()));
        }
        if (l.extraAdmin() != null) {
            sb.append("\n Also added as admin of '").append(l.orgName()).append("': ").append(l.extraAdmin())
                    .append(" (password from ASSAYER_ADMIN_PASSWORD).\n");
        }
        sb.append(rule).append('\n');
        System.out.println(sb);
    }
}
