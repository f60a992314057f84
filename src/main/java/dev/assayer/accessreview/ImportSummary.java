package dev.assayer.accessreview;

/**
 * The result of an account list import: how many accounts, how many flagged owners (left, not on the
 * roster, no e-mail), how many went to the campaign owner because no manager could review them, how
 * many accounts the import replaced, and the file's SHA-256.
 */
public record ImportSummary(int accounts, int flagged, int assignedToOwner, int replaced, String sha256) {
}
