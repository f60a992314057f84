package dev.assayer.vendor;

import java.util.UUID;

/**
 * A complementary user entity control a vendor's report expects of us, and the control of ours
 * that covers it. {@code control} is what the user typed (a control ref or id); {@code controlId}
 * is the resolved control, or null when the CUEC is not covered yet: a gap.
 */
public record VendorCuec(String ref, String description, String control, UUID controlId) {

    public boolean gap() {
        return controlId == null;
    }
}
