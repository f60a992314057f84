package dev.assayer.vendor;

/** Where a vendor relationship stands. Only active vendors are expected to be reviewed. */
public enum VendorStatus {
    PROSPECTIVE, ACTIVE, TERMINATED
}
