package dev.assayer.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.assayer.packaging.internal.PackageWriter;
import dev.assayer.packaging.internal.TimeStamper;
import dev.assayer.packaging.verify.PackageLayout;
import dev.assayer.packaging.verify.PackageVerifier;
import dev.assayer.packaging.verify.VerificationResult;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.CollectionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional RFC 3161 time-stamp: requested over SHA-256(manifest.sig) from the configured
 * authority (WireMock serving tokens made here with BouncyCastle and a throwaway certificate),
 * stored as manifest.tsr and checked by the verifier.
 */
class TimeStampTest {

    static WireMockServer tsa;
    static TsaSigner signer;
    @TempDir Path tmp;

    /** A throwaway time-stamp authority. */
    static final class TsaSigner {
        final TimeStampResponseGenerator generator;
        final AtomicLong serial = new AtomicLong(1000);

        TsaSigner() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=Test TSA, O=Assayer tests");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, kp.getPublic());
            b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            X509CertificateHolder cert = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", kp.getPrivate(), cert),
                    new JcaDigestCalculatorProviderBuilder().build().get(
                            new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256")),
                    new ASN1ObjectIdentifier("1.2.3.4.1"));
            tokens.addCertificates(new CollectionStore<>(List.of(cert)));
            generator = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        }

        byte[] respond(byte[] request) throws Exception {
            return generator.generate(new TimeStampRequest(request), BigInteger.valueOf(serial.incrementAndGet()),
                    new Date()).getEncoded();
        }
    }

    /** Answers each request with a fresh token over the request's own imprint. */
    static final class TsaTransformer implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent event) {
            try {
                return Response.Builder.like(response).but().body(signer.respond(event.getRequest().getBody())).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "tsa";
        }
    }

    @BeforeAll
    static void start() throws Exception {
        signer = new TsaSigner();
        tsa = new WireMockServer(options().dynamicPort().extensions(new TsaTransformer()));
        tsa.start();
        tsa.stubFor(post(urlEqualTo("/tsa")).withHeader("Content-Type", equalTo("application/timestamp-query"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/timestamp-reply")
                        .withTransformers("tsa")));
        // a token made in advance over other bytes: its imprint and nonce do not match any request
        TimeStampRequestGenerator rg = new TimeStampRequestGenerator();
        rg.setCertReq(true);
        byte[] stale = signer.respond(rg.generate(TSPAlgorithms.SHA256,
                MessageDigest.getInstance("SHA-256").digest("other".getBytes(StandardCharsets.UTF_8)),
                BigInteger.TEN).getEncoded());
        tsa.stubFor(post(urlEqualTo("/stale")).willReturn(aResponse().withStatus(200).withBody(stale)));
        tsa.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
    }

    @AfterAll
    static void stop() {
        tsa.stop();
    }

    static Signer orgKey() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        return new Signer(UUID.randomUUID(), kp.getPublic(), kp.getPrivate());
    }

    PackageWriter.Written write(Path zip, String tsaPath) throws Exception {
        Optional<TimeStamper> stamper = Optional.of(new TimeStamper(URI.create(tsa.baseUrl() + tsaPath),
                Duration.ofSeconds(10)));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("organization", Map.of("name", "Acme"));
        manifest.put("report", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PackageWriter.Written w = new PackageWriter(orgKey(), stamper).write(manifest, List.of(
                new PackageWriter.FileEntry("evidence/a.txt", "evidence",
                        PackageWriter.Source.of("alpha\n".getBytes(StandardCharsets.UTF_8)), Map.of())),
                Instant.now(), out);
        Files.write(zip, out.toByteArray());
        return w;
    }

    @Test
    void aTimeStampOverTheSignatureIsStoredAndVerified() throws Exception {
        Path zip = tmp.resolve("p.zip");
        PackageWriter.Written w = write(zip, "/tsa");
        assertThat(w.timestamped()).isTrue();
        tsa.verify(postRequestedFor(urlEqualTo("/tsa")));
        Map<String, byte[]> entries = Zips.read(Files.readAllBytes(zip));
        assertThat(entries).containsKey(PackageLayout.TIMESTAMP);

        VerificationResult r = PackageVerifier.verify(zip, Optional.empty());
        assertThat(r.problems()).isEmpty();
        assertThat(r.timestamp()).isNotNull();
        assertThat(r.timestamp().signerCertificateIncluded()).isTrue();
        assertThat(r.timestamp().genTime()).isBetween(Instant.now().minusSeconds(600), Instant.now().plusSeconds(60));
        Zips.Run run = Zips.verify(zip);
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Time-stamped").contains("for you to decide");

        // a time-stamp taken from another package does not match this signature
        Path other = tmp.resolve("other.zip");
        write(other, "/tsa");
        Map<String, byte[]> swapped = new LinkedHashMap<>(entries);
        swapped.put(PackageLayout.TIMESTAMP, Zips.read(Files.readAllBytes(other)).get(PackageLayout.TIMESTAMP));
        Zips.Run bad = Zips.verify(tmp, Zips.write(swapped));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("manifest.tsr: time-stamp is not over SHA-256(manifest.sig)");
        Map<String, byte[]> garbled = new LinkedHashMap<>(entries);
        garbled.put(PackageLayout.TIMESTAMP, Zips.flip(entries.get(PackageLayout.TIMESTAMP), 3));
        assertThat(Zips.verify(tmp, Zips.write(garbled)).out()).contains("manifest.tsr: ");
    }

    @Test
    void aTokenThatDoesNotAnswerTheRequestOrAnUnreachableAuthorityLeavesThePackageUnstamped() throws Exception {
        for (String path : List.of("/stale", "/down")) {
            Path zip = tmp.resolve(path.substring(1) + ".zip");
            PackageWriter.Written w = write(zip, path);
            assertThat(w.timestamped()).as(path).isFalse();
            assertThat(w.timestampProblem()).as(path).isNotBlank();
            assertThat(Zips.read(Files.readAllBytes(zip))).doesNotContainKey(PackageLayout.TIMESTAMP);
            assertThat(PackageVerifier.verify(zip, Optional.empty()).intact()).isTrue();
        }
    }
}
