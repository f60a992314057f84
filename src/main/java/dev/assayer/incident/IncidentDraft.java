package dev.assayer.incident;

import java.time.Instant;
import java.util.List;

/**
 * What a user submits to create or replace an incident. A blank {@code ref} gets the next INC-n;
 * a blank ref on update keeps the current one; a null {@code status} is OPEN for a new incident and unchanged on update. {@code controlIds} are
 * our control refs or ids (the controls changed because of the incident); {@code findingRefs}
 * are free references. The timeline is not part of the draft: entries are added one by one.
 */
public record IncidentDraft(String ref, String title, Instant detectedAt, String reportedBy, Severity severity,
        boolean significant, List<String> affectedSystems, List<String> affectedData, String responseSummary,
        String rootCause, String lessonsLearned, CustomerNotification customerNotification, IncidentStatus status,
        List<String> controlIds, List<String> findingRefs) {

    public IncidentDraft {
        affectedSystems = affectedSystems == null ? List.of() : affectedSystems;
        affectedData = affectedData == null ? List.of() : affectedData;
        controlIds = controlIds == null ? List.of() : controlIds;
        findingRefs = findingRefs == null ? List.of() : findingRefs;
        customerNotification = customerNotification == null ? CustomerNotification.none() : customerNotification;
    }
}
