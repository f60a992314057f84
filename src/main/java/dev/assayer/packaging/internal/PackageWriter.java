package dev.assayer.packaging.internal;

import dev.assayer.packaging.Signer;
import dev.assayer.packaging.verify.CanonicalJson;
import dev.assayer.packaging.verify.PackageLayout;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an evidence package into a ZIP (docs/evidence-package.md). Each file is written as a
 * STORED entry straight to the output while its SHA-256 is computed (a first pass computes the CRC
 * the ZIP format needs up front), so memory does not grow with the package. After the files come
 * SHA256SUMS, public-key.pem, manifest.json (canonical JSON), manifest.sig (raw Ed25519 signature
 * over manifest.json's bytes) and, when a time-stamp authority is configured and answers,
 * manifest.tsr (RFC 3161 over SHA-256(manifest.sig)).
 */
public final class PackageWriter {

    private static final Logger log = LoggerFactory.getLogger(PackageWriter.class);
    private static final int BUFFER = 128 * 1024;

    /** Opens the bytes of one file; called twice (CRC pass, then the write). */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;

        static Source of(byte[] bytes) {
            return () -> new ByteArrayInputStream(bytes);
        }
    }

    /**
     * One file of the package: its wanted path (made unique if taken), its kind ("evidence",
     * "population", "sample", "workpapers", "report") and what the manifest says about it beside
     * path, sha256 and size (e.g. {"evidence": {...}}).
     */
    public record FileEntry(String path, String kind, Source source, Map<String, Object> describe) {
    }

    /** What was written: the manifest's SHA-256 and what the time-stamp authority did. */
    public record Written(String manifestSha256, int files, long bytes, String fingerprint, boolean timestamped,
            String timestampProblem, List<String> paths) {
    }

    private final Signer signer;
    private final Optional<TimeStamper> tsa;

    public PackageWriter(Signer signer, Optional<TimeStamper> tsa) {
        this.signer = signer;
        this.tsa = tsa;
    }

    /**
     * Writes the package to {@code out} (which it does not close).
     *
     * @param manifest everything the manifest says besides {@code files} and {@code signingKey}
     */
    public Written write(Map<String, Object> manifest, List<FileEntry> entries, Instant at, OutputStream out)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        }, BUFFER), StandardCharsets.UTF_8);
        byte[] buffer = new byte[BUFFER];
        Set<String> taken = new HashSet<>();
        taken.addAll(PackageLayout.OUTSIDE_MANIFEST);
        taken.add(PackageLayout.CHECKSUMS);
        List<Map<String, Object>> files = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        long total = 0;
        for (FileEntry e : entries) {
            String path = unique(safePath(e.path()), taken);
            long[] sizeOut = new long[1];
            String sha = entry(zip, path, e.source(), at, buffer, sizeOut);
            total += sizeOut[0];
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", path);
            f.put("sha256", sha);
            f.put("size", sizeOut[0]);
            f.put("kind", e.kind());
            if (e.describe() != null) {
                f.putAll(e.describe());
            }
            files.add(f);
            sums.append(sha).append("  ").append(path).append('\n');
        }
        byte[] sumBytes = sums.toString().getBytes(StandardCharsets.UTF_8);
        long[] sizeOut = new long[1];
        String sumSha = entry(zip, PackageLayout.CHECKSUMS, Source.of(sumBytes), at, buffer, sizeOut);
        Map<String, Object> sumFile = new LinkedHashMap<>();
        sumFile.put("path", PackageLayout.CHECKSUMS);
        sumFile.put("sha256", sumSha);
        sumFile.put("size", sizeOut[0]);
        sumFile.put("kind", "checksums");
        files.add(sumFile);

        entry(zip, PackageLayout.PUBLIC_KEY, Source.of(signer.publicKeyPem().getBytes(StandardCharsets.US_ASCII)), at,
                buffer, sizeOut);

        Map<String, Object> doc = new LinkedHashMap<>(manifest);
        doc.put("format", PackageLayout.FORMAT);
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("id", signer.keyId().toString());
        key.put("algorithm", "Ed25519");
        key.put("fingerprint", signer.fingerprint());
        doc.put("signingKey", key);
        doc.put("files", files);
        byte[] manifestBytes = CanonicalJson.write(doc);
        String manifestSha = entry(zip, PackageLayout.MANIFEST, Source.of(manifestBytes), at, buffer, sizeOut);
        byte[] sig = signer.sign(manifestBytes);
        entry(zip, PackageLayout.SIGNATURE, Source.of(sig), at, buffer, sizeOut);

        boolean stamped = false;
        String problem = null;
        if (tsa.isPresent()) {
            try {
                byte[] tsr = tsa.get().stamp(sig);
                entry(zip, PackageLayout.TIMESTAMP, Source.of(tsr), at, buffer, sizeOut);
                stamped = true;
            } catch (IOException | RuntimeException ex) {
                problem = ex.getMessage();
                log.warn("evidence package written without a time-stamp: {} ({})", tsa.get().url(), problem);
            }
        }
        zip.finish();
        zip.flush();
        return new Written(manifestSha, files.size(), total, signer.fingerprint(), stamped, problem,
                files.stream().map(f -> (String) f.get("path")).toList());
    }

    private static String entry(ZipOutputStream zip, String path, Source source, Instant at, byte[] buffer,
            long[] sizeOut) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = source.open()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        ZipEntry ze = new ZipEntry(path);
        ze.setMethod(ZipEntry.STORED);
        ze.setSize(size);
        ze.setCompressedSize(size);
        ze.setCrc(crc.getValue());
        ze.setTime(at.toEpochMilli());
        zip.putNextEntry(ze);
        MessageDigest md = dev.assayer.shared.Hashing.sha256();
        long written = 0;
        try (InputStream in = source.open()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
                zip.write(buffer, 0, n);
                written += n;
            }
        }
        zip.closeEntry(); // a STORED entry whose bytes changed between the passes fails here (CRC/size check)
        sizeOut[0] = written;
        return HexFormat.of().formatHex(md.digest());
    }

    /** Every segment of {@code path} made safe ({@link PackageLayout#safeName}), so the verifier accepts it. */
    static String safePath(String path) {
        if (PackageLayout.isSafePath(path)) {
            return path;
        }
        String[] parts = path.split("/");
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (part.isBlank() || part.equals(".") || part.equals("..")) {
                continue;
            }
            b.append(b.isEmpty() ? "" : "/").append(PackageLayout.safeName(part, 150));
        }
        return b.isEmpty() ? "file" : b.toString();
    }

    /** {@code path}, or the same with "-2", "-3", … before the extension when it is taken. */
    static String unique(String path, Set<String> taken) {
        if (taken.add(path)) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        String stem = dot > slash + 1 ? path.substring(0, dot) : path;
        String ext = dot > slash + 1 ? path.substring(dot) : "";
        for (int i = 2; ; i++) {
            String p = stem + "-" + i + ext;
            if (taken.add(p)) {
                return p;
            }
        }
    }
}
