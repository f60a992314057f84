package dev.assayer.monitoring;

/** Why a run happened: someone asked (UI, API), the schedule, or history replayed from a previous tool. */
public enum RunTrigger {
    MANUAL, SCHEDULED, REPLAYED
}
