package dev.assayer.fieldwork;

import java.util.List;
import java.util.UUID;

/**
 * What the auditor writes when planning a test: ordered procedures, the attributes checked on every
 * item, the population, the linked sample (by id) and/or manually listed items, and the sizing.
 * Null lists are empty; a null sizing is {@link TestSizing#none()}.
 */
public record TestPlan(List<Procedure> procedures, List<TestAttribute> attributes, String populationDescription,
        UUID sampleId, List<ManualItem> manualItems, TestSizing sizing) {

    public TestPlan {
        procedures = procedures == null ? List.of() : List.copyOf(procedures);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        manualItems = manualItems == null ? List.of() : List.copyOf(manualItems);
        sizing = sizing == null ? TestSizing.none() : sizing;
    }

    public static TestPlan empty() {
        return new TestPlan(List.of(), List.of(), null, null, List.of(), TestSizing.none());
    }
}
