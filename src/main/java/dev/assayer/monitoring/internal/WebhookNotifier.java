package dev.assayer.monitoring.internal;

import dev.assayer.monitoring.MonitoringAlert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts new failures to {@code assayer.monitoring.webhook-url} when it is set: a small JSON document
 * (the organization, the run, up to 50 failures and their total). A failure to deliver is logged and
 * retried once; it never fails the run.
 */
@Component
public class WebhookNotifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    static final int MAX_LISTED = 50;

    private final String url;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public WebhookNotifier(@Value("${assayer.monitoring.webhook-url:}") String url) {
        this.url = url == null || url.isBlank() ? null : url.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public boolean configured() {
        return url != null;
    }

    /** Sends the new failures of one run; true when the endpoint answered 2xx (on the first or second try). */
    public boolean newFailures(String organization, UUID runId, Instant at, List<MonitoringAlert> alerts) {
        if (url == null || alerts.isEmpty()) {
            return false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "monitoring.new_failures");
        body.put("organization", organization);
        body.put("run", runId.toString());
        body.put("at", at.toString());
        body.put("total", alerts.size());
        body.put("failures", alerts.stream().limit(MAX_LISTED).map(a -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("check", a.checkId());
            f.put("title", a.checkTitle());
            f.put("severity", a.severity());
            f.put("resourceType", a.resourceType());
            f.put("resourceId", a.resourceId());
            f.put("message", a.message());
            return f;
        }).toList());
        String payload = json.writeValueAsString(body);
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload))
                        .build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return true;
                }
                log.warn("monitoring webhook answered {} (attempt {} of 2)", status, attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("monitoring webhook interrupted");
                return false;
            } catch (Exception e) {
                log.warn("monitoring webhook failed (attempt {} of 2): {}", attempt, e.toString());
            }
        }
        return false;
    }
}
