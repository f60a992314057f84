package dev.assayer.control.internal;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.shared.ApiProblem;
import java.util.UUID;

/**
 * The control edit form as submitted (all text). {@code criteria} and {@code objectives} are
 * lists separated by semicolons or commas; {@code ownerId} blank means "no owner".
 */
public record ControlForm(String ref, String title, String description, String ownerId, String nature, String kind,
        String frequency, String keyControl, String status, String criteria, String objectives, Long version) {

    public static ControlForm empty() {
        return new ControlForm("", "", "", "", "", "", "", "false", ImplementationStatus.NOT_STARTED.name(), "", "", null);
    }

    public static ControlForm of(Control c) {
        return new ControlForm(c.ref(), c.title(), c.description() == null ? "" : c.description(),
                c.ownerId() == null ? "" : c.ownerId().toString(), c.nature().name(), c.kind().name(),
                c.frequency().name(), String.valueOf(c.keyControl()), c.status().name(), String.join("; ", c.criteria()),
                String.join("; ", c.objectives()), c.version());
    }

    /**
     * The draft this form asks for. With {@code full} false (a control owner editing their own
     * control) only description and status are taken; every other field is left unchanged.
     */
    public ControlDraft toDraft(boolean full, boolean creating) {
        ImplementationStatus st = ControlApiController.param(ImplementationStatus.class, "status", status);
        if (!full) {
            return new ControlDraft(null, null, description == null ? "" : description, null, null, null, null, null, st,
                    null, null);
        }
        UUID owner;
        if (ownerId == null || ownerId.isBlank()) {
            owner = creating ? null : ControlService.NO_OWNER;
        } else {
            try {
                owner = UUID.fromString(ownerId.strip());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("ownerId", "is not a member of this organization");
            }
        }
        Boolean key;
        try {
            key = ControlRules.parseBoolean(keyControl);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("keyControl", e.getMessage());
        }
        return new ControlDraft(ref, title, description == null ? "" : description, owner,
                ControlApiController.param(Nature.class, "nature", nature),
                ControlApiController.param(ControlKind.class, "kind", kind),
                ControlApiController.param(Frequency.class, "frequency", frequency), key == null ? Boolean.FALSE : key, st,
                ControlRules.splitList(criteria), ControlRules.splitList(objectives));
    }
}
