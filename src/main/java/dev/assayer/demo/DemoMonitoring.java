package dev.assayer.demo;

import dev.assayer.evidence.CollectionMethod;
import dev.assayer.monitoring.HistoricalRun;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import dev.assayer.monitoring.ingest.ResourceFormats;
import dev.assayer.shared.tenancy.CurrentUser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The demo's monitoring: imports a realistic AWS IAM credential report, GitHub branch protection
 * and Kubernetes manifests (fixtures in {@code demo/monitoring/}, dates written as {@code ${d-N}} =
 * N days before today), then replays weekly runs across the period so far, with a failing window of
 * two weeks (one console user without MFA) and a gap of three weeks with no run, and ends with a
 * run of the current inventory.
 */
@Component
public class DemoMonitoring {

    static final String IAM = "iam-credential-report.csv";
    static final String GITHUB = "github-branch-protection.json";
    static final String K8S = "k8s-production.yaml";
    static final String MFA_LAPSE_USER = "jonas.weber";
    private static final Pattern DAYS = Pattern.compile("\\$\\{d([+-])(\\d+)}");

    private final MonitoringService monitoring;
    private final Clock clock;

    public DemoMonitoring(MonitoringService monitoring, Optional<Clock> clock) {
        this.monitoring = monitoring;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public void load(CurrentUser admin, LocalDate periodStart, LocalDate periodEnd) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        record Fixture(String file, String format, String source, String system) {
        }
        List<Fixture> fixtures = List.of(
                new Fixture(IAM, "aws-iam-credential-report", "collector:aws-production", "AWS production account"),
                new Fixture(GITHUB, "github-branch-protection", "collector:github-lumenfold", "GitHub (lumenfold)"),
                new Fixture(K8S, "k8s-yaml", "upload:k8s-production", "Kubernetes production cluster"));
        Map<String, byte[]> content = new HashMap<>();
        for (Fixture f : fixtures) {
            byte[] bytes = fixture(f.file(), today);
            content.put(f.file(), bytes);
            monitoring.importFile(admin, f.source(), f.file(), f.format(), null, new ByteArrayInputStream(bytes),
                    f.file().equals(K8S) ? CollectionMethod.SYSTEM_EXPORT : CollectionMethod.INTEGRATION, f.system());
        }

        LocalDate last = periodEnd.isBefore(today) ? periodEnd : today.minusDays(1);
        List<Instant> times = new ArrayList<>();
        for (LocalDate d = periodStart.plusDays(1); !d.isAfter(last); d = d.plusDays(7)) {
            times.add(d.atTime(6, 0).toInstant(ZoneOffset.UTC));
        }
        int n = times.size();
        // a failing window of two weekly runs a third of the way in, a gap of three weeks at two thirds
        int failFrom = n / 3;
        int gapFrom = Math.max(failFrom + 3, (2 * n) / 3);
        List<HistoricalRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i >= gapFrom && i < gapFrom + 3) {
                continue;
            }
            Instant at = times.get(i);
            boolean lapse = i >= failFrom && i < failFrom + 2;
            List<Resource> resources = new ArrayList<>();
            for (Fixture f : fixtures) {
                for (Resource r : read(f.format(), f.file(), content.get(f.file()), at)) {
                    resources.add(lapse && r.id().endsWith("user/" + MFA_LAPSE_USER) ? withoutMfa(r) : r);
                }
            }
            runs.add(new HistoricalRun(at, resources));
        }
        monitoring.replayHistory(admin, runs);
        monitoring.run(admin);
    }

    private static Resource withoutMfa(Resource r) {
        Map<String, Object> attributes = new HashMap<>(r.attributes());
        attributes.put("mfa_active", Boolean.FALSE);
        return new Resource(r.type(), r.id(), attributes, r.source(), r.observedAt());
    }

    private static List<Resource> read(String format, String file, byte[] bytes, Instant at) {
        ResourceFormat f = ResourceFormats.named(format).orElseThrow();
        List<Resource> out = new ArrayList<>();
        try {
            f.read(file, new ByteArrayInputStream(bytes), FormatOptions.at(at),
                    r -> out.add(new Resource(r.type(), r.id(), r.attributes(), r.source(), at)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static byte[] fixture(String name, LocalDate today) {
        try (InputStream in = DemoMonitoring.class.getClassLoader().getResourceAsStream("demo/monitoring/" + name)) {
            if (in == null) {
                throw new IllegalStateException("demo fixture demo/monitoring/" + name + " is missing");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = DAYS.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                long days = Long.parseLong(m.group(2));
                LocalDate d = m.group(1).equals("-") ? today.minusDays(days) : today.plusDays(days);
                m.appendReplacement(out, d.toString());
            }
            m.appendTail(out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
