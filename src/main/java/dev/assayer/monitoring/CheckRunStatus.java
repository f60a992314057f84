package dev.assayer.monitoring;

/**
 * A check's standing in one run. Recorded per run for every check that was switched on: PASS (every
 * applicable resource passed, or passed or was excluded), FAIL (any resource failed), ERROR (none
 * failed, any could not be evaluated), EXCLUDED (every applicable resource was excluded), or
 * NOT_APPLICABLE (the run happened, but there was no resource of the check's type, or its
 * where-clause kept none). In a check's history two more appear for runs without a row: NOT_RUN
 * (the check was switched off or not defined at the time) and NOT_RECORDED (a run from before
 * Assayer recorded every check: then only checks that applied have a row).
 */
public enum CheckRunStatus {
    PASS, FAIL, ERROR, EXCLUDED, NOT_APPLICABLE, NOT_RUN, NOT_RECORDED;

    /** "Pass", "Not applicable", … for pages. */
    public String label() {
        String s = name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
