package dev.assayer.fieldwork;

import java.util.List;

/** A request with its linked evidence, its history (oldest first) and its comment thread (oldest first). */
public record RequestDetail(InformationRequest request, List<LinkedEvidence> evidence, List<RequestEvent> history,
        List<RequestComment> comments) {
}
