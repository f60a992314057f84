package dev.assayer.policy;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.policy.internal.LineDiff;
import dev.assayer.policy.internal.PolicyPdf;
import dev.assayer.policy.internal.PolicyRepository;
import dev.assayer.policy.internal.PolicyRepository.PolicyRow;
import dev.assayer.policy.internal.PolicyRules;
import dev.assayer.policy.internal.PolicyWorkflow;
import dev.assayer.policy.internal.PolicyWorkflow.Action;
import dev.assayer.policy.internal.TemplateFiller;
import dev.assayer.policy.internal.TemplateLibrary;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Policies and their versions. Reads need CONTROL_READ; creating, editing and moving versions
 * through the workflow need ENGAGEMENT_WRITE; any member may acknowledge the published version.
 * Everything is scoped to the caller's organization (another organization's policy is "not
 * found") and every change is written to the activity log in the same transaction. Approving a
 * version renders it to PDF and files it as evidence for the policy's controls, effective from the
 * approval date.
 */
@Service
public class PolicyService {

    static final String POLICY = "policy";
    static final String VERSION = "policy-version";
    static final String SOURCE_SYSTEM = "Assayer policies";

    private final PolicyRepository repo;
    private final ControlService controls;
    private final IdentityService identity;
    private final EvidenceService evidence;
    private final ActivityLog activity;
    private final Clock clock;

