package dev.assayer.monitoring.checks;

/** Per check and resource: pass, fail, error (could not evaluate, with why), excluded. */
public enum Outcome {
    PASS, FAIL, ERROR, EXCLUDED
}
