package dev.assayer.packaging.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 public keys as PEM ("-----BEGIN PUBLIC KEY-----", SubjectPublicKeyInfo, 64-column
 * Base64, LF line ends: what {@code openssl pkey -pubout} prints) and their fingerprint: the
 * lower-case hex SHA-256 of the DER SubjectPublicKeyInfo, i.e.
 * {@code openssl pkey -pubin -in public-key.pem -outform DER | sha256sum}.
 */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----\n";
    private static final String END = "-----END PUBLIC KEY-----\n";

    private Ed25519Keys() {
    }

    public static String pem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return BEGIN + b64 + "\n" + END;
    }

    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** The fingerprint grouped for reading aloud: "ab12 cd34 …". */
    public static String grouped(String fingerprint) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fingerprint.length(); i += 4) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(fingerprint, i, Math.min(i + 4, fingerprint.length()));
        }
        return b.toString();
    }

    /**
     * Reads an Ed25519 public key from PEM (tolerant of CRLF and surrounding blank lines, as a
     * file handed over by e-mail may have them).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static PublicKey parse(String pem) {
        String text = pem.replace("\r\n", "\n").strip();
        if (!text.startsWith(BEGIN.strip()) || !text.endsWith(END.strip())) {
            throw new IllegalArgumentException("not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
        }
        String body = text.substring(BEGIN.strip().length(), text.length() - END.strip().length()).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM body is not valid Base64");
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    /**
     * Reads the public key exactly as Assayer writes it: the bytes must equal {@link #pem} of the
     * key they hold, so no byte of public-key.pem can change unnoticed.
     */
    public static PublicKey parseExact(byte[] pemBytes) {
        String text = new String(pemBytes, StandardCharsets.UTF_8);
        PublicKey key = parse(text);
        if (!pem(key).equals(text)) {
            throw new IllegalArgumentException("not in the form Assayer writes (altered line breaks or text)");
        }
        return key;
    }
}
