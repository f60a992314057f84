package dev.assayer.packaging;

import java.time.Instant;
import java.util.UUID;

/**
 * An organization's package-signing key as published: the Ed25519 public key ({@code publicKeyPem},
 * SubjectPublicKeyInfo) and its {@code fingerprint} (lower-case hex SHA-256 of the DER key, i.e.
 * {@code openssl pkey -pubin -in public-key.pem -outform DER | sha256sum}). The private key never
 * leaves the module. A retired key still verifies the packages it signed.
 */
public record SigningKey(UUID id, String algorithm, String publicKeyPem, String fingerprint, Status status,
        String createdBy, Instant createdAt, String retiredBy, Instant retiredAt) {

    public enum Status {
        ACTIVE, RETIRED
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** The fingerprint in groups of four, for reading aloud over the phone. */
    public String groupedFingerprint() {
        return dev.assayer.packaging.verify.Ed25519Keys.grouped(fingerprint);
    }
}
