package dev.assayer.people;

/** The two checklists of a person. */
public enum ChecklistPhase {
    ONBOARDING, OFFBOARDING
}
