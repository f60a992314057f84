package dev.assayer;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries: no cycles, and no module reaches into another's internal package. */
class ModularityTest {

    @Test
    void moduleBoundariesHold() {
        ApplicationModules.of(AssayerApplication.class, (ImportOption) location -> !location.contains("/test-classes/")).verify();
    }
}
