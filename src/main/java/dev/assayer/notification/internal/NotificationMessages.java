package dev.assayer.notification.internal;

import dev.assayer.monitoring.MonitoringAlert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a notification says, with no Spring: the e-mail (subject, plain text, simple HTML) and the
 * webhook's JSON for a run's new failures, most severe first, the first {@value #MAX_LISTED} listed
 * and the rest counted, with links into Assayer; and the same for a test.
 */
public final class NotificationMessages {

    public static final int MAX_LISTED = 50;
    public static final String EVENT_NEW_FAILURES = "monitoring.new_failures";
    public static final String EVENT_TEST = "notification.test";
    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An e-mail as queued. */
    public record Email(String subject, String text, String html) {
    }

    private NotificationMessages() {
    }

    /** Most severe first, then by check and resource, so the list is the same every time. */
    static List<MonitoringAlert> ordered(List<MonitoringAlert> alerts) {
        return alerts.stream().sorted(Comparator.<MonitoringAlert>comparingInt(a -> rank(a.severity()))
                .thenComparing(MonitoringAlert::checkId).thenComparing(a -> String.valueOf(a.resourceId()))).toList();
    }

    private static int rank(String severity) {
        int i = SEVERITIES.indexOf(severity == null ? "" : severity.toUpperCase(Locale.ROOT));
        return i < 0 ? SEVERITIES.size() : i;
    }

    public static String alertsLink(String baseUrl) {
        return trim(baseUrl) + "/monitoring#alerts";
    }

    public static String runLink(String baseUrl, UUID runId) {
        return trim(baseUrl) + "/monitoring/runs/" + runId;
    }

    private static String trim(String baseUrl) {
        String b = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.strip();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    public static String subject(String orgName, int count) {
        return "[Assayer] " + orgName + ": " + count + " new monitoring failure" + (count == 1 ? "" : "s");
    }

    public static Email newFailuresEmail(String orgName, UUID runId, Instant at, List<MonitoringAlert> alerts,
            String baseUrl) {
        List<MonitoringAlert> all = ordered(alerts);
        List<MonitoringAlert> listed = all.subList(0, Math.min(MAX_LISTED, all.size()));
        int more = all.size() - listed.size();
        String alertsLink = alertsLink(baseUrl);
        String runLink = runLink(baseUrl, runId);
        StringBuilder t = new StringBuilder();
        t.append("The monitoring run of ").append(WHEN.format(at)).append(" in ").append(orgName).append(" found ")
                .append(all.size()).append(" new failure").append(all.size() == 1 ? "" : "s")
                .append(" (checks that passed or did not fail in the run before).\n\n");
        for (MonitoringAlert a : listed) {
            t.append("[").append(nz(a.severity())).append("] ").append(nz(a.checkTitle())).append(" (")
                    .append(nz(a.checkId())).append(")\n");
            t.append("  Resource: ").append(nz(a.resourceType())).append(" ").append(nz(a.resourceId())).append("\n");
            if (a.message() != null && !a.message().isBlank()) {
                t.append("  Message: ").append(oneLine(a.message())).append("\n");
            }
            t.append("\n");
        }
        if (more > 0) {
            t.append("… and ").append(more).append(" more.\n\n");
        }
        t.append("Open alerts: ").append(alertsLink).append("\n");
        t.append("The run: ").append(runLink).append("\n\n");
        t.append("You receive this because of the notification settings of ").append(orgName).append(" in Assayer.\n");

        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        h.append("<p>The monitoring run of ").append(esc(WHEN.format(at))).append(" in <strong>").append(esc(orgName))
                .append("</strong> found ").append(all.size()).append(" new failure").append(all.size() == 1 ? "" : "s")
                .append(".</p>");
        h.append("<table cellpadding=\"4\" style=\"border-collapse:collapse\"><thead><tr>")
                .append("<th align=\"left\">Severity</th><th align=\"left\">Check</th><th align=\"left\">Resource</th>")
                .append("<th align=\"left\">Message</th></tr></thead><tbody>");
        for (MonitoringAlert a : listed) {
            h.append("<tr><td>").append(esc(nz(a.severity()))).append("</td><td>").append(esc(nz(a.checkTitle())))
                    .append("<br><code>").append(esc(nz(a.checkId()))).append("</code></td><td>")
                    .append(esc(nz(a.resourceType()))).append("<br><code>").append(esc(nz(a.resourceId())))
                    .append("</code></td><td>").append(esc(a.message() == null ? "" : oneLine(a.message()))).append("</td></tr>");
        }
        h.append("</tbody></table>");
        if (more > 0) {
            h.append("<p>… and ").append(more).append(" more.</p>");
        }
        h.append("<p><a href=\"").append(esc(alertsLink)).append("\">Open alerts</a> · <a href=\"").append(esc(runLink))
                .append("\">The run</a></p>");
        h.append("<p style=\"color:#666\">You receive this because of the notification settings of ").append(esc(orgName))
                .append(" in Assayer.</p></body></html>");
        return new Email(subject(orgName, all.size()), t.toString(), h.toString());
    }

    public static String newFailuresJson(UUID orgId, String orgName, UUID runId, Instant at, List<MonitoringAlert> alerts,
            String baseUrl) {
        List<MonitoringAlert> all = ordered(alerts);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", EVENT_NEW_FAILURES);
        body.put("organization", Map.of("id", orgId.toString(), "name", orgName));
        body.put("run", runId.toString());
        body.put("at", at.toString());
        body.put("total", all.size());
        body.put("more", Math.max(0, all.size() - MAX_LISTED));
        body.put("failures", all.stream().limit(MAX_LISTED).map(a -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("alert", a.id().toString());
            f.put("check", a.checkId());
            f.put("title", a.checkTitle());
            f.put("severity", a.severity());
            f.put("resourceType", a.resourceType());
            f.put("resourceId", a.resourceId());
            f.put("message", a.message());
            return f;
        }).toList());
        body.put("links", Map.of("alerts", alertsLink(baseUrl), "run", runLink(baseUrl, runId)));
        return JSON.writeValueAsString(body);
    }

    public static Email testEmail(String orgName, String requestedBy, String baseUrl) {
        String link = trim(baseUrl) + "/settings/notifications";
        String subject = "[Assayer] " + orgName + ": test notification";
        String text = "This is a test e-mail from Assayer for " + orgName + ", sent by " + requestedBy + ".\n"
                + "New monitoring failures will be announced to the same recipients.\n\nSettings: " + link + "\n";
        String html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>This is a test e-mail from Assayer for <strong>"
                + esc(orgName) + "</strong>, sent by " + esc(requestedBy) + ".</p><p>New monitoring failures will be "
                + "announced to the same recipients.</p><p><a href=\"" + esc(link) + "\">Notification settings</a></p></body></html>";
        return new Email(subject, text, html);
    }

    public static String testJson(UUID orgId, String orgName, String requestedBy, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", EVENT_TEST);
        body.put("organization", Map.of("id", orgId.toString(), "name", orgName));
        body.put("at", at.toString());
        body.put("requestedBy", requestedBy);
        return JSON.writeValueAsString(body);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String oneLine(String s) {
        String l = s.replaceAll("[\\r\\n]+", " ").strip();
        return l.length() <= 1000 ? l : l.substring(0, 999) + "…";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
