package dev.assayer.fieldwork;

import java.util.List;
import java.util.UUID;

/**
 * One control of the engagement with its tests: {@code status} is NOT_PLANNED without any test,
 * else the least advanced status among its tests. {@code missing} names the kinds still to plan.
 */
public record ControlTestStatus(UUID controlId, String controlRef, String controlTitle, TestStatus status,
        List<TestSummary> tests, List<TestKind> missing) {

    public ControlTestStatus {
        tests = List.copyOf(tests);
        missing = List.copyOf(missing);
    }
}
