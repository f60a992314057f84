package dev.assayer.monitoring.internal.collect;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 8288 Link headers as GitHub and Okta send them: {@code <url>; rel="next", <url>; rel="last"}. */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";,]+)\"?");

    private LinkHeader() {
    }

    /** The URL with {@code rel} among the given header values, if any. */
    static Optional<String> find(List<String> headerValues, String rel) {
        for (String value : headerValues) {
            Matcher m = LINK.matcher(value);
            while (m.find()) {
                Matcher r = REL.matcher(m.group(2));
                if (r.find()) {
                    for (String one : r.group(1).trim().split("\\s+")) {
                        if (one.equalsIgnoreCase(rel)) {
                            return Optional.of(m.group(1).trim());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** True when {@code link} points at the same scheme, host and port as {@code base} (credentials go nowhere else). */
    static boolean sameOrigin(URI base, URI link) {
        return base.getScheme().equalsIgnoreCase(String.valueOf(link.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(link.getHost())) && port(base) == port(link);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
