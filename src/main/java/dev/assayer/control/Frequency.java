package dev.assayer.control;

/** How often a control operates; drives the auditor's sample size. */
public enum Frequency {
    CONTINUOUS,
    MULTIPLE_DAILY,
    DAILY,
    WEEKLY,
    MONTHLY,
    QUARTERLY,
    ANNUAL,
    /** Performed when an event happens (a hire, a change, an incident). */
    PER_EVENT
}
