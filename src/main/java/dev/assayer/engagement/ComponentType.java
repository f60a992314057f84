package dev.assayer.engagement;

/** The five kinds of system component a description names (description criterion DC3). */
public enum ComponentType {
    INFRASTRUCTURE, SOFTWARE, PEOPLE, PROCEDURES, DATA
}
