package dev.assayer.identity;

import dev.assayer.activity.ActivityLog;
import dev.assayer.identity.internal.IdentityRepository;
import dev.assayer.identity.internal.IdentityRepository.MembershipRow;
import dev.assayer.identity.internal.IdentityRepository.UserRow;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import dev.assayer.shared.tenancy.EngagementAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations, members and roles, sign-in with backoff, API tokens, setup and invitation links. */
@Service
public class IdentityService {

    /** Raised after an organization is created, so that other modules can prepare it (starter content). */
    public record OrganizationCreated(UUID orgId, String name) {
    }

    /** Why a sign-in failed; the UI shows one message for all, to not reveal which accounts exist. */
    public enum SignInFailure { BAD_CREDENTIALS, LOCKED, NO_ORGANIZATION }

    public static final class SignInException extends RuntimeException {
        private final SignInFailure failure;

        public SignInException(SignInFailure failure) {
            super(failure == SignInFailure.LOCKED
                    ? "This account is temporarily locked after repeated failed sign-ins; try again later"
                    : failure == SignInFailure.NO_ORGANIZATION ? "This account is not a member of that organization"
                    : "Invalid e-mail or password");
            this.failure = failure;
        }

        public SignInFailure failure() {
            return failure;
        }
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final Duration SETUP_LINK_VALIDITY = Duration.ofHours(24);
    static final Duration INVITE_VALIDITY = Duration.ofDays(7);
    private static final String SYSTEM = "Assayer";

    private final IdentityRepository repo;
    private final PasswordEncoder passwords;
    private final ActivityLog activity;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final ObjectProvider<EngagementAccess> engagementAccess;

    public IdentityService(IdentityRepository repo, PasswordEncoder passwords, ActivityLog activity,
            ApplicationEventPublisher events, Optional<Clock> clock, ObjectProvider<EngagementAccess> engagementAccess) {
        this.engagementAccess = engagementAccess;
        this.repo = repo;
        this.passwords = passwords;
        this.activity = activity;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    static void checkEmail(String field, String email) {
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 320) {
            throw ApiProblem.invalidField(field, "must be an e-mail address");
        }
    }

    static void checkName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        if (name.length() > 200) {
            throw ApiProblem.invalidField(field, "must be at most 200 characters");
        }
    }

    @Transactional(readOnly = true)
    public boolean hasUsers() {
        return repo.countUsers() > 0;
    }

    /**
     * Creates an organization with its first admin. Used at first start (environment, setup link)
     * and by the demo loader; not reachable by signed-in users.
     */
    @Transactional
    public CurrentUser createOrganizationWithAdmin(String orgName, String email, String name, String rawPassword) {
        checkName("organization", orgName);
        String mail = normalizeEmail(email);
        checkEmail("email", mail);
        Instant now = clock.instant();
        UUID orgId = UUID.randomUUID();
        repo.insertOrganization(orgId, orgName.trim(), false, now);
        activity.recordSystem(orgId, SYSTEM, "organization", orgId, "created", null, Map.of("name", orgName.trim()));
        UserRow user = repo.userByEmail(mail).orElse(null);
        UUID userId;
        if (user == null) {
            PasswordPolicy.check("password", rawPassword, mail);
            checkName("name", name);
            userId = UUID.randomUUID();
            repo.insertUser(userId, mail, name.trim(), passwords.encode(rawPassword), now);
        } else {
            userId = user.id();
        }
        repo.insertMembership(orgId, userId, Role.ADMIN, now);
        activity.recordSystem(orgId, SYSTEM, "membership", userId, "added", null,
                Map.of("email", mail, "role", Role.ADMIN.name()));
        events.publishEvent(new OrganizationCreated(orgId, orgName.trim()));
        String userName = user == null ? name.trim() : user.name();
        return new CurrentUser(userId, mail, userName, orgId, orgName.trim(), Role.ADMIN);
    }

    /** Adds a member with a password straight away (demo data, tests, first-start admin in a second org). */
    @Transactional
    public Member addMemberWithPassword(UUID orgId, String email, String name, Role role, String rawPassword) {
        checkRoleFits(orgId, role);
        String mail = normalizeEmail(email);
        checkEmail("email", mail);
        checkName("name", name);
        Instant now = clock.instant();
        UserRow user = repo.userByEmail(mail).orElse(null);
        UUID userId;
        if (user == null) {
            PasswordPolicy.check("password", rawPassword, mail);
            userId = UUID.randomUUID();
            repo.insertUser(userId, mail, name.trim(), passwords.encode(rawPassword), now);
        } else {
            userId = user.id();
        }
        repo.insertMembership(orgId, userId, role, now);
        activity.recordSystem(orgId, SYSTEM, "membership", userId, "added", null, Map.of("email", mail, "role", role.name()));
        return repo.member(orgId, userId).orElseThrow();
    }

