package dev.assayer.packaging.verify;

/** The input is not an evidence package at all (no such file, not a ZIP, no manifest.json). */
public final class PackageUnreadableException extends Exception {

    public PackageUnreadableException(String message) {
        super(message);
    }
}
