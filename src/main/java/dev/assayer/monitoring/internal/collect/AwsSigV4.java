package dev.assayer.monitoring.internal.collect;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for requests signed in headers: canonical request, string to sign,
 * the derived signing key (date → region → service → "aws4_request") and the Authorization header.
 * Pure; checked against the values AWS publishes for its signing test suite.
 */
public final class AwsSigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** Credentials; {@link #toString()} never shows the secret or the session token. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Credentials[accessKeyId=…, secretAccessKey=…, sessionToken=" + (sessionToken == null ? "none" : "…")
                    + "]";
        }
    }

    /** What signing produced: the headers to send and, for tests and diagnostics, the intermediate strings. */
    public record Signed(Map<String, String> headers, String canonicalRequest, String stringToSign, String signature) {
        @Override
        public String toString() {
            return "Signed[signature=" + signature + "]";
        }
    }

    private AwsSigV4() {
    }

    /**
     * Signs a request. {@code headers} are the headers the caller will send (besides Host, which the
     * HTTP client derives from the URI); all of them are signed. Returns them plus x-amz-date,
     * x-amz-security-token (with a session token) and Authorization.
     */
    public static Signed sign(String method, URI uri, Map<String, String> headers, byte[] body, String region,
            String service, Credentials credentials, Instant at) {
        String amzDate = AMZ_DATE.format(at);
        String day = amzDate.substring(0, 8);
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((k, v) -> canonical.put(k.toLowerCase(Locale.ROOT), normalizeValue(v)));
        canonical.put("host", host(uri));
        canonical.put("x-amz-date", amzDate);
        if (credentials.sessionToken() != null && !credentials.sessionToken().isBlank()) {
            canonical.put("x-amz-security-token", credentials.sessionToken());
        }
        String signedHeaders = String.join(";", canonical.keySet());
        StringBuilder ch = new StringBuilder();
        canonical.forEach((k, v) -> ch.append(k).append(':').append(v).append('\n'));
        String canonicalRequest = method.toUpperCase(Locale.ROOT) + "\n" + canonicalPath(uri) + "\n"
                + canonicalQuery(uri.getRawQuery()) + "\n" + ch + "\n" + signedHeaders + "\n"
                + HEX.formatHex(sha256(body == null ? new byte[0] : body));
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = HEX.formatHex(hmac(signingKey(credentials.secretAccessKey(), day, region, service),
                stringToSign));
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put("X-Amz-Date", amzDate);
        if (canonical.containsKey("x-amz-security-token")) {
            out.put("X-Amz-Security-Token", credentials.sessionToken());
        }
        out.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return new Signed(out, canonicalRequest, stringToSign, signature);
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    public static byte[] signingKey(String secret, String day, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Each segment of the decoded path URI-encoded (RFC 3986 unreserved characters kept). */
    static String canonicalPath(URI uri) {
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(segments[i]));
        }
        return out.toString();
    }

    /** Parameters decoded, re-encoded, sorted by name then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** RFC 3986 percent-encoding of everything but A-Z a-z 0-9 - _ . ~ (UTF-8, upper-case hex). */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String normalizeValue(String v) {
        return v == null ? "" : v.trim().replaceAll("\\s+", " ");
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }
}
