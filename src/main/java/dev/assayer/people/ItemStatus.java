package dev.assayer.people;

/** Where a checklist item stands: done on time, done after its due date, open, or open past its due date. */
public enum ItemStatus {
    DONE("Done"), DONE_LATE("Done late"), OPEN("Open"), OVERDUE("Overdue");

    private final String label;

    ItemStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean done() {
        return this == DONE || this == DONE_LATE;
    }
}
