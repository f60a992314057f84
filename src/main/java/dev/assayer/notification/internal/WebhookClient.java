package dev.assayer.notification.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Posts a signed JSON document to an organization's webhook. Headers: {@code X-Assayer-Event},
 * {@code X-Assayer-Delivery} (the same on every retry: receivers de-duplicate with it),
 * {@code X-Assayer-Timestamp} (Unix seconds) and {@code X-Assayer-Signature}
 * ({@code v1=} hex HMAC-SHA256 of timestamp + "." + body, keyed with the secret). Redirects are
 * not followed; any 2xx answer is success.
 *
 * <p>It uses Apache HttpClient 5 with a {@link DnsResolver} of its own for each call, which answers
 * the URL's host with exactly the addresses {@link WebhookTargets#vet} checked (and refuses any
 * other name), so the host is never resolved again (no DNS rebinding). No proxy, no redirects, no
 * retries (the outbox retries), no cookies, no connection kept after the call. TLS is the library's
 * default: the URL's host name is sent as SNI and the certificate is verified against it. Only the
 * status of the answer is read; its body is neither read nor drained.
 */
@Component
public class WebhookClient {

    public static final String EVENT = "X-Assayer-Event";
    public static final String DELIVERY = "X-Assayer-Delivery";
    public static final String TIMESTAMP = "X-Assayer-Timestamp";
    public static final String SIGNATURE = "X-Assayer-Signature";
    static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);
    static final Timeout RESPONSE_TIMEOUT = Timeout.ofSeconds(10);
    static final String USER_AGENT = "Assayer-Webhook/1";
    /** Limits on the answer's head (a receiver is not trusted to keep it small). */
    private static final Http1Config HEAD_LIMITS = Http1Config.custom()
            .setMaxLineLength(8_192)
            .setMaxHeaderCount(100)
            .build();
    private static final ContentType JSON = ContentType.create("application/json", StandardCharsets.UTF_8);

    private final SSLContext tls;

    @Autowired
    public WebhookClient() {
        this(defaultTls());
    }

    /** With the TLS settings given (tests trust their own certificate this way). */
    public WebhookClient(SSLContext tls) {
        this.tls = tls;
    }

    public void post(WebhookTargets.Target target, String secret, UUID deliveryId, String event, String body,
            Instant now) {
        long timestamp = now.getEpochSecond();
        if (!printableAscii(target.pathAndQuery()) || !printableAscii(target.hostHeader())) {
            throw new DeliveryFailure("the webhook URL is not valid", true);
        }
        HttpHost host = new HttpHost(target.https() ? "https" : "http", target.host(), target.port());
        ClassicHttpRequest request = new BasicClassicHttpRequest("POST", host, target.pathAndQuery());
        try {
            request.setAuthority(URIAuthority.create(target.hostHeader())); // the Host header, as in the URL
        } catch (URISyntaxException e) {
            throw new DeliveryFailure("the webhook URL is not valid", true);
        }
        request.setHeader(EVENT, event);
        request.setHeader(DELIVERY, deliveryId.toString());
        request.setHeader(TIMESTAMP, Long.toString(timestamp));
        request.setHeader(SIGNATURE, NotificationRules.signature(secret, timestamp, body));
        request.setHeader(HttpHeaders.CONNECTION, "close");
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), JSON));

        int status;
        CloseableHttpClient client = clientFor(target);
        try {
            // the response is deliberately not closed: closing it would drain the body; closing the
            // client below drops the connection instead
            ClassicHttpResponse response = client.executeOpen(host, request, null);
            status = response.getCode();
        } catch (IOException e) {
            throw new DeliveryFailure(describe(e), false);
        } finally {
            client.close(CloseMode.IMMEDIATE);
        }
        if (status < 200 || status > 299) {
            throw new DeliveryFailure("the webhook answered HTTP " + status, false);
        }
    }

    /** A single-use client whose only route is the vetted addresses of {@code target}. */
    private CloseableHttpClient clientFor(WebhookTargets.Target target) {
        BasicHttpClientConnectionManager connections = BasicHttpClientConnectionManager.create(
                DefaultSchemePortResolver.INSTANCE, new VettedAddresses(target.host(), target.addresses()),
                RegistryBuilder.<TlsSocketStrategy>create().register("https", new DefaultClientTlsStrategy(tls)).build(),
                ManagedHttpClientConnectionFactory.builder()
                        .http1Config(HEAD_LIMITS)
                        // strict: an answer that does not start with a status line fails (the client's
                        // default parser skips such lines, reporting "no answer")
                        .responseParserFactory(new DefaultHttpResponseParserFactory(HEAD_LIMITS))
                        .build());
        connections.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(CONNECT_TIMEOUT)
                .setSocketTimeout(RESPONSE_TIMEOUT)
                .build());
        connections.setTlsConfig(TlsConfig.custom().setHandshakeTimeout(RESPONSE_TIMEOUT).build());
        return HttpClients.custom() // not useSystemProperties(): no proxy
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(RESPONSE_TIMEOUT)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /**
     * Answers the webhook's host name with the addresses just vetted, and nothing else: the client
     * never asks the system resolver.
     */
    record VettedAddresses(String host, List<InetAddress> addresses) implements DnsResolver {

        VettedAddresses {
            addresses = List.copyOf(addresses);
        }

        @Override
        public InetAddress[] resolve(String name) throws UnknownHostException {
            String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
            if (!bare.equalsIgnoreCase(host) || addresses.isEmpty()) {
                throw new UnknownHostException(name + " is not the vetted webhook host");
            }
            return addresses.toArray(InetAddress[]::new);
        }

        @Override
        public String resolveCanonicalHostname(String name) throws UnknownHostException {
            resolve(name);
            return name;
        }
    }

    /** The failure as the delivery log shows it (no secret: the request is not part of it). */
    private static String describe(IOException e) {
        if (e instanceof NoHttpResponseException) {
            return "the webhook closed the connection without an answer";
        }
        if (e.getCause() instanceof ProtocolException) {
            return "the webhook's answer is not HTTP/1.x";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static boolean printableAscii(String s) {
        return s.chars().allMatch(c -> c > 32 && c < 127);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("TLS is required by the Java platform", e);
        }
    }
}
