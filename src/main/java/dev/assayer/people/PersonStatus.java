package dev.assayer.people;

/** Where a person stands on a given day: not started yet, employed, or gone (end date passed). */
public enum PersonStatus {
    UPCOMING("Not started"), ACTIVE("Active"), TERMINATED("Terminated");

    private final String label;

    PersonStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The status of {@code p} on {@code day}. */
    public static PersonStatus of(Person p, java.time.LocalDate day) {
        if (p.startDate().isAfter(day)) {
            return UPCOMING;
        }
        return p.endDate() != null && p.endDate().isBefore(day) ? TERMINATED : ACTIVE;
    }
}
