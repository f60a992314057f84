package dev.assayer.fieldwork;

import java.time.Instant;

/**
 * The auditor's request to extend a test's sample after a deviation: how many more items and why.
 * {@code performed} is true when the sample service added the items to the linked sample.
 */
public record SampleExtensionRequest(int additionalItems, String reason, String requestedBy, Instant requestedAt,
        boolean performed) {
}
