package dev.assayer.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The webhook client (Apache HttpClient with a resolver that knows only the vetted addresses)
 * connects to the vetted address it is given, never resolving the host again, and still verifies
 * the server's certificate against the URL's host name.
 */
class WebhookClientTest {

    static final String SECRET = "whsec_test";
    static final char[] PASSWORD = "changeit".toCharArray();

    /** A server on 127.0.0.1 that answers one request with {@code answer} and hands back the request it read. */
    static CompletableFuture<List<String>> serveOnce(ServerSocket server, String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                int length = 0;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    lines.add(line);
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
                lines.add(new String(body));
                OutputStream out = s.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return lines;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static WebhookTargets.Target target(boolean https, String host, int port) {
        return new WebhookTargets.Target(https, host, port, host + ":" + port, "/in/abc?x=1",
                List.of(InetAddress.getLoopbackAddress()));
    }

    @Test
    void postsTheSignedBodyToTheVettedAddressWithTheUrlsHost() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var request = serveOnce(server, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            UUID id = UUID.randomUUID();
            Instant now = Instant.parse("2026-11-23T06:00:00Z");
            // the host does not resolve anywhere: only the vetted address is used
            new WebhookClient().post(target(false, "hooks.invalid", server.getLocalPort()), SECRET, id,
                    "notification.test", "{\"a\":1}", now);
            List<String> lines = request.get(10, TimeUnit.SECONDS);
            assertThat(lines.getFirst()).isEqualTo("POST /in/abc?x=1 HTTP/1.1");
            assertThat(lines).contains("Host: hooks.invalid:" + server.getLocalPort(), "X-Assayer-Event: notification.test",
                    "X-Assayer-Delivery: " + id, "X-Assayer-Timestamp: " + now.getEpochSecond(),
                    "X-Assayer-Signature: " + NotificationRules.signature(SECRET, now.getEpochSecond(), "{\"a\":1}"),
                    "Connection: close", "User-Agent: Assayer-Webhook/1", "Content-Length: 7");
            assertThat(lines).anySatisfy(l -> assertThat(l).isEqualToIgnoringCase("Content-Type: application/json; charset=utf-8"));
            assertThat(lines.getLast()).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void triesEachVettedAddressInTurnAndSendsTheHostHeaderAsInTheUrl() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var request = serveOnce(server, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            // nothing listens on 127.0.0.2: the client moves on to the next vetted address
            var target = new WebhookTargets.Target(false, "hooks.invalid", server.getLocalPort(), "hooks.invalid",
                    "/", List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.1")));
            new WebhookClient().post(target, SECRET, UUID.randomUUID(), "e", "{}", Instant.now());
            List<String> lines = request.get(10, TimeUnit.SECONDS);
            assertThat(lines.getFirst()).isEqualTo("POST / HTTP/1.1");
            assertThat(lines).contains("Host: hooks.invalid");
        }
    }

    @Test
    void theResolverAnswersOnlyTheWebhooksHostWithTheVettedAddresses() throws Exception {
        InetAddress vetted = InetAddress.getByName("203.0.113.7");
        var resolver = new WebhookClient.VettedAddresses("hooks.acme.test", List.of(vetted));
        assertThat(resolver.resolve("HOOKS.acme.test")).containsExactly(vetted);
        assertThatThrownBy(() -> resolver.resolve("169.254.169.254")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> resolver.resolve("localhost")).isInstanceOf(UnknownHostException.class);
        var literal = new WebhookClient.VettedAddresses("::1", List.of(InetAddress.getByName("::1")));
        assertThat(literal.resolve("[::1]")).containsExactly(InetAddress.getByName("::1"));
    }

    @Test
    void aUrlThatCannotBeSentAsIsIsAPermanentFailure() {
        var target = new WebhookTargets.Target(false, "hooks.invalid", 1, "hooks.invalid:1", "/caf\u00e9",
                List.of(InetAddress.getLoopbackAddress()));
        assertThatThrownBy(() -> new WebhookClient().post(target, SECRET, UUID.randomUUID(), "e", "{}", Instant.now()))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.getMessage()).isEqualTo("the webhook URL is not valid");
                    assertThat(f.permanent()).isTrue();
                });
    }

    @Test
    void aNon2xxAnswerOrNoHttpAtAllIsARetryableFailure() throws Exception {
        for (String[] c : new String[][] {{"HTTP/1.1 500 Oops\r\n\r\n", "HTTP 500"},
                {"HTTP/1.0 302 Found\r\nLocation: http://169.254.169.254/\r\n\r\n", "HTTP 302"},
                {"SSH-2.0-OpenSSH\r\n", "not HTTP/1.x"},
                {"HTTP/1.1 200 OK\r\nX-Padding: " + "a".repeat(9_000) + "\r\n\r\n", "line length"},
                {"", "closed the connection without an answer"}}) {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                serveOnce(server, c[0]);
                assertThatThrownBy(() -> new WebhookClient().post(target(false, "hooks.invalid", server.getLocalPort()),
                        SECRET, UUID.randomUUID(), "e", "{}", Instant.now()))
                        .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                            assertThat(f.getMessage()).contains(c[1]);
                            assertThat(f.permanent()).isFalse();
                        });
            }
        }
    }

    @Test
    void tlsVerifiesTheCertificateAgainstTheUrlsHostNotTheAddress() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair keys = g.generateKeyPair();
        X500Name name = new X500Name("CN=hooks.acme.test");
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "hooks.acme.test")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore serverKeys = KeyStore.getInstance("PKCS12");
        serverKeys.load(null, null);
        serverKeys.setKeyEntry("server", keys.getPrivate(), PASSWORD, new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("hooks", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        WebhookClient client = new WebhookClient(clientTls);

        try (SSLServerSocket server = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            var request = serveOnce(server, "HTTP/1.1 204 No Content\r\n\r\n");
            client.post(target(true, "hooks.acme.test", server.getLocalPort()), SECRET, UUID.randomUUID(), "e", "{}",
                    Instant.now());
            assertThat(request.get(10, TimeUnit.SECONDS)).contains("Host: hooks.acme.test:" + server.getLocalPort());

            serveOnce(server, "HTTP/1.1 204 No Content\r\n\r\n").exceptionally(e -> List.of());
            assertThatThrownBy(() -> client.post(target(true, "other.acme.test", server.getLocalPort()), SECRET,
                    UUID.randomUUID(), "e", "{}", Instant.now()))
                    .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.getMessage()).contains("SSL"));
        }
    }
}
