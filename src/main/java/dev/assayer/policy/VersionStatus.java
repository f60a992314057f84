package dev.assayer.policy;

/**
 * Where a policy version stands. Only a {@link #DRAFT} can be edited; a {@link #PUBLISHED} version
 * becomes {@link #SUPERSEDED} when the next version is published.
 */
public enum VersionStatus {
    DRAFT("Draft"),
    IN_REVIEW("In review"),
    APPROVED("Approved"),
    PUBLISHED("Published"),
    SUPERSEDED("Superseded");

    private final String label;

    VersionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Approved at some point (APPROVED, PUBLISHED or SUPERSEDED). */
    public boolean approved() {
        return this == APPROVED || this == PUBLISHED || this == SUPERSEDED;
    }
}
