package dev.assayer.monitoring.internal;

import dev.assayer.monitoring.MonitoringService;
import java.time.Clock;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The schedule: every {@code assayer.monitoring.scheduler-tick} (default 10 minutes, first after one
 * tick) it asks {@link MonitoringService#runDue} to run each organization whose last run is older
 * than {@code assayer.monitoring.run-interval} (default 6 hours).
 */
@Component
public class MonitoringScheduler {

    private final MonitoringService monitoring;
    private final Clock clock;

    public MonitoringScheduler(MonitoringService monitoring, Optional<Clock> clock) {
        this.monitoring = monitoring;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${assayer.monitoring.scheduler-tick:PT10M}",
            initialDelayString = "${assayer.monitoring.scheduler-tick:PT10M}")
    public void tick() {
        monitoring.runDue(clock.instant());
    }
}
