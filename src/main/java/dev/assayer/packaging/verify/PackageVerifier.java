package dev.assayer.packaging.verify;

import dev.assayer.packaging.verify.Problem.Kind;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an evidence package offline (docs/evidence-package.md): the Ed25519 signature in
 * manifest.sig over the exact bytes of manifest.json, every file's SHA-256 and size against the
 * manifest, files missing or added, duplicate and unsafe entry names, the key (pinned by the caller
 * or the package's own public-key.pem, whose fingerprint the manifest names), and an RFC 3161
 * time-stamp when manifest.tsr is present. Every problem is reported, not just the first.
 *
 * <p>The ZIP is read once, as a stream: each entry is hashed as it passes and only the small
 * entries (manifest, signature, key, time-stamp) are kept, so memory does not grow with the size
 * of the package. No Spring, no database: the command line uses it as it is.
 */
public final class PackageVerifier {

    private static final long SMALL_LIMIT = 1 << 20;
    private static final long MANIFEST_LIMIT = 256L << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PackageVerifier() {
    }

    private record Seen(String sha256, long size) {
    }

    /**
     * @param zip the package
     * @param pinned the organization's public key as the auditor obtained it (e.g. downloaded from
     *     the app); empty to use the package's own public-key.pem and report its fingerprint
     * @throws PackageUnreadableException when the file does not exist, is not a ZIP or holds no manifest.json
     */
    public static VerificationResult verify(Path zip, Optional<PublicKey> pinned) throws PackageUnreadableException {
        if (!Files.isRegularFile(zip)) {
            throw new PackageUnreadableException(zip + ": no such file");
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Seen> seen = new LinkedHashMap<>();
        Map<String, byte[]> small = new LinkedHashMap<>();
        Set<String> reportedDuplicates = new HashSet<>();
        int entries = 0;
        long bytes = 0;
        MessageDigest md = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip), 64 * 1024))) {
            String last = null;
            while (true) {
                ZipEntry e;
                try {
                    e = in.getNextEntry();
                } catch (ZipException | java.io.EOFException ex) {
                    if (entries == 0) {
                        throw new PackageUnreadableException(zip + ": not a ZIP archive (" + ex.getMessage() + ")");
                    }
                    problems.add(new Problem(last, Kind.ENTRY_UNREADABLE, "the ZIP is damaged after this entry ("
                            + ex.getMessage() + "); the entries after it could not be read"));
                    break;
                }
                if (e == null) {
                    break;
                }
                entries++;
                String name = e.getName();
                last = name;
                if (!PackageLayout.isSafePath(name) && !(name.endsWith("/") && PackageLayout.isSafePath(
                        name.substring(0, name.length() - 1)))) {
                    problems.add(new Problem(name, Kind.UNSAFE_NAME, "unsafe entry name (absolute, '..', backslash or"
                            + " characters Assayer never writes); do not extract this package with a tool that"
                            + " follows such names"));
                }
                boolean keep = PackageLayout.OUTSIDE_MANIFEST.contains(name);
                long limit = PackageLayout.MANIFEST.equals(name) ? MANIFEST_LIMIT : SMALL_LIMIT;
                ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
                md.reset();
                long size = 0;
                try {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        md.update(buffer, 0, n);
                        size += n;
                        if (kept != null) {
                            if (size > limit) {
                                kept = null;
                                problems.add(new Problem(name, Kind.MANIFEST_INVALID, "far larger than Assayer writes ("
                                        + size + "+ bytes); not read"));
                            } else {
                                kept.write(buffer, 0, n);
                            }
                        }
                    }
                } catch (ZipException ex) {
                    problems.add(new Problem(name, Kind.ENTRY_UNREADABLE, "its bytes in the ZIP are damaged ("
                            + ex.getMessage() + "): the file was altered"));
                    bytes += size;
                    if (seen.containsKey(name)) {
                        duplicate(problems, reportedDuplicates, name);
                    } else {
                        seen.put(name, new Seen(null, size));
                    }
                    continue;
                }
                bytes += size;
                if (e.isDirectory() && size == 0) {
                    continue;
                }
                if (seen.containsKey(name)) {
                    duplicate(problems, reportedDuplicates, name);
                    continue;
                }
                seen.put(name, new Seen(HexFormat.of().formatHex(md.digest()), size));
                if (kept != null) {
                    small.put(name, kept.toByteArray());
                }
            }
        } catch (NoSuchFileException ex) {
            throw new PackageUnreadableException(zip + ": no such file");
        } catch (IOException ex) {
            if (entries == 0) {
                throw new PackageUnreadableException(zip + ": not readable as a ZIP archive (" + ex.getMessage() + ")");
            }
            problems.add(new Problem(PackageLayout.MANIFEST, Kind.ENTRY_UNREADABLE, "reading the ZIP failed: "
                    + ex.getMessage()));
        }
        if (entries == 0) {
            throw new PackageUnreadableException(zip + ": not a ZIP archive (or an empty one)");
        }
        byte[] manifestBytes = small.get(PackageLayout.MANIFEST);
        if (manifestBytes == null) {
            throw new PackageUnreadableException(zip + ": not an evidence package (no manifest.json"
                    + (seen.containsKey(PackageLayout.MANIFEST) ? " that could be read" : "") + ")");
        }

        // ---- the key
        PublicKey key = null;
        byte[] pem = small.get(PackageLayout.PUBLIC_KEY);
        PublicKey packaged = null;
        if (pem != null) {
            try {
                packaged = Ed25519Keys.parseExact(pem);
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(PackageLayout.PUBLIC_KEY, Kind.KEY_MISMATCH, "unreadable: " + ex.getMessage()));
            }
        }
        if (pinned.isPresent()) {
            key = pinned.get();
            if (packaged != null && !Arrays.equals(packaged.getEncoded(), key.getEncoded())) {
                problems.add(new Problem(PackageLayout.PUBLIC_KEY, Kind.KEY_MISMATCH, "is key "
                        + Ed25519Keys.fingerprint(packaged) + ", not the pinned key " + Ed25519Keys.fingerprint(key)));
            }
        } else if (packaged != null) {
            key = packaged;
        } else if (pem == null) {
            problems.add(new Problem(PackageLayout.PUBLIC_KEY, Kind.FILE_MISSING,
                    "missing: the signature cannot be checked without a key (give one with --key)"));
        }
        String fingerprint = key == null ? null : Ed25519Keys.fingerprint(key);

        // ---- the signature over the exact bytes of manifest.json
        byte[] sig = small.get(PackageLayout.SIGNATURE);
        if (sig == null) {
            problems.add(new Problem(PackageLayout.SIGNATURE, Kind.SIGNATURE_INVALID,
                    "missing: manifest.json is not signed"));
        } else if (key != null && !verifies(key, manifestBytes, sig)) {
            problems.add(new Problem(PackageLayout.MANIFEST, Kind.SIGNATURE_INVALID,
                    "signature invalid: manifest.sig does not verify over manifest.json with key " + fingerprint
                            + " (manifest.json or manifest.sig was changed, or another key signed it)"));
        } else if (key == null) {
            problems.add(new Problem(PackageLayout.SIGNATURE, Kind.SIGNATURE_INVALID,
                    "signature not checked: no usable public key"));
        }

        // ---- the manifest and every file it lists
        String organization = null;
        String engagement = null;
        String generatedAt = null;
        JsonNode manifest = null;
        try {
            manifest = JSON.readTree(manifestBytes);
            if (manifest == null || !manifest.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
        } catch (JacksonException | IllegalArgumentException ex) {
            problems.add(new Problem(PackageLayout.MANIFEST, Kind.MANIFEST_INVALID, "not valid JSON: the manifest was"
                    + " changed"));
            manifest = null;
        }
        Set<String> listed = new HashSet<>();
        if (manifest != null) {
            if (!PackageLayout.FORMAT.equals(manifest.path("format").asString(""))) {
                problems.add(new Problem(PackageLayout.MANIFEST, Kind.MANIFEST_INVALID, "format is '"
                        + manifest.path("format").asString("") + "', expected " + PackageLayout.FORMAT));
            }
            organization = text(manifest.path("organization").path("name"));
            engagement = text(manifest.path("engagement").path("name"));
            generatedAt = text(manifest.path("generatedAt"));
            String named = text(manifest.path("signingKey").path("fingerprint"));
            if (fingerprint != null && named != null && !named.equalsIgnoreCase(fingerprint)) {
                problems.add(new Problem(PackageLayout.PUBLIC_KEY, Kind.KEY_MISMATCH, "the manifest names key " + named
                        + " but the signature was checked with key " + fingerprint));
            }
            JsonNode files = manifest.path("files");
            if (!files.isArray()) {
                problems.add(new Problem(PackageLayout.MANIFEST, Kind.MANIFEST_INVALID, "has no list of files"));
            } else {
                for (JsonNode f : files) {
                    checkFile(f, seen, listed, problems);
                }
            }
        }
        for (Map.Entry<String, Seen> e : seen.entrySet()) {
            String name = e.getKey();
            if (!listed.contains(name) && !PackageLayout.OUTSIDE_MANIFEST.contains(name) && manifest != null) {
                problems.add(new Problem(name, Kind.FILE_ADDED, "file added: the ZIP holds it but the manifest does"
                        + " not list it (" + e.getValue().size() + " bytes)"));
            }
        }

        // ---- the optional RFC 3161 time-stamp over SHA-256(manifest.sig)
        VerificationResult.TimeStamp ts = null;
        byte[] tsr = small.get(PackageLayout.TIMESTAMP);
        if (tsr != null && sig != null) {
            ts = timestamp(tsr, sig, problems);
        }
        return new VerificationResult(problems, fingerprint, pinned.isPresent(), organization, engagement, generatedAt,
                entries, bytes, ts);
    }

    private static void duplicate(List<Problem> problems, Set<String> reported, String name) {
        if (reported.add(name)) {
            problems.add(new Problem(name, Kind.DUPLICATE_ENTRY, "duplicate entry: the ZIP holds more than one file"
                    + " with this name (tools disagree on which one they extract)"));
        }
    }

    private static void checkFile(JsonNode f, Map<String, Seen> seen, Set<String> listed, List<Problem> problems) {
        String path = text(f.path("path"));
        String sha = text(f.path("sha256"));
        if (path == null || sha == null || !f.path("size").canConvertToLong()) {
            problems.add(new Problem(path == null ? PackageLayout.MANIFEST : path, Kind.MANIFEST_INVALID,
                    "a file entry of the manifest lacks path, sha256 or size"));
            return;
        }
        long size = f.path("size").asLong();
        if (!PackageLayout.isSafePath(path) || PackageLayout.OUTSIDE_MANIFEST.contains(path) || !listed.add(path)) {
            problems.add(new Problem(path, Kind.MANIFEST_INVALID, "the manifest lists this name twice or lists a name"
                    + " it must not"));
            return;
        }
        Seen s = seen.get(path);
        if (s == null) {
            problems.add(new Problem(path, Kind.FILE_MISSING, "file missing: listed in the manifest (" + size
                    + " bytes, sha256 " + sha + ") but not in the ZIP"));
            return;
        }
        if (s.sha256() == null) {
            return; // already reported as unreadable
        }
        boolean hashDiffers = !s.sha256().equalsIgnoreCase(sha);
        boolean sizeDiffers = s.size() != size;
        if (hashDiffers || sizeDiffers) {
            problems.add(new Problem(path, Kind.FILE_DIFFERS, "file differs: " + (hashDiffers ? "sha256 " + s.sha256()
                    + ", manifest says " + sha : "") + (hashDiffers && sizeDiffers ? "; " : "") + (sizeDiffers ? "size "
                    + s.size() + " bytes, manifest says " + size : "")));
            return;
        }
        String original = text(f.path("evidence").path("provenance").path("originalSha256"));
        if (original != null && !original.equalsIgnoreCase(sha)) {
            problems.add(new Problem(path, Kind.FILE_DIFFERS, "file differs from the evidence as uploaded: sha256 "
                    + sha + ", recorded at upload " + original));
        }
    }

    private static VerificationResult.TimeStamp timestamp(byte[] tsr, byte[] sig, List<Problem> problems) {
        try {
            TimeStampResponse response = new TimeStampResponse(tsr);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                problems.add(new Problem(PackageLayout.TIMESTAMP, Kind.TIMESTAMP_INVALID, "holds no time-stamp token"
                        + " (status " + response.getStatus() + ")"));
                return null;
            }
            var info = token.getTimeStampInfo();
            if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())
                    || !Arrays.equals(info.getMessageImprintDigest(), sha256().digest(sig))) {
                problems.add(new Problem(PackageLayout.TIMESTAMP, Kind.TIMESTAMP_INVALID, "time-stamp is not over"
                        + " SHA-256(manifest.sig): manifest.tsr or manifest.sig was changed"));
                return null;
            }
            boolean withCert = false;
            @SuppressWarnings("unchecked")
            var matches = token.getCertificates().getMatches(token.getSID());
            for (Object o : matches) {
                X509CertificateHolder cert = (X509CertificateHolder) o;
                withCert = true;
                if (!token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
                    problems.add(new Problem(PackageLayout.TIMESTAMP, Kind.TIMESTAMP_INVALID, "the time-stamp token's"
                            + " signature does not verify with the certificate it carries"));
                    return null;
                }
            }
            return new VerificationResult.TimeStamp(info.getGenTime().toInstant(),
                    info.getTsa() == null ? null : info.getTsa().toString(), info.getSerialNumber().toString(), withCert);
        } catch (IOException | org.bouncycastle.tsp.TSPException | GeneralSecurityException
                | org.bouncycastle.operator.OperatorCreationException
                | RuntimeException ex) {
            problems.add(new Problem(PackageLayout.TIMESTAMP, Kind.TIMESTAMP_INVALID, "not a readable RFC 3161"
                    + " time-stamp response: the file was changed"));
            return null;
        }
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] sig) {
        try {
            Signature s = Signature.getInstance(Ed25519Keys.ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String text(JsonNode n) {
        return n == null || !n.isString() ? null : n.asString();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Reads a pinned key file (PEM) for {@link #verify}. */
    public static PublicKey readKey(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return Ed25519Keys.parse(new String(in.readNBytes((int) SMALL_LIMIT), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
