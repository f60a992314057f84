package dev.assayer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Assayer web application: UI under /, JSON API under /api/v1. Started by {@code assayer serve}. */
@SpringBootApplication
@Modulithic(systemName = "Assayer", sharedModules = "shared")
@EnableScheduling
public class AssayerApplication {
}
