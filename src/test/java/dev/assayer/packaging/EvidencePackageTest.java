package dev.assayer.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.identity.IdentityService;
import dev.assayer.packaging.verify.PackageLayout;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6 §4: the signed evidence package of a realistic engagement verifies, and any change to
 * any entry — one flipped byte, a removed file, an added file — is caught and named.
 */
class EvidencePackageTest extends IntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired PopulationService populations;
    @Autowired ActivityLog activity;
    @Autowired MockMvc mvc;

    @TempDir Path tmp;
    PackageFixture fx;

    @BeforeEach
    void setUp() {
        fx = PackageFixture.create(identity, engagements, access, controls, evidence, populations);
    }

    byte[] export(String bearer) throws Exception {
        MockHttpServletResponse res = mvc.perform(get(fx.url()).header("Authorization", bearer))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(res.getContentType()).isEqualTo("application/zip");
        assertThat(res.getHeader("Content-Disposition")).contains("attachment").contains("evidence-package-soc-2-type-ii-");
        return res.getContentAsByteArray();
    }

    static JsonNode manifest(Map<String, byte[]> entries) {
        return JSON.readTree(new String(entries.get(PackageLayout.MANIFEST), StandardCharsets.UTF_8));
    }

    static JsonNode file(JsonNode manifest, String prefix) {
        for (JsonNode f : manifest.path("files")) {
            if (f.path("path").asString().startsWith(prefix)) {
                return f;
            }
        }
        throw new AssertionError("no file " + prefix + "* in the manifest");
    }

    @Test
    void auditorsPackageHoldsEvidenceWithProvenancePopulationsSamplesAndWorkpapersAndVerifies() throws Exception {
        byte[] zip = export(fx.in().bearer(Role.AUDIT_STAFF));
        Map<String, byte[]> entries = Zips.read(zip);
        JsonNode m = manifest(entries);

        assertThat(m.path("format").asString()).isEqualTo(PackageLayout.FORMAT);
        assertThat(m.path("organization").path("name").asString()).isEqualTo(fx.client().name());
        assertThat(m.path("engagement").path("name").asString()).isEqualTo(fx.engagement().name());
        assertThat(m.path("engagement").path("periodStart").asString()).isEqualTo(PackageFixture.START.toString());
        assertThat(m.path("engagement").path("type").asString()).isEqualTo("SOC 2 Type II");
        assertThat(m.path("generatedBy").asString()).isEqualTo(fx.in().user(Role.AUDIT_STAFF).label());
        assertThat(m.path("report").isNull()).as("no report version generated yet").isTrue();
        assertThat(m.path("fieldwork").path("included").asBoolean()).isTrue();
        assertThat(m.path("fieldwork").path("firm").path("name").asString()).isEqualTo(fx.firm().name());

        // evidence in the period, exactly as uploaded, with provenance, controls and criteria
        String reviewPath = "evidence/" + fx.review().id() + "-access_review_Q2_final_.csv";
        assertThat(entries).containsKey(reviewPath);
        assertThat(new String(entries.get(reviewPath), StandardCharsets.UTF_8)).isEqualTo("user,decision\nalice,keep\nbob,revoke\n");
        JsonNode rf = file(m, reviewPath);
        assertThat(rf.path("sha256").asString()).isEqualTo(fx.review().sha256());
        assertThat(rf.path("size").asLong()).isEqualTo(fx.review().size());
        JsonNode ev = rf.path("evidence");
        assertThat(ev.path("title").asString()).isEqualTo("Q2 access review (AWS)");
        assertThat(ev.path("effectiveDate").asString()).isEqualTo(fx.review().effectiveDate().toString());
        assertThat(ev.path("controls").toString()).isEqualTo("[\"AC-01\"]");
        assertThat(ev.path("criteria").toString()).isEqualTo("[\"CC6.2\",\"CC6.3\"]");
        assertThat(ev.path("provenance").path("collectedBy").asString()).isEqualTo("A. Ops, platform team");
        assertThat(ev.path("provenance").path("method").asString()).isEqualTo("SYSTEM_EXPORT");
        assertThat(ev.path("provenance").path("sourceSystem").asString()).isEqualTo("AWS IAM");
        assertThat(ev.path("provenance").path("uploadedBy").asString()).isEqualTo(fx.review().uploadedByLabel());
        assertThat(ev.path("provenance").path("originalSha256").asString()).isEqualTo(fx.review().sha256());
        JsonNode cf = file(m, "evidence/" + fx.config().id());
        assertThat(cf.path("evidence").path("periodStart").asString()).isEqualTo(fx.config().periodStart().toString());
        assertThat(cf.path("evidence").path("criteria").toString()).isEqualTo("[\"CC8.1\"]");
        assertThat(m.path("links").get(0).path("url").asString()).isEqualTo("https://jira.example.test/CHG");
        // outside the period and withdrawn evidence stay out
        assertThat(entries.keySet()).noneMatch(n -> n.contains(fx.outside().id().toString()))
                .noneMatch(n -> n.contains(fx.withdrawn().id().toString()));

        // the population with its C&A record, the sample with its seed, the workpapers
        JsonNode pf = file(m, "populations/" + fx.population().id() + "-v1-");
        assertThat(pf.path("sha256").asString()).isEqualTo(fx.population().latest().sha256());
        JsonNode ca = pf.path("population").path("completenessAndAccuracy");
        assertThat(ca.path("sourceSystem").asString()).isEqualTo("GitHub");
        assertThat(ca.path("query").asString()).isEqualTo("gh pr list --state merged --base main");
        assertThat(ca.path("extractedBy").asString()).isEqualTo("J. Diaz, platform lead");
        assertThat(ca.path("rows").asLong()).isEqualTo(40);
        JsonNode sf = file(m, "samples/" + fx.sample().sample().id());
        assertThat(sf.path("sample").path("seed").asString()).isEqualTo("pkg-2026");
        assertThat(sf.path("sample").path("method").asString()).isEqualTo("random");
        assertThat(sf.path("sample").path("populationSha256").asString()).isEqualTo(fx.population().latest().sha256());
        assertThat(sf.path("sample").path("populationPath").asString()).isEqualTo(pf.path("path").asString());
        assertThat(new String(entries.get(sf.path("path").asString()), StandardCharsets.UTF_8))
                .isEqualTo(fx.sample().selectionJson() + System.lineSeparator());
        assertThat(entries).containsKey("workpapers/workpapers.json");
        assertThat(JSON.readTree(new String(entries.get("workpapers/workpapers.json"), StandardCharsets.UTF_8))
                .path("engagement").path("id").asString()).isEqualTo(fx.id().toString());

        // SHA256SUMS lists every other file; the manifest is canonical JSON
        String sums = new String(entries.get(PackageLayout.CHECKSUMS), StandardCharsets.UTF_8);
        assertThat(sums).contains(fx.review().sha256() + "  " + reviewPath + "\n");
        assertThat(sums.lines().count()).isEqualTo(m.path("files").size() - 1);
        assertThat(dev.assayer.packaging.verify.CanonicalJson.write(JSON.readValue(entries.get(PackageLayout.MANIFEST),
                Object.class))).isEqualTo(entries.get(PackageLayout.MANIFEST));
        assertThat(entries.get(PackageLayout.SIGNATURE)).hasSize(64);

        Zips.Run ok = Zips.verify(tmp, zip);
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("Intact").contains(m.path("signingKey").path("fingerprint").asString().substring(0, 4));

        // the export is logged with the manifest's SHA-256
        List<ActivityEntry> log = activity.recent(fx.client().id(), "evidence-package", fx.id().toString(), 5);
        assertThat(log).isNotEmpty();
        assertThat(log.getFirst().action()).isEqualTo("exported");
        assertThat(String.valueOf(log.getFirst().after())).contains(Hashing.sha256Hex(entries.get(PackageLayout.MANIFEST)));
    }

    @Test
    void everyEntryOfThePackageIsProtected() throws Exception {
        byte[] zip = export(fx.in().bearer(Role.AUDIT_MANAGER));
        Map<String, byte[]> entries = Zips.read(zip);
        assertThat(entries.keySet()).contains(PackageLayout.MANIFEST, PackageLayout.SIGNATURE, PackageLayout.PUBLIC_KEY,
                PackageLayout.CHECKSUMS, "workpapers/workpapers.json").anyMatch(n -> n.startsWith("populations/"))
                .anyMatch(n -> n.startsWith("samples/")).anyMatch(n -> n.startsWith("evidence/"));
        assertThat(Zips.verify(tmp, Zips.write(entries)).code()).as("re-zipped unchanged").isZero();

        for (String name : entries.keySet()) {
            byte[] content = entries.get(name);
            for (int at : new int[] {0, content.length / 2, content.length - 1}) {
                Map<String, byte[]> changed = new LinkedHashMap<>(entries);
                changed.put(name, Zips.flip(content, at));
                Zips.Run r = Zips.verify(tmp, Zips.write(changed));
                assertThat(r.code()).as("byte " + at + " of " + name + " flipped: " + r.out() + r.err()).isEqualTo(1);
                assertThat(r.out()).as("names " + name).contains(name);
                if (name.equals(PackageLayout.MANIFEST) || name.equals(PackageLayout.SIGNATURE)) {
                    assertThat(r.out()).contains("manifest.json: signature invalid");
                } else if (name.equals(PackageLayout.PUBLIC_KEY)) {
                    assertThat(r.out()).contains("public-key.pem: ");
                } else if (!name.equals(PackageLayout.SIGNATURE) && !name.equals(PackageLayout.PUBLIC_KEY)) {
                    assertThat(r.out()).contains(name + ": file differs");
                }
            }

            Map<String, byte[]> removed = new LinkedHashMap<>(entries);
            removed.remove(name);
            Zips.Run r = Zips.verify(tmp, Zips.write(removed));
            if (name.equals(PackageLayout.MANIFEST)) {
                assertThat(r.code()).as("no manifest: not an evidence package").isEqualTo(2);
                assertThat(r.err()).contains("no manifest.json");
            } else {
                assertThat(r.code()).as(name + " removed: " + r.out()).isEqualTo(1);
                assertThat(r.out()).contains(name + ": ").containsAnyOf("file missing", "missing:");
            }
        }

        Map<String, byte[]> added = new LinkedHashMap<>(entries);
        added.put("evidence/extra.pdf", "%PDF-1.7 slipped in".getBytes(StandardCharsets.UTF_8));
        Zips.Run r = Zips.verify(tmp, Zips.write(added));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("evidence/extra.pdf: file added");

        // a raw byte flipped inside the ZIP (no re-zipping): the entry's CRC no longer matches
        String victim = entries.keySet().stream().filter(n -> n.startsWith("evidence/")).findFirst().orElseThrow();
        byte[] raw = zip.clone();
        int at = indexOf(raw, entries.get(victim));
        raw[at] ^= 0x01;
        r = Zips.verify(tmp, raw);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(victim + ":");

        // duplicate names and path traversal
        List<Map.Entry<String, byte[]>> dup = new ArrayList<>(entries.entrySet());
        String placeholder = victim.replace("evidence/", "evidencX/"); // same length; renamed in the bytes below
        dup.add(new AbstractMap.SimpleEntry<>(placeholder, "other bytes".getBytes(StandardCharsets.UTF_8)));
        dup.add(new AbstractMap.SimpleEntry<>("../../etc/cron.d/x", "* * * * * root true".getBytes(StandardCharsets.UTF_8)));
        byte[] withDup = Zips.write(dup);
        String latin = new String(withDup, StandardCharsets.ISO_8859_1).replace(placeholder, victim);
        r = Zips.verify(tmp, latin.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(victim + ": duplicate entry").contains("../../etc/cron.d/x: unsafe entry name")
                .contains("../../etc/cron.d/x: file added");
    }

    @Test
    void theFormatChecksWithOpensslAndSha256sumAlone() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl) && Files.isExecutable(Path.of("/usr/bin/sha256sum")),
                "openssl and sha256sum are installed");
        byte[] zip = export(fx.client().bearer(Role.COMPLIANCE_MANAGER));
        Path dir = Files.createDirectories(tmp.resolve("unzipped"));
        for (Map.Entry<String, byte[]> e : Zips.read(zip).entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        // exactly the commands of docs/evidence-package.md
        assertThat(sh(dir, "openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json"
                + " -sigfile manifest.sig")).contains("Signature Verified Successfully");
        String fp = JSON.readTree(Files.readString(dir.resolve("manifest.json"))).path("signingKey").path("fingerprint")
                .asString();
        assertThat(sh(dir, "openssl pkey -pubin -in public-key.pem -outform DER | sha256sum")).startsWith(fp + " ");
        String listed = sh(dir, "grep -o '\"path\":\"SHA256SUMS\",\"sha256\":\"[0-9a-f]*\"' manifest.json"
                + " | sed 's/.*\"sha256\":\"\\([0-9a-f]*\\)\"/\\1/'").strip();
        assertThat(sh(dir, "sha256sum SHA256SUMS")).startsWith(listed + " ");
        assertThat(sh(dir, "sha256sum -c SHA256SUMS")).contains(": OK").doesNotContain("FAILED");

        Path ev = Files.list(dir.resolve("evidence")).findFirst().orElseThrow();
        Files.write(ev, "tampered".getBytes(StandardCharsets.UTF_8));
        assertThat(run(dir, "sha256sum -c SHA256SUMS").code).isNotZero();
        Files.write(dir.resolve("manifest.json"), Files.readString(dir.resolve("manifest.json")).replace("SOC 2", "SOC 3")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(run(dir, "openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json"
                + " -sigfile manifest.sig").code).isNotZero();
    }

    @Test
    void aClientMembersPackageHasTheEvidenceButNotTheFirmsWorkpapers() throws Exception {
        byte[] zip = export(fx.client().bearer(Role.ADMIN));
        Map<String, byte[]> entries = Zips.read(zip);
        JsonNode m = manifest(entries);
        assertThat(entries.keySet()).anyMatch(n -> n.startsWith("evidence/" + fx.review().id()))
                .noneMatch(n -> n.startsWith("populations/") || n.startsWith("samples/") || n.startsWith("workpapers/"));
        assertThat(m.path("fieldwork").path("included").asBoolean()).isFalse();
        assertThat(m.path("fieldwork").path("reason").asString()).contains("audit firm");
        assertThat(m.path("generatedBy").asString()).isEqualTo(fx.client().admin().label());
        assertThat(Zips.verify(tmp, zip).code()).isZero();
    }

    record Proc(int code, String out) {
    }

    static Proc run(Path dir, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Proc(p.exitValue(), out);
    }

    static String sh(Path dir, String command) throws IOException, InterruptedException {
        Proc p = run(dir, command);
        assertThat(p.code()).as(command + " → " + p.out()).isZero();
        return p.out();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + needle.length / 2;
        }
        throw new AssertionError("not found");
    }
}
