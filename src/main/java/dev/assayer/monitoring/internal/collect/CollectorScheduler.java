package dev.assayer.monitoring.internal.collect;

import dev.assayer.monitoring.CollectorService;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for due collectors every {@code assayer.collectors.tick} (default 15 minutes, first look
 * after the same delay). Which collectors are due is {@link CollectorService#collectDue()}'s business.
 */
@Component
class CollectorScheduler {

    private final CollectorService collectors;

    CollectorScheduler(CollectorService collectors) {
        this.collectors = collectors;
    }

    @Scheduled(fixedDelayString = "${assayer.collectors.tick:PT15M}", initialDelayString = "${assayer.collectors.tick:PT15M}")
    void tick() {
        collectors.collectDue();
    }
}
