package dev.assayer.incident.internal;

import dev.assayer.incident.CustomerNotification;
import dev.assayer.incident.IncidentDraft;
import dev.assayer.incident.IncidentStatus;
import dev.assayer.shared.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The domain rules of incidents, free of Spring and SQL: required fields, what a resolved or
 * closed incident must record (root cause; lessons learned; the customer notification when one
 * was required), timestamps not in the future. Every problem is reported at once.
 */
public final class IncidentRules {

    static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    private IncidentRules() {
    }

    /** The draft as validated, with {@code controlIds} resolved to control UUIDs (as text). */
    public record Valid(IncidentDraft draft, List<UUID> controlIds) {
    }

    /**
     * @param resolveControl one of our controls by ref or id, empty when there is none
     * @param currentStatus the status kept when the draft has none (OPEN for a new incident)
     */
    public static Valid normalize(IncidentDraft d, IncidentStatus currentStatus, Instant now,
            Function<String, Optional<UUID>> resolveControl) {
        if (d == null) {
            throw ApiProblem.invalidField("body", "an incident is required");
        }
        Check c = new Check();
        String ref = c.text("ref", d.ref(), 40, false);
        if (ref != null && !REF.matcher(ref).matches()) {
            c.add("ref", "use letters, digits, '.', '_' or '-' (e.g. INC-12)");
        }
        String title = c.text("title", d.title(), Check.SHORT_TEXT, true);
        if (d.detectedAt() == null) {
            c.add("detectedAt", "is required (when the incident was detected, e.g. 2026-03-01T09:30:00Z)");
        } else if (d.detectedAt().isAfter(now)) {
            c.add("detectedAt", "must not be in the future");
        }
        String reportedBy = c.text("reportedBy", d.reportedBy(), Check.SHORT_TEXT, false);
        if (d.severity() == null) {
            c.add("severity", "is required (LOW, MEDIUM, HIGH or CRITICAL)");
        }
        List<String> systems = c.items("affectedSystems", d.affectedSystems(), Check.SHORT_TEXT);
        List<String> data = c.items("affectedData", d.affectedData(), Check.SHORT_TEXT);
        String response = c.text("responseSummary", d.responseSummary(), Check.LONG_TEXT, false);
        String rootCause = c.text("rootCause", d.rootCause(), Check.LONG_TEXT, false);
        String lessons = c.text("lessonsLearned", d.lessonsLearned(), Check.LONG_TEXT, false);
        IncidentStatus status = d.status() != null ? d.status() : currentStatus;
        if ((status == IncidentStatus.RESOLVED || status == IncidentStatus.CLOSED) && rootCause == null) {
            c.add("rootCause", "is required before an incident is " + status.name().toLowerCase(Locale.ROOT));
        }
        if (status == IncidentStatus.CLOSED && lessons == null) {
            c.add("lessonsLearned", "is required before an incident is closed");
        }
        CustomerNotification n = d.customerNotification();
        String how = c.text("customerNotification.how", n.how(), Check.SHORT_TEXT, false);
        if (n.notifiedAt() != null) {
            if (how == null) {
                c.add("customerNotification.how", "is required when customers were notified (e.g. e-mail, status page)");
            }
            if (n.notifiedAt().isAfter(now)) {
                c.add("customerNotification.notifiedAt", "must not be in the future");
            } else if (d.detectedAt() != null && n.notifiedAt().isBefore(d.detectedAt())) {
                c.add("customerNotification.notifiedAt", "must not be before detectedAt");
            }
        }
        if (n.required() && n.notifiedAt() == null && status == IncidentStatus.CLOSED) {
            c.add("customerNotification.notifiedAt", "is required before closing: customers had to be notified");
        }
        List<UUID> controlIds = new ArrayList<>();
        c.items("controlIds", d.controlIds(), 60);
        for (int i = 0; i < d.controlIds().size(); i++) {
            String raw = d.controlIds().get(i);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Optional<UUID> id = resolveControl.apply(raw.strip());
            if (id.isEmpty()) {
                c.add("controlIds[" + i + "]", "no control '" + raw.strip() + "' in your control library");
            } else if (!controlIds.contains(id.get())) {
                controlIds.add(id.get());
            }
        }
        List<String> findings = c.items("findingRefs", d.findingRefs(), 60);
        c.throwIfAny();
        IncidentDraft valid = new IncidentDraft(ref, title, d.detectedAt(), reportedBy, d.severity(), d.significant(),
                systems, data, response, rootCause, lessons, new CustomerNotification(n.required(), n.notifiedAt(), how),
                status, controlIds.stream().map(UUID::toString).toList(), findings);
        return new Valid(valid, List.copyOf(controlIds));
    }

    /** Validates a timeline entry; returns the trimmed text. */
    public static String timelineEntry(Instant at, String text, Instant now) {
        Check c = new Check();
        if (at == null) {
            c.add("at", "is required (when it happened)");
        } else if (at.isAfter(now)) {
            c.add("at", "must not be in the future");
        }
        String t = c.text("text", text, Check.LONG_TEXT, true);
        c.throwIfAny();
        return t;
    }

    /** The next free INC-n given the refs in use. */
    public static String nextRef(List<String> used) {
        int max = 0;
        for (String r : used) {
            if (r != null && r.toUpperCase(Locale.ROOT).matches("INC-\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(r.substring(4)));
            }
        }
        return "INC-" + (max + 1);
    }

    /** The first instant of {@code from} and the first instant after {@code to} (UTC); to before from is a 400. */
    public static Instant[] window(LocalDate from, LocalDate to) {
        Check c = new Check();
        if (from == null) {
            c.add("from", "is required (YYYY-MM-DD)");
        }
        if (to == null) {
            c.add("to", "is required (YYYY-MM-DD)");
        }
        if (from != null && to != null && to.isBefore(from)) {
            c.add("to", "must not be before from (" + from + ")");
        }
        c.throwIfAny();
        return new Instant[] {from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)};
    }
}
