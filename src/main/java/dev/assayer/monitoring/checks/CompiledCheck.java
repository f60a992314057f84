package dev.assayer.monitoring.checks;

/** A check with its compiled selector and expressions ({@code where} may be null). */
record CompiledCheck(Check check, TypeSelector selector, Cel.Expr where, Cel.Expr expect) {
}
