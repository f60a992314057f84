package dev.assayer.fieldwork.sampling;

/** How often a control operates. */
public enum ControlFrequency {
    ANNUAL, QUARTERLY, MONTHLY, SEMI_MONTHLY, WEEKLY, DAILY, SEVERAL_TIMES_A_DAY, AUTOMATED, EVENT_DRIVEN
}
