package dev.assayer.monitoring.internal.collect;

import dev.assayer.monitoring.CollectorService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * At start-up, marks the collection jobs a previous run of the server left QUEUED or RUNNING as
 * failed ("interrupted by restart"); then looks for due collectors every {@code assayer.collectors.tick}
 * (default 15 minutes, first look after the same delay). Which collectors are due is
 * {@link CollectorService#collectDue()}'s business; their jobs run on the service's workers.
 */
@Component
class CollectorScheduler {

    private final CollectorService collectors;

    CollectorScheduler(CollectorService collectors) {
        this.collectors = collectors;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        collectors.recoverInterrupted();
    }

    @Scheduled(fixedDelayString = "${assayer.collectors.tick:PT15M}", initialDelayString = "${assayer.collectors.tick:PT15M}")
    void tick() {
        collectors.collectDue();
    }
}
