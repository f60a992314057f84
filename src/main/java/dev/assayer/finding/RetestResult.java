package dev.assayer.finding;

/** The outcome of a re-test: PASS closes the finding, FAIL returns it to remediation. */
public enum RetestResult {
    PASS, FAIL
}
