package dev.assayer.people;

import java.util.Locale;

/** The populations of the people area that fieldwork samples from. */
public enum PopulationKind {
    NEW_HIRES("new-hires", "New hires"),
    TERMINATIONS("terminations", "Terminations"),
    TRAINING_COMPLETIONS("training-completions", "Training completions");

    private final String slug;
    private final String label;

    PopulationKind(String slug, String label) {
        this.slug = slug;
        this.label = label;
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    /** The kind named by its slug or constant (case-insensitive), or null when there is none. */
    public static PopulationKind parse(String text) {
        if (text == null) {
            return null;
        }
        String norm = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (PopulationKind k : values()) {
            if (k.slug.equals(norm)) {
                return k;
            }
        }
        return null;
    }
}
