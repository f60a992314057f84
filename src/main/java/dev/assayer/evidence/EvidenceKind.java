package dev.assayer.evidence;

/** A stored file (bytes in the vault) or a link to evidence kept elsewhere (no bytes). */
public enum EvidenceKind {
    FILE,
    LINK
}
