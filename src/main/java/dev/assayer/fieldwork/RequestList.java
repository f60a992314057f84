package dev.assayer.fieldwork;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The requests of one engagement the caller may see (filtered), ordered by due date then ref, with
 * counts over the whole list (not only the filtered part): per status, overdue and due soon.
 */
public record RequestList(UUID engagementId, String engagementName, List<InformationRequest> requests,
        Map<RequestStatus, Long> counts, long total, long overdue, long dueSoon) {
}
