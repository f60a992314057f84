package dev.assayer.fieldwork;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of rolling a request list forward: the requests created in the target engagement
 * (status OPEN, due dates moved by {@code shiftDays}, the number of days between the two period ends).
 */
public record RollForward(UUID sourceEngagementId, UUID targetEngagementId, long shiftDays,
        List<InformationRequest> created) {
}
