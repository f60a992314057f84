package dev.assayer.people;

import java.util.Locale;

/**
 * The items of the onboarding and offboarding checklists. {@link #slug()} is the form used in
 * URLs ({@code access-revoked}); {@link #parse} accepts the slug or the constant's name.
 */
public enum ChecklistItem {
    POLICY_ACKNOWLEDGEMENT(ChecklistPhase.ONBOARDING, "Policy acknowledgement"),
    SECURITY_TRAINING(ChecklistPhase.ONBOARDING, "Security awareness training"),
    BACKGROUND_CHECK(ChecklistPhase.ONBOARDING, "Background check"),
    ACCESS_PROVISIONED(ChecklistPhase.ONBOARDING, "Access provisioned"),
    ACCESS_REVOKED(ChecklistPhase.OFFBOARDING, "Access revoked"),
    EQUIPMENT_RETURNED(ChecklistPhase.OFFBOARDING, "Equipment returned");

    private final ChecklistPhase phase;
    private final String label;

    ChecklistItem(ChecklistPhase phase, String label) {
        this.phase = phase;
        this.label = label;
    }

    public ChecklistPhase phase() {
        return phase;
    }

    public String label() {
        return label;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The item named by its slug or constant (case-insensitive), or null when there is none. */
    public static ChecklistItem parse(String text) {
        if (text == null) {
            return null;
        }
        String norm = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ChecklistItem i : values()) {
            if (i.name().equals(norm)) {
                return i;
            }
        }
        return null;
    }
}
