package dev.assayer.notification.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which network addresses a webhook may not be sent to (no Spring, no I/O): this machine, the
 * networks behind it and the cloud's metadata service. A webhook is configured by an organization's
 * admin, but sent by the server from inside its network, so without this rule it could reach
 * internal services (server-side request forgery). IPv4 addresses embedded in IPv6 ones (mapped
 * {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}) are judged
 * as the IPv4 address they carry.
 */
public final class WebhookAddressRules {

    private WebhookAddressRules() {
    }

    /** Why the address is refused ("a private address 10.0.0.5"), or empty when it is a public address. */
    public static Optional<String> refusal(InetAddress address) {
        String kind = kind(address);
        return kind == null ? Optional.empty() : Optional.of(kind + " " + address.getHostAddress());
    }

    /** "a loopback address", "a private address", …; null for a public address. */
    static String kind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            Inet4Address embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                String k = kind(embedded);
                return k == null ? null : k + " (IPv4 in IPv6)";
            }
            return kind6(v6.getAddress());
        }
        return kind4(address.getAddress());
    }

    private static String kind4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return "an unspecified address"; // 0.0.0.0/8, "this network"
        }
        if (a0 == 127) {
            return "a loopback address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address (cloud metadata)";
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return "a private address";
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return "a shared (CGNAT) address";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast address";
        }
        if (a0 >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    private static String kind6(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                zeroPrefix = false;
                break;
            }
        }
        if (zeroPrefix && b[15] == 0) {
            return "an unspecified address";
        }
        if (zeroPrefix && b[15] == 1) {
            return "a loopback address";
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xff) {
            return "a multicast address";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "a link-local address";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "a site-local address";
        }
        if ((b0 & 0xfe) == 0xfc) {
            return "a private address"; // fc00::/7 unique local, e.g. fd00:ec2::254 (AWS metadata)
        }
        return null;
    }

    /** The IPv4 address in ::ffff:a.b.c.d, ::a.b.c.d or 64:ff9b::a.b.c.d; null for other IPv6 addresses. */
    static Inet4Address embeddedIpv4(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                first10Zero = false;
                break;
            }
        }
        boolean mapped = first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = first10Zero && b[10] == 0 && b[11] == 0
                && ((b[12] | b[13] | b[14]) != 0 || (b[15] & 0xff) > 1); // not :: nor ::1
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
