package dev.assayer.notification.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Posts a signed JSON document to an organization's webhook. Headers: {@code X-Assayer-Event},
 * {@code X-Assayer-Delivery} (the same on every retry: receivers de-duplicate with it),
 * {@code X-Assayer-Timestamp} (Unix seconds) and {@code X-Assayer-Signature}
 * ({@code v1=} hex HMAC-SHA256 of timestamp + "." + body, keyed with the secret). Redirects are
 * not followed; any 2xx answer is success.
 *
 * <p>It connects to the addresses {@link WebhookTargets#vet} checked, never resolving the host
 * again (java.net.http cannot be given the address to connect to, so this speaks HTTP/1.1 itself:
 * one POST with {@code Connection: close}, then only the status line is read). TLS still verifies
 * the certificate against the URL's host name and sends it as SNI.
 */
@Component
public class WebhookClient {

    public static final String EVENT = "X-Assayer-Event";
    public static final String DELIVERY = "X-Assayer-Delivery";
    public static final String TIMESTAMP = "X-Assayer-Timestamp";
    public static final String SIGNATURE = "X-Assayer-Signature";
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_LINE = 8_192;

    private final SSLSocketFactory tls;

    @Autowired
    public WebhookClient() {
        this(defaultTls());
    }

    /** With the TLS settings given (tests trust their own certificate this way). */
    public WebhookClient(SSLSocketFactory tls) {
        this.tls = tls;
    }

    public void post(WebhookTargets.Target target, String secret, UUID deliveryId, String event, String body,
            Instant now) {
        long timestamp = now.getEpochSecond();
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + target.pathAndQuery() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: " + payload.length + "\r\n"
                + "User-Agent: Assayer-Webhook/1\r\n"
                + EVENT + ": " + event + "\r\n"
                + DELIVERY + ": " + deliveryId + "\r\n"
                + TIMESTAMP + ": " + timestamp + "\r\n"
                + SIGNATURE + ": " + NotificationRules.signature(secret, timestamp, body) + "\r\n"
                + "Connection: close\r\n\r\n";
        if (head.chars().anyMatch(c -> c > 126)) {
            throw new DeliveryFailure("the webhook URL is not valid", true);
        }
        int status;
        try (Socket socket = connect(target)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            status = readStatus(new java.io.BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            String m = e.getMessage();
            throw new DeliveryFailure(e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m), false);
        }
        if (status < 200 || status > 299) {
            throw new DeliveryFailure("the webhook answered HTTP " + status, false);
        }
    }

    /** A connection to the first vetted address that answers, wrapped in TLS for https. */
    private Socket connect(WebhookTargets.Target target) throws IOException {
        IOException last = null;
        List<InetAddress> addresses = target.addresses();
        for (InetAddress address : addresses) {
            Socket raw = new Socket();
            try {
                raw.connect(new InetSocketAddress(address, target.port()), CONNECT_TIMEOUT_MS);
                raw.setSoTimeout(READ_TIMEOUT_MS);
                if (!target.https()) {
                    return raw;
                }
                SSLSocket ssl = (SSLSocket) tls.createSocket(raw, target.host(), target.port(), true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
                if (target.host().indexOf(':') < 0 && !target.host().matches("[0-9.]+")) {
                    params.setServerNames(List.of(new SNIHostName(target.host())));
                }
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                return ssl;
            } catch (IOException e) {
                raw.close();
                last = e;
                if (e instanceof javax.net.ssl.SSLException) {
                    throw e; // the host answered; another address of it would not be more trustworthy
                }
            }
        }
        throw last == null ? new IOException("no address to connect to") : last;
    }

    /** The status code of the final response (interim 1xx responses skipped). */
    static int readStatus(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new IOException("the webhook closed the connection without an answer");
            }
            if (!line.startsWith("HTTP/1.") || line.length() < 12 || !line.substring(9, 12).chars().allMatch(Character::isDigit)) {
                throw new IOException("the webhook's answer is not HTTP/1.x");
            }
            int status = Integer.parseInt(line.substring(9, 12));
            if (status >= 200 || status < 100) {
                return status;
            }
            String header;
            do { // skip the interim response's headers
                header = readLine(in);
            } while (header != null && !header.isEmpty());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("the webhook's answer has a line longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("TLS is required by the Java platform", e);
        }
    }
}
