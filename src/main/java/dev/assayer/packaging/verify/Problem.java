package dev.assayer.packaging.verify;

/**
 * One thing wrong with a package: the entry it concerns ({@code path}), what kind of problem, and
 * a sentence saying exactly what differs.
 */
public record Problem(String path, Kind kind, String detail) {

    public enum Kind {
        /** manifest.sig does not verify over manifest.json with the key (or there is no signature). */
        SIGNATURE_INVALID,
        /** An entry's SHA-256 or size is not the one in the manifest. */
        FILE_DIFFERS,
        /** The manifest lists a file the ZIP does not hold. */
        FILE_MISSING,
        /** The ZIP holds a file the manifest does not list. */
        FILE_ADDED,
        /** Two ZIP entries share a name. */
        DUPLICATE_ENTRY,
        /** A name that could write outside the extraction folder or that Assayer never writes. */
        UNSAFE_NAME,
        /** An entry whose compressed bytes cannot be read back (CRC or inflate error). */
        ENTRY_UNREADABLE,
        /** public-key.pem is malformed, not the pinned key, or not the key the manifest names. */
        KEY_MISMATCH,
        /** manifest.json is not the document Assayer writes (not JSON, wrong format, bad file list). */
        MANIFEST_INVALID,
        /** manifest.tsr is not a time-stamp over SHA-256(manifest.sig). */
        TIMESTAMP_INVALID
    }

    public String line() {
        return path + ": " + detail;
    }
}
