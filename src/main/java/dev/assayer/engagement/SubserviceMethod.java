package dev.assayer.engagement;

/**
 * How a subservice organization is presented: carved out (its controls are excluded and the
 * description names the complementary controls assumed there) or inclusive (its controls are in
 * scope and tested).
 */
public enum SubserviceMethod {
    CARVE_OUT, INCLUSIVE
}
