package dev.assayer.notification.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Vets where a webhook may go: its host must resolve to public addresses only (see
 * {@link WebhookAddressRules}), checked when the URL is saved and again, after a fresh resolution,
 * each time a delivery is sent; the delivery then connects to exactly the addresses vetted (so a DNS
 * answer that changes in between — DNS rebinding — cannot redirect it). The server's operator may
 * allow private addresses with {@value #ALLOW_PRIVATE}{@code =true} (receivers inside the network,
 * tests).
 */
@Component
public class WebhookTargets {

    public static final String ALLOW_PRIVATE = "assayer.notifications.allow-private-webhooks";
    private static final Pattern IPV4_LITERAL = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    /** Resolves a host name to its addresses (the JVM's resolver; tests give their own). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Where to send: {@code host} as in the URL (brackets removed), the port, the Host header, the
     * request target (path and query) and the vetted addresses to connect to.
     */
    public record Target(boolean https, String host, int port, String hostHeader, String pathAndQuery,
            List<InetAddress> addresses) {
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    @Autowired
    public WebhookTargets(@Value("${" + ALLOW_PRIVATE + ":false}") boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public WebhookTargets(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public boolean allowPrivate() {
        return allowPrivate;
    }

    /**
     * Why a URL that passed {@link NotificationRules#webhookUrl} may not be saved (its host resolves
     * to a refused address), or empty. A host that does not resolve now is accepted: it is checked
     * again at each delivery.
     */
    public Optional<String> refusalOnSave(String url) {
        if (url == null || allowPrivate) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        String host = bare(uri.getHost());
        List<InetAddress> addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return firstRefusal(host, addresses);
    }

    /**
     * Resolves the URL's host now and returns where to connect, or throws a {@link DeliveryFailure}:
     * permanent when an address is refused (the delivery is not sent), temporary when the host does
     * not resolve.
     */
    public Target vet(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new DeliveryFailure("the webhook URL is not valid", true);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new DeliveryFailure("the webhook URL is not valid", true);
        }
        String host = bare(uri.getHost());
        List<InetAddress> addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            throw new DeliveryFailure("the webhook host " + host + " does not resolve", false);
        }
        if (addresses.isEmpty()) {
            throw new DeliveryFailure("the webhook host " + host + " does not resolve", false);
        }
        if (!allowPrivate) {
            firstRefusal(host, addresses).ifPresent(why -> {
                throw new DeliveryFailure("not sent: " + why, true);
            });
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() < 0 ? (https ? 443 : 80) : uri.getPort();
        String hostHeader = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(https, host, port, hostHeader, target, List.copyOf(addresses));
    }

    private List<InetAddress> resolve(String host) throws UnknownHostException {
        InetAddress[] found;
        if (IPV4_LITERAL.matcher(host).matches() || host.indexOf(':') >= 0) {
            found = new InetAddress[] {InetAddress.getByName(host)}; // a literal: parsed, never looked up
        } else {
            found = resolver.resolve(host);
        }
        return found == null ? List.of() : new ArrayList<>(List.of(found));
    }

    private static Optional<String> firstRefusal(String host, List<InetAddress> addresses) {
        boolean literal = IPV4_LITERAL.matcher(host).matches() || host.indexOf(':') >= 0;
        for (InetAddress a : addresses) {
            Optional<String> r = WebhookAddressRules.refusal(a);
            if (r.isPresent()) {
                return Optional.of((literal ? host + " is " + r.get() : host + " resolves to " + r.get())
                        + "; webhooks may only go to public addresses (the server's operator can allow private ones with "
                        + ALLOW_PRIVATE + "=true)");
            }
        }
        return Optional.empty();
    }

    private static String bare(String host) {
        String h = host == null ? "" : host;
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
