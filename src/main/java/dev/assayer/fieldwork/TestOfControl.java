package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An audit firm's test of one control in a client engagement: the plan (procedures, attributes,
 * population, linked sample and/or manual items, sizing), the items and their results, the
 * deviations, the evaluation Assayer computes, the auditor's conclusion and report wording (null
 * until an auditor writes them), sign-offs, review notes and the test's history. {@code locked} is
 * true once the reviewer signed off: any change then needs {@code reopen}.
 */
public record TestOfControl(UUID id, UUID engagementId, UUID firmId, UUID controlId, String controlRef,
        String controlTitle, TestKind kind, TestStatus status, List<Procedure> procedures,
        List<TestAttribute> attributes, String populationDescription, UUID sampleId, List<ManualItem> manualItems,
        TestSizing sizing, List<TestItem> items, List<ItemResult> results, List<Deviation> deviations,
        TestEvaluation evaluation, Conclusion conclusion, String resultWording, String concludedBy,
        Instant concludedAt, SignOff preparer, SignOff reviewer, List<ReviewNote> reviewNotes,
        List<SampleExtensionRequest> extensionRequests, List<TestHistoryEntry> history, boolean locked,
        String createdBy, Instant createdAt, Instant updatedAt, long version) {

    public TestOfControl {
        procedures = List.copyOf(procedures);
        attributes = List.copyOf(attributes);
        manualItems = List.copyOf(manualItems);
        items = List.copyOf(items);
        results = List.copyOf(results);
        deviations = List.copyOf(deviations);
        reviewNotes = List.copyOf(reviewNotes);
        extensionRequests = List.copyOf(extensionRequests);
        history = List.copyOf(history);
    }

    /** The result for one item and attribute, or null. */
    public ItemResult result(String itemRef, String attribute) {
        return results.stream().filter(r -> r.itemRef().equals(itemRef) && r.attribute().equals(attribute))
                .findFirst().orElse(null);
    }

    /** Review notes not cleared yet. */
    public long openReviewNotes() {
        return reviewNotes.stream().filter(n -> !n.cleared()).count();
    }
}
