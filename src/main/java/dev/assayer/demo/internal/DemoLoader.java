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
 * <p>The compliance program around the controls ({@link DemoProgram}: risk register and assessment,
 * policies, vendors, incidents) is loaded afterwards in a second transaction on a background thread,
 * so that it stays off the start-up path: approving a policy renders its PDF, which costs seconds on a
 * cold JVM. It becomes visible all at once when that transaction commits, a few seconds after the
 * server is ready; {@link #program()} completes then.
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
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String adminEmail;
    private final String adminPassword;
    private final String adminName;
    private final String baseUrl;
    private final CompletableFuture<DemoProgram.Loaded> programLoaded = new CompletableFuture<>();

    DemoLoader(IdentityService identity, ControlService controls, EngagementService engagements,
            EvidenceService evidence, DemoProgram program, TransactionTemplate tx, Optional<Clock> clock,
            @Value("${assayer.admin.email:}") String adminEmail, @Value("${assayer.admin.password:}") String adminPassword,
            @Value("${assayer.admin.name:Administrator}") String adminName,
            @Value("${assayer.base-url:http://localhost:8080}") String baseUrl) {
        this.identity = identity;
        this.controls = controls;
        this.engagements = engagements;
        this.evidence = evidence;
        this.program = program;
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
            int evidenceItems, Engagement engagement, ProgramInput program) {
    }

    /** What the compliance program is loaded with, once the organization exists. */
    record ProgramInput(DemoContent.ProgramPlan plan, DemoDates dates, Map<String, CurrentUser> users,
            CurrentUser admin, CurrentUser manager, Engagement engagement, Map<String, UUID> filed) {
    }

    /**
     * Completes when the demo's compliance program is loaded (in the background, after the first
     * transaction), or exceptionally when that failed; never completes when no demo was loaded.
     */
    CompletableFuture<DemoProgram.Loaded> program() {
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

    /** The second step, on its own thread and transaction: the compliance program. */
    void loadProgram(ProgramInput in) {
        long started = System.nanoTime();
        try {
            DemoProgram.Loaded p = tx.execute(status -> program.load(in.plan(), in.dates(), in.users(), in.admin(),
                    in.manager(), in.engagement(), in.filed()));
            System.out.println("Demo compliance program loaded in " + (System.nanoTime() - started) / 1_000_000
                    + " ms: " + p.summary() + ".");
            programLoaded.complete(p);
        } catch (RuntimeException e) {
            String why = e instanceof ApiProblem p && p.getMessage() != null ? p.getMessage() : e.toString();
            log.error("Loading the demo's compliance program failed; none of it was loaded", e);
            System.out.println("Demo compliance program (risks, policies, vendors, incidents) not loaded: " + why);
            programLoaded.completeExceptionally(e);
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
        if (content.company().users().stream().anyMatch(u -> IdentityService.normalizeEmail(u.email()).equals(mail))) {
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
        // 5. The compliance program (risk register and assessment, policies, vendors, incidents) follows in
        //    the background once this transaction has committed: see loadProgram and DemoProgram.
        // 6. Reserved: the personnel roster with training and offboarding records, and the completed
        //    access review, are loaded here once the people and access-review modules are in (the lead
        //    adds them; their content would go into demo/program.yaml next to the other program sections).

        return new Loaded(orgId, admin.orgName(), signIns, extraAdmin, active, items, engagement,
                new ProgramInput(content.program(), dates, Map.copyOf(users), admin, compliance, engagement,
                        Map.copyOf(filed)));
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
                .append(" Its risk register, policies, vendors and incidents are loaded in the background and appear in a")
                .append(" few seconds.\n\n");
        sb.append(" Sign in at ").append(baseUrl).append(" with any of these demo accounts.\n");
        sb.append(" The passwords were generated just now and are shown only this once:\n\n");
        for (SignIn s : l.signIns()) {
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