    public PolicyService(PolicyRepository repo, ControlService controls, IdentityService identity,
            EvidenceService evidence, ActivityLog activity, Optional<Clock> clock) {
        this.repo = repo;
        this.controls = controls;
        this.identity = identity;
        this.evidence = evidence;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ---- reading ---------------------------------------------------------------------------

    /** The starter templates, in the order they are offered. */
    public List<PolicyTemplate> templates(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return TemplateLibrary.all();
    }

    /** The organization's policies with their standing, by title. */
    @Transactional(readOnly = true)
    public List<Policy> list(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return assemble(user, repo.list(user.orgId()));
    }

    @Transactional(readOnly = true)
    public Policy get(CurrentUser user, UUID id) {
        user.require(Permission.CONTROL_READ);
        return assemble(user, List.of(row(user, id))).getFirst();
    }

    /** The versions of a policy, newest first, without their text. */
    @Transactional(readOnly = true)
    public List<PolicyVersion> versions(CurrentUser user, UUID policyId) {
        user.require(Permission.CONTROL_READ);
        row(user, policyId);
        return repo.versions(user.orgId(), policyId);
    }

    /** One version with its text. */
    @Transactional(readOnly = true)
    public PolicyVersion version(CurrentUser user, UUID policyId, int number) {
        user.require(Permission.CONTROL_READ);
        row(user, policyId);
        return versionOf(user, policyId, number);
    }

    /** The published version, if any. */
    @Transactional(readOnly = true)
    public Optional<PolicyVersion> published(CurrentUser user, UUID policyId) {
        user.require(Permission.CONTROL_READ);
        row(user, policyId);
        return repo.versions(user.orgId(), policyId).stream().filter(v -> v.status() == VersionStatus.PUBLISHED)
                .findFirst().map(v -> versionOf(user, policyId, v.number()));
    }

    /**
     * The text of a version as it is shown and printed: {{effective_date}} becomes the approval date
     * (or a note that it is set on approval), {{organization}} and {{owner}} the current values.
     */
    @Transactional(readOnly = true)
    public String displayMarkdown(CurrentUser user, PolicyVersion v) {
        Policy p = get(user, v.policyId());
        return display(user, p, v);
    }

    /** The line diff between two versions of a policy. */
    @Transactional(readOnly = true)
    public PolicyDiff diff(CurrentUser user, UUID policyId, int from, int to) {
        user.require(Permission.CONTROL_READ);
        row(user, policyId);
        PolicyVersion a = versionOf(user, policyId, from);
        PolicyVersion b = versionOf(user, policyId, to);
        List<DiffLine> lines = LineDiff.diff(a.markdown(), b.markdown());
        return new PolicyDiff(from, to, (int) LineDiff.count(lines, DiffLine.Kind.ADDED),
                (int) LineDiff.count(lines, DiffLine.Kind.REMOVED), lines, LineDiff.html(lines));
    }

    /**
     * The version as a PDF. An approved (or later published or superseded) version renders to the
     * same bytes as the PDF filed as evidence when it was approved, as long as the organization and
     * owner names are unchanged.
     */
    @Transactional(readOnly = true)
    public byte[] pdf(CurrentUser user, UUID policyId, int number) {
        user.require(Permission.CONTROL_READ);
        Policy p = assemble(user, List.of(row(user, policyId))).getFirst();
        return renderPdf(user, p, versionOf(user, policyId, number));
    }

    public static String pdfFilename(Policy p, int number) {
        return p.key() + "-v" + number + ".pdf";
    }

    /** Who acknowledged the published version and who is outstanding (the reminder list). */
    @Transactional(readOnly = true)
    public AcknowledgementStatus acknowledgements(CurrentUser user, UUID policyId) {
        user.require(Permission.CONTROL_READ);
        row(user, policyId);
        Optional<PolicyVersion> pub = repo.versions(user.orgId(), policyId).stream()
                .filter(v -> v.status() == VersionStatus.PUBLISHED).findFirst();
        if (pub.isEmpty()) {
            return new AcknowledgementStatus(policyId, null, null, List.of(), List.of());
        }
        Map<UUID, Instant> acks = repo.acks(user.orgId(), pub.get().id());
        List<Acknowledgement> done = new ArrayList<>();
        List<Acknowledgement> outstanding = new ArrayList<>();
        for (Member m : activeMembers(user)) {
            Instant at = acks.get(m.userId());
            (at == null ? outstanding : done).add(new Acknowledgement(m.userId(), m.name(), m.email(), at));
        }
        done.sort(Comparator.comparing(Acknowledgement::acknowledgedAt));
        return new AcknowledgementStatus(policyId, pub.get().id(), pub.get().number(), done, outstanding);
    }

    /**
     * For readiness (CC2.2): every published policy whose published version is not yet acknowledged
     * by everyone expected to (active members other than auditors), by title. The caller's
     * organization; needs CONTROL_READ. A constant number of queries, whatever the number of policies.
     */
    @Transactional(readOnly = true)
    public List<AcknowledgementGap> acknowledgementGaps(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        UUID org = user.orgId();
        List<PolicyRow> rows = repo.list(org);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, PolicyVersion> published = new LinkedHashMap<>();
        for (PolicyVersion v : repo.allVersions(org)) {
            if (v.status() == VersionStatus.PUBLISHED) {
                published.putIfAbsent(v.policyId(), v);
            }
        }
        if (published.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> acks = repo.allAcks(org);
        List<Member> members = activeMembers(user);
        List<AcknowledgementGap> out = new ArrayList<>();
        for (PolicyRow r : rows) {
            PolicyVersion v = published.get(r.id());
            if (v == null) {
                continue;
            }
            Set<UUID> done = new java.util.HashSet<>(acks.getOrDefault(v.id(), List.of()));
            List<Acknowledgement> outstanding = members.stream().filter(m -> !done.contains(m.userId()))
                    .map(m -> new Acknowledgement(m.userId(), m.name(), m.email(), null)).toList();
            if (!outstanding.isEmpty()) {
                out.add(new AcknowledgementGap(r.id(), r.key(), r.title(), r.template(), v.id(), v.number(),
                        members.size(), outstanding));
            }
        }
        return out;
    }

    // ---- policies --------------------------------------------------------------------------

    /** Creates a policy and its version 1 (a draft with {@code draft.markdown()}). */
    @Transactional
    public Policy create(CurrentUser user, PolicyDraft draft) {
        return create(user, draft, null);
    }

    /**
     * Creates a policy from a starter template: the template's text with {{organization}} and
     * {{owner}} filled in ({{effective_date}} is filled when the version is approved). Key and title
     * default to the template's; owner to the caller.
     */
    @Transactional
    public Policy createFromTemplate(CurrentUser user, String template, PolicyDraft draft) {
        user.require(Permission.ENGAGEMENT_WRITE);
        TemplateLibrary.Entry t = TemplateLibrary.get(template);
        PolicyDraft d = draft == null ? new PolicyDraft(null, null, null, List.of(), null) : draft;
        UUID ownerId = d.ownerId() == null ? user.userId() : d.ownerId();
        String ownerName = identity.member(user.orgId(), ownerId).map(Member::name).orElse(null);
        Map<String, String> values = new LinkedHashMap<>();
        values.put(TemplateFiller.ORGANIZATION, user.orgName());
        values.put(TemplateFiller.OWNER, ownerName);
        String text = TemplateFiller.fill(t.body(), values);
        return create(user, new PolicyDraft(d.key() == null || d.key().isBlank() ? t.template().key() : d.key(),
                d.title() == null || d.title().isBlank() ? t.template().title() : d.title(), ownerId, d.controls(),
                text), t.template().key());
    }

    private Policy create(CurrentUser user, PolicyDraft draft, String template) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (draft == null) {
            throw ApiProblem.invalidField("body", "a JSON policy is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Valid v = validate(user, draft, null, errors);
        String markdown = PolicyRules.checkMarkdown(draft.markdown(), errors);
        PolicyRules.throwIfAny(errors);
        UUID id = UUID.randomUUID();
        Instant now = now();
        repo.insertPolicy(user.orgId(), id, v.key, v.title, v.ownerId, template, now);
        repo.replaceControls(user.orgId(), id, v.controlIds);
        UUID versionId = UUID.randomUUID();
        repo.insertVersion(user.orgId(), versionId, id, 1, markdown, Hashing.sha256Hex(markdown), user.userId(),
                user.label(), now);
        Policy created = get(user, id);
        activity.record(user, POLICY, id, "created", null, snapshot(created));
        activity.record(user, VERSION, versionId, "created", null,
                versionSnapshot(repo.versionById(user.orgId(), versionId).orElseThrow()));
        return created;
    }

    /** Changes key, title, owner and linked controls if {@code version} is current (409 otherwise). */
    @Transactional
    public Policy update(CurrentUser user, UUID id, PolicyDraft draft, long version) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Policy before = get(user, id);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("Policy '" + before.title() + "'", version, before.version());
        }
        if (draft == null) {
            throw ApiProblem.invalidField("body", "a JSON policy is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Valid v = validate(user, draft, id, errors);
        PolicyRules.throwIfAny(errors);
        if (!repo.updatePolicy(user.orgId(), id, version, v.key, v.title, v.ownerId, now())) {
            throw ApiProblem.staleVersion("Policy '" + before.title() + "'", version,
                    repo.find(user.orgId(), id).map(PolicyRow::version).orElse(version));
        }
        repo.replaceControls(user.orgId(), id, v.controlIds);
        Policy after = get(user, id);
        activity.record(user, POLICY, id, "updated", snapshot(before), snapshot(after));
        return after;
    }

    // ---- versions --------------------------------------------------------------------------

    /**
     * Starts a new draft version, with {@code markdown} or (null) a copy of the latest version's text.
     * Only one version can be in progress (draft, in review or approved but not published) at a time.
     */
    @Transactional
    public PolicyVersion newVersion(CurrentUser user, UUID policyId, String markdown) {
        user.require(Permission.ENGAGEMENT_WRITE);
        lock(user, policyId);
        List<PolicyVersion> all = repo.versions(user.orgId(), policyId);
        for (PolicyVersion v : all) {
            if (v.status() == VersionStatus.DRAFT || v.status() == VersionStatus.IN_REVIEW
                    || v.status() == VersionStatus.APPROVED) {
                throw ApiProblem.conflict("Version " + v.number() + " is still " + v.status().label().toLowerCase()
                        + "; finish it (publish it) or edit it instead of starting another version");
            }
        }
        int latest = repo.maxNumber(user.orgId(), policyId);
        String text = markdown;
        if (text == null) {
            text = latest == 0 ? "" : versionOf(user, policyId, latest).markdown();
        }
        List<FieldError> errors = new ArrayList<>();
        text = PolicyRules.checkMarkdown(text, errors);
        PolicyRules.throwIfAny(errors);
        UUID id = UUID.randomUUID();
        Instant now = now();
        repo.insertVersion(user.orgId(), id, policyId, latest + 1, text, Hashing.sha256Hex(text), user.userId(),
                user.label(), now);
        repo.touch(user.orgId(), policyId, now);
        PolicyVersion created = repo.versionById(user.orgId(), id).orElseThrow();
        activity.record(user, VERSION, id, "created", null, versionSnapshot(created));
        return created;
    }

    /** Replaces the text of a draft version. */
    @Transactional
    public PolicyVersion editDraft(CurrentUser user, UUID policyId, int number, String markdown) {
        user.require(Permission.ENGAGEMENT_WRITE);
        lock(user, policyId);
        PolicyVersion before = versionOf(user, policyId, number);
        PolicyWorkflow.next(number, before.status(), Action.EDIT);
        if (markdown == null) {
            throw ApiProblem.invalidField("markdown", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String text = PolicyRules.checkMarkdown(markdown, errors);
        PolicyRules.throwIfAny(errors);
        Instant now = now();
        repo.updateMarkdown(user.orgId(), before.id(), text, Hashing.sha256Hex(text), now);
        repo.touch(user.orgId(), policyId, now);
        PolicyVersion after = versionOf(user, policyId, number);
        activity.record(user, VERSION, before.id(), "edited", versionSnapshot(before), versionSnapshot(after));
        return after;
    }

    /** DRAFT → IN_REVIEW. */
    @Transactional
    public PolicyVersion submit(CurrentUser user, UUID policyId, int number) {
        user.require(Permission.ENGAGEMENT_WRITE);
        lock(user, policyId);
        PolicyVersion before = versionOf(user, policyId, number);
        PolicyWorkflow.next(number, before.status(), Action.SUBMIT);
        Instant now = now();
        repo.submit(user.orgId(), before.id(), user.label(), now);
        repo.touch(user.orgId(), policyId, now);
        PolicyVersion after = versionOf(user, policyId, number);
        activity.record(user, VERSION, before.id(), "submitted", versionSnapshot(before), versionSnapshot(after));
        return after;
    }

    /**
     * IN_REVIEW → APPROVED by the caller, dated today. The approver must not be the author unless
     * {@code reason} says why. The approved version is rendered to PDF and filed as evidence for the
     * policy's controls, effective from the approval date; the evidence id is kept on the version.
     */
    @Transactional
    public PolicyVersion approve(CurrentUser user, UUID policyId, int number, String reason) {
        user.require(Permission.ENGAGEMENT_WRITE);
        lock(user, policyId);
        PolicyVersion before = versionOf(user, policyId, number);
        PolicyWorkflow.next(number, before.status(), Action.APPROVE);
        String note = PolicyWorkflow.approvalNote(before.authorId(), user.userId(), reason);
        Instant now = now();
        LocalDate date = LocalDate.ofInstant(now, ZoneOffset.UTC);
        repo.approve(user.orgId(), before.id(), user.userId(), user.label(), now, date, note);
        repo.touch(user.orgId(), policyId, now);
        PolicyVersion approved = versionOf(user, policyId, number);
        Policy p = get(user, policyId);
        byte[] pdf = renderPdf(user, p, approved);
        EvidenceMetadata meta = new EvidenceMetadata(
                "Policy: " + p.title() + ", version " + number + " (approved)",
                "Approved by " + user.label() + " on " + date + (note == null ? "" : " (author's own approval: " + note
                        + ")") + ". SHA-256 of the Markdown: " + approved.sha256() + ".",
                p.controls().stream().map(c -> c.id().toString()).toList(), date, null, null,
                PolicyWorkflow.reviewDue(date), null, CollectionMethod.SYSTEM_EXPORT, SOURCE_SYSTEM);
        EvidenceItem item = evidence.upload(user, meta, pdfFilename(p, number), "application/pdf",
                new ByteArrayInputStream(pdf));
        repo.setEvidence(user.orgId(), approved.id(), item.id());
        PolicyVersion after = versionOf(user, policyId, number);
        activity.record(user, VERSION, before.id(), "approved", versionSnapshot(before), versionSnapshot(after));
        return after;
    }

    /** APPROVED → PUBLISHED; the previously published version becomes SUPERSEDED. */
    @Transactional
    public PolicyVersion publish(CurrentUser user, UUID policyId, int number) {
        user.require(Permission.ENGAGEMENT_WRITE);
        lock(user, policyId);
        PolicyVersion before = versionOf(user, policyId, number);
        PolicyWorkflow.next(number, before.status(), Action.PUBLISH);
        Optional<PolicyVersion> previous = repo.versions(user.orgId(), policyId).stream()
                .filter(v -> v.status() == VersionStatus.PUBLISHED).findFirst();
        Instant now = now();
        repo.publish(user.orgId(), policyId, before.id(), now);
        repo.touch(user.orgId(), policyId, now);
        if (previous.isPresent()) {
            PolicyVersion old = previous.get();
            activity.record(user, VERSION, old.id(), "superseded", versionSnapshot(old),
                    versionSnapshot(repo.versionById(user.orgId(), old.id()).orElseThrow()));
        }
        PolicyVersion after = versionOf(user, policyId, number);
        activity.record(user, VERSION, before.id(), "published", versionSnapshot(before), versionSnapshot(after));
        return after;
    }

    // ---- acknowledgements ------------------------------------------------------------------

    /** The caller acknowledges a version (by id); it must be the published version of its policy. */
    @Transactional
    public Acknowledgement acknowledge(CurrentUser user, UUID versionId) {
        requireMember(user);
        PolicyVersion v = repo.versionById(user.orgId(), versionId)
                .orElseThrow(() -> ApiProblem.notFound("Policy version " + versionId));
        if (v.status() != VersionStatus.PUBLISHED) {
            throw ApiProblem.conflict("Version " + v.number() + " is " + v.status().label().toLowerCase()
                    + "; only the published version of a policy can be acknowledged");
        }
        Instant now = now();
        if (repo.acknowledge(user.orgId(), versionId, user.userId(), now)) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("user", user.label());
            after.put("version", v.number());
            after.put("sha256", v.sha256());
            activity.record(user, VERSION, versionId, "acknowledged", null, after);
        }
        Instant at = repo.acks(user.orgId(), versionId).get(user.userId());
        return new Acknowledgement(user.userId(), user.name(), user.email(), at);
    }

    /** The caller acknowledges version {@code number} of a policy. */
    @Transactional
    public Acknowledgement acknowledge(CurrentUser user, UUID policyId, int number) {
        requireMember(user);
        row(user, policyId);
        return acknowledge(user, versionOf(user, policyId, number).id());
    }

    /**
     * Acknowledging is for the organization's own people: an audit firm's user (who reads the
     * policies inside an engagement) never writes to the organization's acknowledgements (issue 4 §1).
     */
    private static void requireMember(CurrentUser user) {
        if (user.inEngagement() || user.role().firmRole()) {
            throw ApiProblem.forbidden("An audit firm's users do not acknowledge the organization's policies");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private record Valid(String key, String title, UUID ownerId, List<UUID> controlIds) {
    }

    private Valid validate(CurrentUser user, PolicyDraft d, UUID self, List<FieldError> errors) {
        String key = PolicyRules.normalizeKey(d.key());
        PolicyRules.checkKey(key, errors);
        String title = PolicyRules.checkTitle(d.title(), errors);
        UUID owner = d.ownerId() == null ? user.userId() : d.ownerId();
        if (identity.member(user.orgId(), owner).isEmpty()) {
            errors.add(new FieldError("ownerId", owner + " is not a member of this organization"));
        }
        Set<UUID> ids = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String c : d.controls()) {
            Optional<UUID> id = controls.resolve(user.orgId(), c);
            if (id.isPresent()) {
                ids.add(id.get());
            } else {
                unknown.add(c);
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(new FieldError("controls", "unknown control(s) in this organization: "
                    + String.join(", ", unknown)));
        }
        if (errors.isEmpty() && repo.keyTaken(user.orgId(), key, self)) {
            throw ApiProblem.conflict("The key '" + key + "' is already used by another policy of this organization");
        }
        return new Valid(key, title, owner, List.copyOf(ids));
    }

    private PolicyRow row(CurrentUser user, UUID id) {
        return repo.find(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Policy " + id));
    }

    private PolicyRow lock(CurrentUser user, UUID id) {
        return repo.lock(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Policy " + id));
    }

    private PolicyVersion versionOf(CurrentUser user, UUID policyId, int number) {
        return repo.version(user.orgId(), policyId, number)
                .orElseThrow(() -> ApiProblem.notFound("Version " + number + " of policy " + policyId));
    }

    /** The workforce: active members other than external auditors, who do not work under these policies. */
    private static boolean expectedToAcknowledge(Member m) {
        return m.active() && m.role() != dev.assayer.shared.tenancy.Role.AUDITOR;
    }

    private List<Member> activeMembers(CurrentUser user) {
        return identity.members(user).stream().filter(PolicyService::expectedToAcknowledge)
                .sorted(Comparator.comparing(Member::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private List<Policy> assemble(CurrentUser user, List<PolicyRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID org = user.orgId();
        Map<UUID, List<PolicyVersion>> versions = new LinkedHashMap<>();
        for (PolicyVersion v : rows.size() == 1 ? repo.versions(org, rows.getFirst().id()) : repo.allVersions(org)) {
            versions.computeIfAbsent(v.policyId(), k -> new ArrayList<>()).add(v);
        }
        Map<UUID, List<UUID>> links = repo.controls(org);
        Map<UUID, String> refs = links.isEmpty() ? Map.of() : controls.refs(org);
        Map<UUID, List<UUID>> acks = repo.allAcks(org);
        List<Member> everyone = identity.members(user);
        List<Member> members = everyone.stream().filter(PolicyService::expectedToAcknowledge).toList();
        Set<UUID> memberIds = new java.util.HashSet<>();
        Map<UUID, String> names = new java.util.HashMap<>();
        members.forEach(m -> memberIds.add(m.userId()));
        everyone.forEach(m -> names.put(m.userId(), m.name()));
        LocalDate today = LocalDate.now(clock);
        List<Policy> out = new ArrayList<>();
        for (PolicyRow r : rows) {
            List<PolicyVersion> vs = versions.getOrDefault(r.id(), List.of());
            PolicyVersion latest = vs.isEmpty() ? null : vs.getFirst();
            PolicyVersion published = vs.stream().filter(v -> v.status() == VersionStatus.PUBLISHED).findFirst()
                    .orElse(null);
            PolicyVersion approved = published != null ? published
                    : vs.stream().filter(v -> v.status().approved()).findFirst().orElse(null);
            LocalDate approvedOn = approved == null ? null : approved.approvalDate();
            LocalDate due = PolicyWorkflow.reviewDue(approvedOn);
            int acknowledged = published == null ? 0 : (int) acks.getOrDefault(published.id(), List.of()).stream()
                    .filter(memberIds::contains).count();
            List<PolicyControl> cs = links.getOrDefault(r.id(), List.of()).stream()
                    .map(c -> new PolicyControl(c, refs.get(c)))
                    .sorted(Comparator.comparing(c -> c.ref() == null ? "" : c.ref(), String.CASE_INSENSITIVE_ORDER))
                    .toList();
            out.add(new Policy(r.id(), r.key(), r.title(), r.ownerId(), names.get(r.ownerId()), r.template(), cs,
                    published == null ? null : published.number(), latest == null ? null : latest.number(),
                    latest == null ? null : latest.status(), approvedOn, due, PolicyWorkflow.reviewOverdue(due, today),
                    acknowledged, published == null ? 0 : members.size(), r.version(), r.createdAt(),
                    r.updatedAt()));
        }
        return out;
    }

    private String display(CurrentUser user, Policy p, PolicyVersion v) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(TemplateFiller.ORGANIZATION, user.orgName());
        values.put(TemplateFiller.OWNER, p.ownerName());
        values.put(TemplateFiller.EFFECTIVE_DATE, v.approvalDate() != null ? v.approvalDate().toString()
                : "the date this version is approved");
        return TemplateFiller.fill(v.markdown(), values);
    }

    private byte[] renderPdf(CurrentUser user, Policy p, PolicyVersion v) {
        boolean approved = v.status().approved();
        String status = approved ? "Approved" : v.status().label() + " (not approved)";
        String approval = approved ? v.approvalDate() + " by " + v.approvedByLabel()
                + (v.approvalNote() == null ? "" : " (author's own approval: " + v.approvalNote() + ")")
                : "not approved";
        Instant stamp = approved ? v.approvedAt() : v.updatedAt();
        return PolicyPdf.render(new PolicyPdf.Header(user.orgName(), p.title(), p.key(), v.number(), status,
                p.ownerName(), approval, v.sha256(), stamp), display(user, p, v));
    }

    private static Map<String, Object> snapshot(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", p.key());
        m.put("title", p.title());
        m.put("owner", p.ownerName() == null ? String.valueOf(p.ownerId()) : p.ownerName());
        m.put("template", p.template());
        m.put("controls", p.controls().stream().map(c -> c.ref() == null ? c.id().toString() : c.ref()).toList());
        m.put("version", p.version());
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    private static Map<String, Object> versionSnapshot(PolicyVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policyId", v.policyId().toString());
        m.put("number", v.number());
        m.put("status", v.status().name());
        m.put("sha256", v.sha256());
        m.put("author", v.authorLabel());
        m.put("approvedBy", v.approvedByLabel());
        m.put("approvalDate", v.approvalDate() == null ? null : v.approvalDate().toString());
        m.put("approvalNote", v.approvalNote());
        m.put("evidenceId", v.evidenceId() == null ? null : v.evidenceId().toString());
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
