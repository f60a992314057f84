package dev.assayer.accessreview;

/** OPEN while accounts are imported, assigned and decided; SIGNED_OFF once completed (then locked). */
public enum CampaignStatus {
    OPEN, SIGNED_OFF
}
