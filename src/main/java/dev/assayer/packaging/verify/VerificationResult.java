package dev.assayer.packaging.verify;

import java.time.Instant;
import java.util.List;

/**
 * What {@link PackageVerifier} found. The package is intact when there is no problem at all.
 *
 * @param fingerprint SHA-256 fingerprint of the key the signature was checked with (null when none
 *     could be read)
 * @param keyPinned true when that key was given by the caller ({@code --key}); false when it came
 *     from the package's own public-key.pem, in which case the fingerprint must be compared with the
 *     one the organization publishes
 * @param files entries hashed (all of them, manifest included)
 * @param bytes uncompressed bytes hashed
 * @param timestamp the RFC 3161 time-stamp when the package has a valid one, else null
 */
public record VerificationResult(List<Problem> problems, String fingerprint, boolean keyPinned, String organization,
        String engagement, String generatedAt, int files, long bytes, TimeStamp timestamp) {

    public VerificationResult {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    /** A time-stamp token whose message imprint matched SHA-256(manifest.sig). */
    public record TimeStamp(Instant genTime, String tsa, String serialNumber, boolean signerCertificateIncluded) {
    }
}