    /** Signs in with e-mail and password, in the named organization or the user's first one. */
    @Transactional(noRollbackFor = SignInException.class)
    public CurrentUser signIn(String email, String rawPassword, String organization) {
        String mail = normalizeEmail(email);
        Instant now = clock.instant();
        UserRow user = mail == null ? null : repo.userByEmail(mail).orElse(null);
        if (user == null || user.passwordHash() == null) {
            passwords.matches(rawPassword == null ? "" : rawPassword, dummyHash()); // same cost as a real check
            throw new SignInException(SignInFailure.BAD_CREDENTIALS);
        }
        if (LoginThrottle.isLocked(user.lockedUntil(), now)) {
            throw new SignInException(SignInFailure.LOCKED);
        }
        if (rawPassword == null || !passwords.matches(rawPassword, user.passwordHash())) {
            int failures = user.failedAttempts() + 1;
            repo.recordFailure(user.id(), failures, LoginThrottle.lockedUntil(failures, now));
            throw new SignInException(SignInFailure.BAD_CREDENTIALS);
        }
        if (user.failedAttempts() > 0) {
            repo.recordFailure(user.id(), 0, null);
        }
        List<MembershipRow> orgs = repo.memberships(user.id());
        MembershipRow chosen = orgs.stream()
                .filter(m -> organization == null || organization.isBlank()
                        || m.orgId().toString().equals(organization.trim())
                        || m.orgName().equalsIgnoreCase(organization.trim()))
                .findFirst().orElseThrow(() -> new SignInException(SignInFailure.NO_ORGANIZATION));
        return new CurrentUser(user.id(), user.email(), user.name(), chosen.orgId(), chosen.orgName(), chosen.role());
    }

