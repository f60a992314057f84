package dev.assayer.monitoring.internal.period;

import dev.assayer.control.Control;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.RunObservation;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Operation across a Type II period for every automated control that has checks: the analysis of
 * {@link OperationAnalysis} per control over the engagement's period (UTC days), from the run
 * history. The expected interval is the server's schedule (assayer.monitoring.run-interval) unless
 * the caller names another, e.g. when history was replayed weekly.
 */
@Service
public class PeriodOperationService {

    /** One control's operation across the period. */
    public record ControlOperation(UUID controlId, String controlRef, String controlTitle, Set<String> checks,
            OperationAnalysis.Result result) {
    }

    /** The whole view: the engagement, the window and the interval used, and the controls. */
    public record PeriodOperation(UUID engagementId, String engagementName, Instant from, Instant to,
            Duration expectedInterval, List<ControlOperation> controls) {
    }

    private final EngagementService engagements;
    private final ControlService controls;
    private final MonitoringService monitoring;
    private final Duration scheduleInterval;
    private final Clock clock;

    PeriodOperationService(EngagementService engagements, ControlService controls, MonitoringService monitoring,
            @Value("${assayer.monitoring.run-interval:6h}") Duration scheduleInterval) {
        this.engagements = engagements;
        this.controls = controls;
        this.monitoring = monitoring;
        this.scheduleInterval = scheduleInterval;
        this.clock = Clock.systemUTC();
    }

    public Duration scheduleInterval() {
        return scheduleInterval;
    }

    public PeriodOperation analyse(CurrentUser user, UUID engagementId, Duration interval) {
        user.require(Permission.CONTROL_READ);
        user.requireEngagement(engagementId);
        Engagement e = engagements.get(user, engagementId);
        if (e.reportType() != ReportType.TYPE2) {
            throw ApiProblem.invalidField("engagementId",
                    "operation across a period applies to Type II engagements; this one is Type I (as of "
                            + e.asOfDate() + ")");
        }
        Duration expected = interval == null ? scheduleInterval : interval;
        if (expected.isNegative() || expected.isZero()) {
            throw ApiProblem.invalidField("interval", "must be a positive duration such as PT6H, P1D or P7D");
        }
        Instant from = e.periodStart().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = e.periodEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<RunObservation> all = monitoring.observations(user.orgId(), from, to);

        Map<String, List<RunObservation>> byRef = new LinkedHashMap<>();
        Map<String, Set<String>> checksByRef = new LinkedHashMap<>();
        for (RunObservation o : all) {
            for (String ref : o.controlRefs()) {
                byRef.computeIfAbsent(ref, k -> new ArrayList<>()).add(o);
                checksByRef.computeIfAbsent(ref, k -> new LinkedHashSet<>()).add(o.checkId());
            }
        }
        Map<String, Control> controlByRef = new LinkedHashMap<>();
        for (Control c : controls.all(user.orgId())) {
            controlByRef.put(c.ref(), c);
        }
        Instant now = clock.instant();
        List<ControlOperation> result = new ArrayList<>();
        for (var entry : byRef.entrySet()) {
            Control c = controlByRef.get(entry.getKey());
            if (c == null) {
                continue; // a check maps to a starter ref the organization has not adopted
            }
            result.add(new ControlOperation(c.id(), c.ref(), c.title(), checksByRef.get(entry.getKey()),
                    OperationAnalysis.analyse(from, to, now, expected, entry.getValue())));
        }
        result.sort(Comparator.comparing(ControlOperation::controlRef));
        return new PeriodOperation(e.id(), e.name(), from, to, expected, result);
    }
}
