package dev.assayer.notification.internal;

import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.monitoring.MonitoringAlert;
import dev.assayer.monitoring.NewFailuresRaised;
import dev.assayer.notification.Channel;
import dev.assayer.notification.internal.NotificationOutboxRepository.SettingsRow;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the outbox. A monitoring run's {@link NewFailuresRaised} arrives synchronously inside the
 * run's transaction, so the e-mail and webhook rows commit with the alerts or not at all; the
 * deliverer sends them afterwards.
 */
@Component
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    public static final String NEW_FAILURES = "NEW_FAILURES";
    public static final String TEST = "TEST";
    static final String SYSTEM = "Assayer monitoring";

    private final NotificationOutboxRepository repo;
    private final IdentityService identity;
    private final ControlService controls;
    private final MailGateway mail;
    private final String baseUrl;

    public Outbox(NotificationOutboxRepository repo, IdentityService identity, ControlService controls, MailGateway mail,
            @Value("${assayer.base-url:http://localhost:8080}") String baseUrl) {
        this.repo = repo;
        this.identity = identity;
        this.controls = controls;
        this.mail = mail;
        this.baseUrl = baseUrl;
    }

    @EventListener
    public void newFailures(NewFailuresRaised e) {
        if (e.alerts().isEmpty()) {
            return;
        }
        SettingsRow s = repo.effective(e.orgId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (s.emailEnabled() && mail.configured()) {
            List<String> to = recipients(e.orgId(), e.orgName(), s, e.alerts(), e.controlsByCheck());
            if (to.isEmpty()) {
                log.info("new monitoring failures in organization {}: e-mail is on but has no recipients", e.orgId());
            } else {
                var m = NotificationMessages.newFailuresEmail(e.orgName(), e.runId(), e.at(), e.alerts(), baseUrl);
                repo.insertOutbox(e.orgId(), UUID.randomUUID(), Channel.EMAIL, NEW_FAILURES, e.runId(), e.alerts().size(),
                        String.join(", ", to), m.subject(), m.text(), m.html(), now, SYSTEM, null, null);
            }
        }
        if (s.webhookUrl() != null && s.sealedSecret() != null) {
            repo.insertOutbox(e.orgId(), UUID.randomUUID(), Channel.WEBHOOK, NEW_FAILURES, e.runId(), e.alerts().size(),
                    NotificationRules.origin(s.webhookUrl()), null,
                    NotificationMessages.newFailuresJson(e.orgId(), e.orgName(), e.runId(), e.at(), e.alerts(), baseUrl),
                    null, now, SYSTEM, null, NotificationRules.urlHash(s.webhookUrl()));
        }
    }

    /**
     * Queues a test on one channel, already leased to the caller, who sends it at once with
     * {@link Deliverer#deliverLeased}. An e-mail test with no recipients in the settings goes to the caller.
     */
    public UUID queueTest(CurrentUser user, Channel channel, SettingsRow s, Instant now) {
        Instant lease = now.plus(Deliverer.LEASE);
        UUID id = UUID.randomUUID();
        if (channel == Channel.EMAIL) {
            List<String> to = recipients(user.orgId(), user.orgName(), s, List.of(), Map.of());
            if (to.isEmpty()) {
                to = List.of(user.email());
            }
            var m = NotificationMessages.testEmail(user.orgName(), user.label(), baseUrl);
            repo.insertOutbox(user.orgId(), id, channel, TEST, null, 0, String.join(", ", to), m.subject(), m.text(),
                    m.html(), now, user.label(), lease, null);
        } else {
            repo.insertOutbox(user.orgId(), id, channel, TEST, null, 0, NotificationRules.origin(s.webhookUrl()), null,
                    NotificationMessages.testJson(user.orgId(), user.orgName(), user.label(), now), null, now,
                    user.label(), lease, NotificationRules.urlHash(s.webhookUrl()));
        }
        return id;
    }

    /**
     * Who gets the e-mail: active members holding a chosen role, the owners of the controls the
     * failing checks support (when chosen), and the extra addresses; each address once.
     */
    public List<String> recipients(UUID orgId, String orgName, SettingsRow s, List<MonitoringAlert> alerts,
            Map<String, List<String>> controlsByCheck) {
        CurrentUser reader = new CurrentUser(new UUID(0, 0), "notifications@assayer.invalid", SYSTEM, orgId, orgName,
                Role.ADMIN);
        List<Member> members = identity.members(reader).stream().filter(Member::active).toList();
        Set<Role> roles = new HashSet<>();
        for (String r : s.emailRoles()) {
            try {
                roles.add(Role.parse(r));
            } catch (IllegalArgumentException ignored) {
                // a role that no longer exists receives nothing
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        members.stream().filter(m -> roles.contains(m.role())).forEach(m -> add(out, m.email()));
        if (s.emailControlOwners() && !alerts.isEmpty()) {
            Map<String, UUID> ownerByRef = new HashMap<>();
            for (Control c : controls.all(orgId)) {
                if (c.ownerId() != null) {
                    ownerByRef.put(c.ref().toLowerCase(Locale.ROOT), c.ownerId());
                    ownerByRef.put(c.id().toString(), c.ownerId());
                }
            }
            Set<UUID> owners = new HashSet<>();
            for (MonitoringAlert a : alerts) {
                for (String ref : controlsByCheck.getOrDefault(a.checkId(), List.of())) {
                    UUID owner = ownerByRef.get(ref.strip().toLowerCase(Locale.ROOT));
                    if (owner != null) {
                        owners.add(owner);
                    }
                }
            }
            members.stream().filter(m -> owners.contains(m.userId())).forEach(m -> add(out, m.email()));
        }
        s.extraAddresses().forEach(a -> add(out, a));
        return new ArrayList<>(out.values());
    }

    private static void add(Map<String, String> out, String address) {
        if (address != null && !address.isBlank()) {
            out.putIfAbsent(address.strip().toLowerCase(Locale.ROOT), address.strip());
        }
    }
}
