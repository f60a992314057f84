package dev.assayer.notification.internal;

import dev.assayer.shared.ApiProblem.FieldError;
import dev.assayer.shared.tenancy.Role;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The rules of notifications, with no Spring and no SQL: validation of the settings, the retry
 * schedule, the webhook signature and what may be shown of a URL or an error.
 */
public final class NotificationRules {

    /** Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final. */
    public static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2));
    public static final int MAX_ATTEMPTS = BACKOFF.size() + 1;
    public static final int MAX_EXTRA_ADDRESSES = 50;
    public static final String SECRET_PREFIX = "whsec_";
    public static final String SIGNATURE_VERSION = "v1";
    static final Set<String> PLAIN_HTTP_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private NotificationRules() {
    }

    /** When to try again after {@code attemptsMade} failed attempts; empty when that was the last one. */
    public static Optional<Instant> nextAttempt(long attemptsMade, Instant now) {
        if (attemptsMade < 1 || attemptsMade >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        return Optional.of(now.plus(BACKOFF.get((int) attemptsMade - 1)));
    }

    /** The roles that receive e-mail: roles of a service organization, each once, in the order given. */
    public static List<Role> roles(List<String> names, List<FieldError> errors) {
        Set<Role> out = new LinkedHashSet<>();
        if (names == null) {
            return List.of();
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            try {
                Role r = Role.parse(n);
                if (r.firmRole()) {
                    errors.add(new FieldError("emailRoles[" + i + "]", "'" + n + "' is an audit firm's role, not the organization's"));
                } else {
                    out.add(r);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("emailRoles[" + i + "]", e.getMessage()));
            }
        }
        return List.copyOf(out);
    }

    /** Extra e-mail addresses: trimmed, blank lines dropped, each valid, each once (ignoring case). */
    public static List<String> addresses(List<String> given, List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (given == null) {
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String a = given.get(i) == null ? "" : given.get(i).strip();
            if (a.isEmpty()) {
                continue;
            }
            if (!validEmail(a)) {
                errors.add(new FieldError("extraAddresses[" + i + "]", "'" + shorten(a, 80) + "' is not an e-mail address"));
            } else if (seen.add(a.toLowerCase(Locale.ROOT))) {
                out.add(a);
            }
        }
        if (out.size() > MAX_EXTRA_ADDRESSES) {
            errors.add(new FieldError("extraAddresses", "at most " + MAX_EXTRA_ADDRESSES + " addresses (" + out.size() + " given)"));
        }
        return out;
    }

    public static boolean validEmail(String a) {
        return a != null && a.length() <= 254 && a.indexOf('@') <= 64 && EMAIL.matcher(a).matches();
    }

    /**
     * The webhook URL: https with a host, no user name or password in it, no fragment; plain http
     * only to this machine (localhost, 127.0.0.1, [::1]) for local receivers and tests. Null for
     * blank (no webhook).
     */
    public static String webhookUrl(String given, List<FieldError> errors) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String url = given.strip();
        if (url.length() > 2000) {
            errors.add(new FieldError("webhookUrl", "is longer than 2000 characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("webhookUrl", "is not a URL (" + e.getReason() + ")"));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host.isEmpty()) {
            errors.add(new FieldError("webhookUrl", "must be an absolute URL with a host, e.g. https://hooks.example.com/assayer"));
        } else if (uri.getRawUserInfo() != null) {
            errors.add(new FieldError("webhookUrl", "must not contain a user name or password"));
        } else if (uri.getRawFragment() != null) {
            errors.add(new FieldError("webhookUrl", "must not contain a fragment (#…)"));
        } else if (!scheme.equals("https") && !(scheme.equals("http") && PLAIN_HTTP_HOSTS.contains(host))) {
            errors.add(new FieldError("webhookUrl", "must use https (plain http only to localhost or 127.0.0.1)"));
        } else {
            return url;
        }
        return null;
    }

    /** What may be shown of a URL: scheme, host and port ("https://hooks.example.com"), never its path or query. */
    public static String origin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (URISyntaxException e) {
            return "(invalid URL)";
        }
    }

    /**
     * What an outbox row keeps of the webhook URL it was queued for: the hex SHA-256 of the URL (the
     * URL's path can be a secret of its own). Null for no URL.
     */
    public static String urlHash(String url) {
        if (url == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(url.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** A new signing secret: "whsec_" and 32 random bytes, Base64url. Used as it is (UTF-8) as the HMAC key. */
    public static String newSecret(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** "v1=" and the hex HMAC-SHA256, keyed with the secret, of the timestamp (Unix seconds), ".", and the body. */
    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return SIGNATURE_VERSION + "=" + HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by the Java platform", e);
        }
    }

    /**
     * An error as it may be stored and shown: one line, at most 500 characters, with the given
     * sensitive strings (the webhook URL, whose path may be a secret of its own) replaced.
     */
    public static String safeError(String message, String... sensitive) {
        String m = message == null || message.isBlank() ? "unknown error" : message;
        for (String s : sensitive) {
            if (s != null && !s.isEmpty()) {
                m = m.replace(s, "[webhook URL]");
            }
        }
        return shorten(m.replaceAll("[\\r\\n\\t]+", " ").strip(), 500);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
