package dev.assayer.shared.web;

import java.lang.management.ManagementFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints one line when Assayer is ready to serve; the start-up benchmark waits for it. */
@Component
class ReadyBanner {

    private final String baseUrl;
    private final String dataDir;

    ReadyBanner(@Value("${assayer.base-url}") String baseUrl, @Value("${assayer.data-dir}") String dataDir) {
        this.baseUrl = baseUrl;
        this.dataDir = dataDir;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("Assayer is ready at " + baseUrl + " (data: " + dataDir + ", started in " + ms + " ms)");
    }
}
