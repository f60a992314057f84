package dev.assayer.policy;

import java.util.List;
import java.util.UUID;

/**
 * What a user submits to create a policy or change its metadata. {@code key} is a slug unique in
 * the organization ("access-control"); {@code ownerId} must be a member (null: the caller);
 * {@code controls} are control ids or refs of the organization. {@code markdown} is the text of
 * version 1 on creation and ignored on update (versions are edited on their own).
 */
public record PolicyDraft(String key, String title, UUID ownerId, List<String> controls, String markdown) {

    public PolicyDraft {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }
}
