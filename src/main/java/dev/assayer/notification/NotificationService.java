package dev.assayer.notification;

import dev.assayer.activity.ActivityLog;
import dev.assayer.notification.internal.Deliverer;
import dev.assayer.notification.internal.MailGateway;
import dev.assayer.notification.internal.NotificationOutboxRepository;
import dev.assayer.notification.internal.NotificationOutboxRepository.SettingsRow;
import dev.assayer.notification.internal.NotificationRules;
import dev.assayer.notification.internal.Outbox;
import dev.assayer.notification.internal.WebhookTargets;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.crypto.SecretBox;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notification settings, tests and the delivery log of an organization; all of it needs
 * {@link Permission#NOTIFICATION_MANAGE} (admins and compliance managers). Every change is in the
 * activity log, never the webhook secret (nor the webhook URL's path, which can be a secret of its
 * own). The webhook secret is generated here, sealed at rest, and shown once.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    static final String ENTITY = "notification-settings";
    /** Deliveries per page of the log, by default and at most. */
    public static final int PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;
    static final int PURGE_BATCH = 1000;

    private final NotificationOutboxRepository repo;
    private final Outbox outbox;
    private final Deliverer deliverer;
    private final MailGateway mail;
    private final SecretBox box;
    private final ActivityLog activity;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final WebhookTargets targets;
    private final Duration retention;
    private final SecureRandom random = new SecureRandom();

    public NotificationService(NotificationOutboxRepository repo, Outbox outbox, Deliverer deliverer, MailGateway mail,
            SecretBox box, ActivityLog activity, PlatformTransactionManager transactions, Optional<Clock> clock,
            WebhookTargets targets, @Value("${assayer.notifications.retention:P90D}") Duration retention) {
        if (retention == null || retention.isNegative() || retention.toHours() < 1) {
            throw new IllegalArgumentException("assayer.notifications.retention must be at least PT1H (default P90D), not "
                    + retention);
        }
        this.targets = targets;
        this.retention = retention;
        this.repo = repo;
        this.outbox = outbox;
        this.deliverer = deliverer;
        this.mail = mail;
        this.box = box;
        this.activity = activity;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** True when the server can send e-mail (spring.mail.host is set). */
    public boolean mailConfigured() {
        return mail.configured();
    }

    /** The mail server and sender for the settings page, or null when e-mail is not configured. */
    public String mailServer(CurrentUser user) {
        user.require(Permission.NOTIFICATION_MANAGE);
        return mail.describe();
    }

    public NotificationSettings settings(CurrentUser user) {
        user.require(Permission.NOTIFICATION_MANAGE);
        return view(repo.effective(user.orgId()));
    }

    /**
     * Replaces the settings edited at {@code version} (0: the defaults, never saved); a stale
     * version is a 409. Setting a webhook URL when there is no secret generates one, returned once
     * in {@code newWebhookSecret}; removing the URL removes the secret.
     */
    public NotificationSettings update(CurrentUser user, NotificationSettingsDraft draft, long version) {
        user.require(Permission.NOTIFICATION_MANAGE);
        if (draft == null) {
            throw ApiProblem.invalidField("body", "the notification settings are required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (draft.emailEnabled() == null) {
            errors.add(new FieldError("emailEnabled", "is required (true or false)"));
        }
        List<Role> roles = NotificationRules.roles(draft.emailRoles(), errors);
        List<String> extras = NotificationRules.addresses(draft.extraAddresses(), errors);
        String url = NotificationRules.webhookUrl(draft.webhookUrl(), errors);
        if (url != null) {
            targets.refusalOnSave(url).ifPresent(why -> errors.add(new FieldError("webhookUrl", why)));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                    : errors.size() + " fields are invalid", errors);
        }
        String[] issued = {null};
        SettingsRow saved = tx.execute(s -> {
            Optional<SettingsRow> stored = repo.settings(user.orgId());
            SettingsRow before = stored.orElseGet(NotificationOutboxRepository::defaults);
            long current = stored.map(SettingsRow::version).orElse(0L);
            if (current != version) {
                throw ApiProblem.staleVersion("The notification settings", version, current);
            }
            Instant now = now();
            String sealed = before.sealedSecret();
            Instant secretAt = before.secretSetAt();
            if (url == null) {
                sealed = null;
                secretAt = null;
            } else if (sealed == null) {
                issued[0] = NotificationRules.newSecret(random);
                sealed = box.seal(issued[0], Deliverer.secretContext(user.orgId()));
                secretAt = now;
            }
            SettingsRow after = new SettingsRow(draft.emailEnabled(), roles.stream().map(Role::name).toList(),
                    Boolean.TRUE.equals(draft.emailControlOwners()), extras, url, sealed, secretAt, current + 1, now,
                    user.label());
            boolean ok = stored.isEmpty() ? repo.insertSettings(user.orgId(), after, now)
                    : repo.updateSettings(user.orgId(), version, after, now);
            if (!ok) { // saved by someone else meanwhile (after an insert race PostgreSQL allows no further query)
                throw ApiProblem.staleVersion("The notification settings", version,
                        stored.isEmpty() ? 1 : repo.settings(user.orgId()).map(SettingsRow::version).orElse(0L));
            }
            activity.record(user, ENTITY, user.orgId(), "updated", loggable(before), loggable(after));
            if (issued[0] != null) {
                activity.record(user, ENTITY, user.orgId(), "webhook-secret-generated", null,
                        Map.of("setAt", secretAt.toString()));
            }
            return repo.settings(user.orgId()).orElseThrow();
        });
        NotificationSettings view = view(saved);
        return issued[0] == null ? view : view.withNewSecret(issued[0]);
    }

    /** A new webhook signing secret, returned once in {@code newWebhookSecret}; the old one stops at once. */
    public NotificationSettings rotateWebhookSecret(CurrentUser user) {
        user.require(Permission.NOTIFICATION_MANAGE);
        String secret = NotificationRules.newSecret(random);
        SettingsRow saved = tx.execute(s -> {
            SettingsRow before = repo.settings(user.orgId()).orElse(null);
            if (before == null || before.webhookUrl() == null) {
                throw ApiProblem.invalidField("webhookUrl", "set a webhook URL first: the secret signs its deliveries");
            }
            Instant now = now();
            SettingsRow after = new SettingsRow(before.emailEnabled(), before.emailRoles(), before.emailControlOwners(),
                    before.extraAddresses(), before.webhookUrl(), box.seal(secret, Deliverer.secretContext(user.orgId())),
                    now, before.version() + 1, now, user.label());
            if (!repo.updateSettings(user.orgId(), before.version(), after, now)) {
                throw ApiProblem.conflict("The notification settings changed meanwhile; try again");
            }
            activity.record(user, ENTITY, user.orgId(), "webhook-secret-rotated",
                    before.secretSetAt() == null ? null : Map.of("setAt", before.secretSetAt().toString()),
                    Map.of("setAt", now.toString()));
            return repo.settings(user.orgId()).orElseThrow();
        });
        return view(saved).withNewSecret(secret);
    }

    /**
     * Queues a test on one channel through the outbox and makes its first attempt at once; returns
     * the delivery as it stands (DELIVERED, or PENDING with the error and the next attempt). A test
     * e-mail goes to the recipients of the settings (roles and extra addresses), or to the caller
     * when there are none.
     */
    public Delivery sendTest(CurrentUser user, Channel channel) {
        user.require(Permission.NOTIFICATION_MANAGE);
        if (channel == null) {
            throw ApiProblem.invalidField("channel", "is required: EMAIL or WEBHOOK");
        }
        SettingsRow s = repo.effective(user.orgId());
        if (channel == Channel.EMAIL && !mail.configured()) {
            throw ApiProblem.invalidField("channel", "e-mail is not configured on this server (spring.mail.host is not set)");
        }
        if (channel == Channel.WEBHOOK && (s.webhookUrl() == null || s.sealedSecret() == null)) {
            throw ApiProblem.invalidField("channel", "no webhook is set: save a webhook URL first");
        }
        Instant now = now();
        UUID id = tx.execute(t -> {
            UUID queued = outbox.queueTest(user, channel, s, now);
            activity.record(user, ENTITY, user.orgId(), "test-sent", null,
                    Map.of("channel", channel.name(), "delivery", queued.toString()));
            return queued;
        });
        deliverer.deliverLeased(user.orgId(), id, now);
        return delivery(user, id);
    }

    /** The newest {@value #PAGE_SIZE} deliveries, newest first. */
    public List<Delivery> deliveries(CurrentUser user) {
        return deliveries(user, PAGE_SIZE, 0);
    }

    /**
     * A page of the delivery log, newest first: {@code limit} (1 to {@value #MAX_PAGE_SIZE})
     * deliveries after skipping {@code offset}. Finished deliveries are kept for
     * {@code assayer.notifications.retention} (default 90 days).
     */
    public List<Delivery> deliveries(CurrentUser user, int limit, long offset) {
        user.require(Permission.NOTIFICATION_MANAGE);
        List<FieldError> errors = new ArrayList<>();
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_PAGE_SIZE + " (" + limit + " given)"));
        }
        if (offset < 0) {
            errors.add(new FieldError("offset", "must be 0 or more (" + offset + " given)"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.getFirst().field() + ": " + errors.getFirst().message(), errors);
        }
        return repo.page(user.orgId(), limit, offset);
    }

    /** How long finished deliveries are kept (assayer.notifications.retention). */
    public Duration retention() {
        return retention;
    }

    /**
     * Deletes the finished deliveries (delivered, failed, cancelled) of every organization queued
     * more than the retention before {@code now}; pending ones are never deleted. The schedule calls
     * it every tick, tests directly. Returns how many were deleted.
     */
    public int purgeExpired(Instant now) {
        Instant cutoff = now.minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = repo.purgeFinished(cutoff, PURGE_BATCH);
            total += deleted;
        } while (deleted == PURGE_BATCH);
        if (total > 0) {
            log.info("deleted {} notification deliveries finished before {} (retention {})", total, cutoff, retention);
        }
        return total;
    }

    /** One delivery; another organization's is "not found". */
    public Delivery delivery(CurrentUser user, UUID id) {
        user.require(Permission.NOTIFICATION_MANAGE);
        return repo.find(user.orgId(), id).map(NotificationOutboxRepository.OutboxRow::delivery)
                .orElseThrow(() -> ApiProblem.notFound("Delivery " + id));
    }

    /** The deliveries that announce one monitoring run's new failures (for other modules and tests). */
    public List<Delivery> deliveriesForRun(UUID orgId, UUID runId) {
        return repo.forRun(orgId, runId);
    }

    /** Sends what is due at {@code now}: the schedule calls it every tick, tests call it directly. */
    public int deliverDue(Instant now) {
        return deliverer.deliverDue(now);
    }

    private NotificationSettings view(SettingsRow r) {
        List<Role> roles = new ArrayList<>();
        for (String n : r.emailRoles()) {
            try {
                roles.add(Role.parse(n));
            } catch (IllegalArgumentException ignored) {
                // a role that no longer exists is dropped
            }
        }
        return new NotificationSettings(r.emailEnabled(), roles, r.emailControlOwners(), r.extraAddresses(),
                r.webhookUrl(), r.sealedSecret() != null, r.secretSetAt(), null, mail.configured(), r.version(),
                r.updatedAt(), r.updatedBy());
    }

    /** The settings as the activity log keeps them: no secret, and only the webhook's origin. */
    private static Map<String, Object> loggable(SettingsRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emailEnabled", r.emailEnabled());
        m.put("emailRoles", r.emailRoles());
        m.put("emailControlOwners", r.emailControlOwners());
        m.put("extraAddresses", r.extraAddresses());
        m.put("webhook", r.webhookUrl() == null ? null : NotificationRules.origin(r.webhookUrl()) + "/…");
        m.put("webhookSecretSet", r.sealedSecret() != null);
        return m;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
