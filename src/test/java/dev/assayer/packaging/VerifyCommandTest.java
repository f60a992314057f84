package dev.assayer.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.packaging.internal.PackageWriter;
import dev.assayer.packaging.verify.Ed25519Keys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code assayer verify}: exit codes, messages without stack traces, --key and --json. */
class VerifyCommandTest {

    @TempDir Path tmp;

    byte[] pkg(KeyPair kp) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PackageWriter(new Signer(UUID.randomUUID(), kp.getPublic(), kp.getPrivate()), Optional.empty()).write(
                new LinkedHashMap<>(Map.of("organization", Map.of("name", "Acme Ltd"), "engagement",
                        Map.of("name", "SOC 2 Type II 2026"), "generatedAt", "2026-07-01T00:00:00Z")),
                List.of(new PackageWriter.FileEntry("evidence/a b.txt", "evidence",
                                PackageWriter.Source.of("alpha".getBytes(StandardCharsets.UTF_8)), Map.of()),
                        new PackageWriter.FileEntry("evidence/a b.txt", "evidence",
                                PackageWriter.Source.of("beta".getBytes(StandardCharsets.UTF_8)), Map.of())),
                Instant.now(), out);
        return out.toByteArray();
    }

    @Test
    void intactPackageExitsZeroAndPrintsTheFingerprintToCompare() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path zip = Files.write(tmp.resolve("p.zip"), pkg(kp));
        Zips.Run r = Zips.verify(zip);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Acme Ltd, SOC 2 Type II 2026").contains(Ed25519Keys.grouped(
                Ed25519Keys.fingerprint(kp.getPublic()))).contains("compare it with the fingerprint");

        Path key = Files.writeString(tmp.resolve("k.pem"), Ed25519Keys.pem(kp.getPublic()).replace("\n", "\r\n"));
        Zips.Run pinned = Zips.verify(zip, "--key", key.toString(), "--json");
        assertThat(pinned.code()).isZero();
        JsonNode j = JsonMapper.builder().build().readTree(pinned.out());
        assertThat(j.path("intact").asBoolean()).isTrue();
        assertThat(j.path("keyPinned").asBoolean()).isTrue();
        assertThat(j.path("fingerprint").asString()).isEqualTo(Ed25519Keys.fingerprint(kp.getPublic()));
        assertThat(j.path("problems")).isEmpty();

        Map<String, byte[]> entries = Zips.read(Files.readAllBytes(zip));
        assertThat(entries).containsKeys("evidence/a_b.txt", "evidence/a_b-2.txt");
    }

    @Test
    void aChangedPackageExitsOneNamingEachFileInJsonToo() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Map<String, byte[]> entries = Zips.read(pkg(kp));
        entries.put("evidence/a_b.txt", "ALPHA".getBytes(StandardCharsets.UTF_8));
        entries.remove("evidence/a_b-2.txt");
        entries.put("notes.txt", "hi".getBytes(StandardCharsets.UTF_8));
        Zips.Run r = Zips.verify(tmp, Zips.write(entries), "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode j = JsonMapper.builder().build().readTree(r.out());
        assertThat(j.path("intact").asBoolean()).isFalse();
        assertThat(j.path("problems").toString()).contains("\"path\":\"evidence/a_b.txt\"").contains("FILE_DIFFERS")
                .contains("\"path\":\"evidence/a_b-2.txt\"").contains("FILE_MISSING")
                .contains("\"path\":\"notes.txt\"").contains("FILE_ADDED");
        // a key that is not the organization's: the package's own key verifies, but the pinned one does not
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path key = Files.writeString(tmp.resolve("other.pem"), Ed25519Keys.pem(other.getPublic()));
        Zips.Run wrongKey = Zips.verify(tmp, pkg(kp), "--key", key.toString());
        assertThat(wrongKey.code()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("manifest.json: signature invalid").contains("not the pinned key");
    }

    @Test
    void unreadableInputExitsTwoWithAMessageAndNoStackTrace() throws Exception {
        Zips.Run missing = Zips.verify(tmp.resolve("nope.zip"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").doesNotContain("Exception").doesNotContain("\tat ");

        Path text = Files.writeString(tmp.resolve("notes.zip"), "this is not a zip archive\n".repeat(50));
        Zips.Run notZip = Zips.verify(text);
        assertThat(notZip.code()).isEqualTo(2);
        assertThat(notZip.err()).contains("not a ZIP").doesNotContain("\tat ");

        Path noManifest = Files.write(tmp.resolve("plain.zip"), Zips.write(Map.of("a.txt", new byte[] {1, 2})));
        Zips.Run plain = Zips.verify(noManifest);
        assertThat(plain.code()).isEqualTo(2);
        assertThat(plain.err()).contains("no manifest.json");

        Path truncated = Files.write(tmp.resolve("cut.zip"), java.util.Arrays.copyOf(
                pkg(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()), 60));
        Zips.Run cut = Zips.verify(truncated);
        assertThat(cut.code()).isEqualTo(2);
        assertThat(cut.err()).doesNotContain("\tat ");

        Path badKey = Files.writeString(tmp.resolve("bad.pem"), "hello");
        Zips.Run k = Zips.verify(noManifest, "--key", badKey.toString());
        assertThat(k.code()).isEqualTo(2);
        assertThat(k.err()).contains("bad.pem").contains("not a PEM public key");

        Zips.Run usage = Zips.verify(noManifest, "--bogus");
        assertThat(usage.code()).isEqualTo(2);
    }
}