    private volatile String dummyHash;

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = passwords.encode(UUID.randomUUID().toString());
        }
        return dummyHash;
    }

    /** The same user acting in another of their organizations. */
    @Transactional(readOnly = true)
    public CurrentUser switchOrganization(CurrentUser user, UUID orgId) {
        return repo.memberships(user.userId()).stream().filter(m -> m.orgId().equals(orgId)).findFirst()
                .map(m -> new CurrentUser(user.userId(), user.email(), user.name(), m.orgId(), m.orgName(), m.role()))
                .orElseThrow(() -> ApiProblem.notFound("Organization " + orgId));
    }

    /**
     * Re-reads the user's role in their current organization (after a role change or removal). An
     * auditor inside a client engagement is re-checked against the firm membership and the grant:
     * when the grant was revoked or has expired they are returned to the firm; when they left the
     * firm, empty.
     */
    @Transactional(readOnly = true)
    public Optional<CurrentUser> refresh(CurrentUser user) {
        if (user.scope() != null) {
            UUID firmId = user.scope().firmId();
            Optional<MembershipRow> firm = repo.memberships(user.userId()).stream()
                    .filter(m -> m.orgId().equals(firmId) && m.auditFirm() && m.role().firmRole()).findFirst();
            if (firm.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(engagementAccess.getObject().resolve(user.scope().grantId())
                    .filter(c -> c.scope().firmId().equals(firmId))
                    .map(c -> new CurrentUser(user.userId(), user.email(), user.name(), c.orgId(), c.orgName(),
                            firm.get().role(), c.scope()))
                    .orElseGet(() -> new CurrentUser(user.userId(), user.email(), user.name(), firmId,
                            firm.get().orgName(), firm.get().role())));
        }
        return repo.memberships(user.userId()).stream().filter(m -> m.orgId().equals(user.orgId())).findFirst()
                .map(m -> new CurrentUser(user.userId(), user.email(), user.name(), m.orgId(), m.orgName(), m.role()));
    }

    @Transactional(readOnly = true)
    public List<Organization> organizationsOf(CurrentUser user) {
        return repo.memberships(user.userId()).stream()
                .map(m -> new Organization(m.orgId(), m.orgName(), m.auditFirm())).toList();
    }

    /** An organization by id (name and kind), for other modules; no permission check. */
    @Transactional(readOnly = true)
    public Optional<Organization> organization(UUID orgId) {
        return repo.organization(orgId);
    }

    /** The audit firms registered in this Assayer, for a client admin choosing whom to grant access. */
    @Transactional(readOnly = true)
    public List<Organization> auditFirms() {
        return repo.auditFirms();
    }

    // ---- audit firms -------------------------------------------------------------------------

    /**
     * Registers an audit firm with the signed-in user as its first partner (the user keeps their
     * other memberships and can switch). The firm is a tenant of its own: its members, workpapers
     * and settings are separate from every client's.
     */
    @Transactional
    public Organization createAuditFirm(CurrentUser user, String firmName) {
        checkName("name", firmName);
        Instant now = clock.instant();
        UUID firmId = UUID.randomUUID();
        repo.insertOrganization(firmId, firmName.trim(), true, now);
        activity.recordSystem(firmId, SYSTEM, "organization", firmId, "created", null,
                Map.of("name", firmName.trim(), "kind", "AUDIT_FIRM", "by", user.label()));
        repo.insertMembership(firmId, user.userId(), Role.AUDIT_PARTNER, now);
        activity.recordSystem(firmId, SYSTEM, "membership", user.userId(), "added", null,
                Map.of("email", user.email(), "role", Role.AUDIT_PARTNER.name()));
        return repo.organization(firmId).orElseThrow();
    }

    /** Creates an audit firm with a first partner who has a password (demo data, tests). */
    @Transactional
    public CurrentUser createAuditFirmWithPartner(String firmName, String email, String name, String rawPassword) {
        checkName("name", firmName);
        Instant now = clock.instant();
        UUID firmId = UUID.randomUUID();
        repo.insertOrganization(firmId, firmName.trim(), true, now);
        activity.recordSystem(firmId, SYSTEM, "organization", firmId, "created", null,
                Map.of("name", firmName.trim(), "kind", "AUDIT_FIRM"));
        Member partner = addMemberWithPassword(firmId, email, name, Role.AUDIT_PARTNER, rawPassword);
        return new CurrentUser(partner.userId(), partner.email(), partner.name(), firmId, firmName.trim(),
                Role.AUDIT_PARTNER);
    }

    /**
     * An audit firm's member opens a client engagement the firm was granted: the returned user acts
     * in the client's organization, confined to that engagement. The opening is recorded in the
     * client's activity log. 404 when the grant is not the firm's, was revoked or has expired.
     */
    @Transactional
    public CurrentUser openEngagement(CurrentUser user, UUID grantId) {
        CurrentUser firmUser = user.scope() == null ? user : refresh(user).orElseThrow(
                () -> ApiProblem.notFound("Engagement access " + grantId));
        UUID firmId = firmUser.scope() == null ? firmUser.orgId() : firmUser.scope().firmId();
        if (!firmUser.role().firmRole()) {
            throw ApiProblem.notFound("Engagement access " + grantId);
        }
        var context = engagementAccess.getObject().resolve(grantId)
                .filter(c -> c.scope().firmId().equals(firmId))
                .orElseThrow(() -> ApiProblem.notFound("Engagement access " + grantId));
        CurrentUser inside = new CurrentUser(user.userId(), user.email(), user.name(), context.orgId(),
                context.orgName(), firmUser.role(), context.scope());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("firm", context.scope().firmName());
        after.put("engagement", context.scope().engagementName());
        after.put("role", firmUser.role().name());
        activity.record(inside, "engagement-grant", grantId, "opened", null, after);
        return inside;
    }

    /** Leaves a client engagement, back to the user's audit firm. */
    @Transactional(readOnly = true)
    public CurrentUser leaveEngagement(CurrentUser user) {
        return user.scope() == null ? user : switchOrganization(user, user.scope().firmId());
    }

    private void checkRoleFits(UUID orgId, Role role) {
        if (role == null) {
            throw ApiProblem.invalidField("role", "is required");
        }
        boolean firm = repo.organization(orgId).map(Organization::auditFirm).orElse(false);
        if (role.firmRole() != firm) {
            throw ApiProblem.invalidField("role", firm
                    ? "an audit firm's members are audit partners, managers or staff"
                    : "audit firm roles belong to an audit firm's own members; grant the firm access to an engagement instead");
        }
    }

    /** The role that must never disappear from an organization: its admin, or a firm's partner. */
    private Role keeperRole(UUID orgId) {
        return repo.organization(orgId).map(Organization::auditFirm).orElse(false) ? Role.AUDIT_PARTNER : Role.ADMIN;
    }

    @Transactional(readOnly = true)
    public List<Member> members(CurrentUser user) {
        user.require(Permission.CONTROL_READ);
        return repo.members(user.orgId());
    }

    /** Members of the caller's organization, for owner pickers and validation by other modules. */
    @Transactional(readOnly = true)
    public Optional<Member> member(UUID orgId, UUID userId) {
        return repo.member(orgId, userId);
    }

    @Transactional(readOnly = true)
    public Optional<Member> memberByEmail(UUID orgId, String email) {
        return repo.userByEmail(normalizeEmail(email)).flatMap(u -> repo.member(orgId, u.id()));
    }

    /** The result of an invitation: the member, and the one-time link when the person has no password yet. */
    public record Invitation(Member member, String inviteToken) {
    }

    @Transactional
    public Invitation invite(CurrentUser admin, String email, String name, Role role) {
        admin.require(Permission.USER_MANAGE);
        String mail = normalizeEmail(email);
        checkEmail("email", mail);
        checkRoleFits(admin.orgId(), role);
        Instant now = clock.instant();
        UserRow user = repo.userByEmail(mail).orElse(null);
        UUID userId;
        if (user == null) {
            checkName("name", name);
            userId = UUID.randomUUID();
            repo.insertUser(userId, mail, name.trim(), null, now);
        } else {
            userId = user.id();
            if (repo.member(admin.orgId(), userId).isPresent()) {
                throw ApiProblem.conflict(mail + " is already a member of " + admin.orgName());
            }
        }
        try {
            repo.insertMembership(admin.orgId(), userId, role, now);
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict(mail + " is already a member of " + admin.orgName());
        }
        activity.record(admin, "membership", userId, "added", null, Map.of("email", mail, "role", role.name()));
        String token = null;
        if (user == null || user.passwordHash() == null) {
            token = newSecret("inv_");
            repo.insertLink(Hashing.sha256Hex(token), "INVITE", userId, now, now.plus(INVITE_VALIDITY));
        }
        return new Invitation(repo.member(admin.orgId(), userId).orElseThrow(), token);
    }

    @Transactional
    public Member changeRole(CurrentUser admin, UUID userId, Role role, long version) {
        admin.require(Permission.USER_MANAGE);
        checkRoleFits(admin.orgId(), role);
        Member before = repo.member(admin.orgId(), userId).orElseThrow(() -> ApiProblem.notFound("Member " + userId));
        Role keeper = keeperRole(admin.orgId());
        if (before.role() == keeper && role != keeper && repo.countWithRole(admin.orgId(), keeper) <= 1) {
            throw ApiProblem.conflict("An organization needs at least one " + keeper.label().toLowerCase()
                    + "; make someone else " + keeper.label().toLowerCase() + " first");
        }
        if (repo.updateRole(admin.orgId(), userId, role, version) == 0) {
            throw ApiProblem.staleVersion("Member " + before.email(), version, before.version());
        }
        activity.record(admin, "membership", userId, "role-changed", Map.of("role", before.role().name()),
                Map.of("role", role.name()));
        return repo.member(admin.orgId(), userId).orElseThrow();
    }

    @Transactional
    public void removeMember(CurrentUser admin, UUID userId) {
        admin.require(Permission.USER_MANAGE);
        Member before = repo.member(admin.orgId(), userId).orElseThrow(() -> ApiProblem.notFound("Member " + userId));
        Role keeper = keeperRole(admin.orgId());
        if (before.role() == keeper && repo.countWithRole(admin.orgId(), keeper) <= 1) {
            throw ApiProblem.conflict("An organization needs at least one " + keeper.label().toLowerCase()
                    + "; the last " + keeper.label().toLowerCase() + " cannot be removed");
        }
        repo.revokeAllTokens(admin.orgId(), userId, clock.instant());
        repo.deleteMembership(admin.orgId(), userId);
        activity.record(admin, "membership", userId, "removed", Map.of("email", before.email(), "role",
                before.role().name()), null);
    }

    // ---- API tokens -------------------------------------------------------------------------

    @Transactional
    public IssuedToken issueToken(CurrentUser user, String name) {
        String label = name == null || name.isBlank() ? "API token" : name.trim();
        if (label.length() > 200) {
            throw ApiProblem.invalidField("name", "must be at most 200 characters");
        }
        String secret = newSecret("asy_");
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String prefix = secret.substring(0, 10);
        repo.insertToken(id, user.orgId(), user.userId(), label, Hashing.sha256Hex(secret), prefix,
                user.scope() == null ? null : user.scope().grantId(), now);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", label);
        after.put("prefix", prefix);
        activity.record(user, "api-token", id, "issued", null, after);
        return new IssuedToken(id, label, secret, prefix, user.orgId(), user.orgName(), now);
    }

    @Transactional(readOnly = true)
    public List<TokenInfo> tokens(CurrentUser user) {
        return repo.tokens(user.orgId(), user.userId());
    }

    @Transactional
    public void revokeToken(CurrentUser user, UUID tokenId) {
        if (repo.revokeToken(user.orgId(), user.userId(), tokenId, clock.instant()) == 0) {
            throw ApiProblem.notFound("Active API token " + tokenId);
        }
        activity.record(user, "api-token", tokenId, "revoked", null, null);
    }

    /** Resolves a bearer token to the user and organization it was issued for. */
    @Transactional
    public Optional<CurrentUser> authenticateToken(String secret) {
        if (secret == null || !secret.startsWith("asy_")) {
            return Optional.empty();
        }
        return repo.tokenByHash(Hashing.sha256Hex(secret)).filter(t -> t.revokedAt() == null).flatMap(t -> {
            if (t.grantId() != null) {
                return authenticateGrantToken(t);
            }
            Optional<UserRow> user = repo.user(t.userId());
            Optional<MembershipRow> m = repo.memberships(t.userId()).stream()
                    .filter(x -> x.orgId().equals(t.orgId())).findFirst();
            if (user.isEmpty() || m.isEmpty()) {
                return Optional.empty();
            }
            repo.touchToken(t.id(), clock.instant());
            return Optional.of(new CurrentUser(t.userId(), user.get().email(), user.get().name(), t.orgId(),
                    m.get().orgName(), m.get().role()));
        });
    }

    /** A token issued inside a client engagement: valid while the grant is active and the user is in the firm. */
    private Optional<CurrentUser> authenticateGrantToken(IdentityRepository.TokenRow t) {
        Optional<UserRow> user = repo.user(t.userId());
        Optional<EngagementAccess.ClientContext> context = engagementAccess.getObject().resolve(t.grantId())
                .filter(c -> c.orgId().equals(t.orgId()));
        if (user.isEmpty() || context.isEmpty()) {
            return Optional.empty();
        }
        UUID firmId = context.get().scope().firmId();
        return repo.memberships(t.userId()).stream().filter(m -> m.orgId().equals(firmId) && m.role().firmRole())
                .findFirst().map(m -> {
                    repo.touchToken(t.id(), clock.instant());
                    return new CurrentUser(t.userId(), user.get().email(), user.get().name(), context.get().orgId(),
                            context.get().orgName(), m.role(), context.get().scope());
                });
    }

    // ---- one-time links ----------------------------------------------------------------------

    /** Creates the first-start setup link secret (valid 24 hours). */
    @Transactional
    public String createSetupLink() {
        String token = newSecret("setup_");
        Instant now = clock.instant();
        repo.insertLink(Hashing.sha256Hex(token), "SETUP", null, now, now.plus(SETUP_LINK_VALIDITY));
        return token;
    }

    /** Whether a link secret is valid for the purpose (SETUP or INVITE) right now. */
    @Transactional(readOnly = true)
    public boolean linkValid(String token, String purpose) {
        return token != null && repo.link(Hashing.sha256Hex(token))
                .filter(l -> l.purpose().equals(purpose) && l.usedAt() == null && clock.instant().isBefore(l.expiresAt()))
                .isPresent();
    }

    @Transactional
    public CurrentUser completeSetup(String token, String orgName, String email, String name, String password) {
        if (hasUsers()) {
            throw ApiProblem.conflict("Assayer is already set up; sign in instead");
        }
        useLink(token, "SETUP");
        return createOrganizationWithAdmin(orgName, email, name, password);
    }

    @Transactional
    public void acceptInvitation(String token, String password) {
        UUID userId = useLink(token, "INVITE");
        UserRow user = repo.user(userId).orElseThrow(() -> ApiProblem.notFound("Invited user"));
        PasswordPolicy.check("password", password, user.email());
        repo.setPassword(userId, passwords.encode(password));
    }

    private UUID useLink(String token, String purpose) {
        String hash = token == null ? "" : Hashing.sha256Hex(token);
        IdentityRepository.LinkRow link = repo.link(hash).filter(l -> l.purpose().equals(purpose))
                .orElseThrow(() -> ApiProblem.invalidField("token", "this link is not valid"));
        if (link.usedAt() != null || !clock.instant().isBefore(link.expiresAt()) || repo.useLink(hash, clock.instant()) == 0) {
            throw ApiProblem.invalidField("token", "this link has expired or was already used");
        }
        return link.userId();
    }

    private String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
