package dev.assayer.packaging;

import dev.assayer.packaging.verify.Ed25519Keys;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.UUID;

/**
 * Signs with one organization's active key: raw 64-byte Ed25519 signatures. Obtained from
 * {@link SigningKeyService#signer}; holds the opened private key only as long as it is referenced.
 */
public final class Signer {

    private final UUID keyId;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    public Signer(UUID keyId, PublicKey publicKey, PrivateKey privateKey) {
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    public UUID keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return Ed25519Keys.pem(publicKey);
    }

    public String fingerprint() {
        return Ed25519Keys.fingerprint(publicKey);
    }

    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by the Java platform", e);
        }
    }
}
