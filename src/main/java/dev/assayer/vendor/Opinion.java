package dev.assayer.vendor;

/** The service auditor's opinion in a vendor's SOC report. Anything but UNMODIFIED needs attention. */
public enum Opinion {
    UNMODIFIED, QUALIFIED, ADVERSE, DISCLAIMER
}
