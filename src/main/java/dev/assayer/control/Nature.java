package dev.assayer.control;

/** How a control is performed. */
public enum Nature {
    MANUAL,
    AUTOMATED,
    /** A person performs it, relying on a report or data produced by a system. */
    IT_DEPENDENT_MANUAL
}
