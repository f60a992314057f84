package dev.assayer.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookAddressRulesTest {

    static String refusal(String literal) throws Exception {
        return WebhookAddressRules.refusal(InetAddress.getByName(literal)).orElse(null);
    }

    @Test
    void everyBlockedIpv4RangeIsRefusedWithItsKindAndAddress() throws Exception {
        String[][] cases = {
                {"127.0.0.1", "a loopback address 127.0.0.1"}, {"127.255.255.254", "a loopback address"},
                {"10.0.0.5", "a private address 10.0.0.5"}, {"10.255.255.255", "a private address"},
                {"172.16.0.1", "a private address"}, {"172.31.255.255", "a private address"},
                {"192.168.1.1", "a private address"},
                {"169.254.169.254", "a link-local address (cloud metadata) 169.254.169.254"},
                {"100.64.0.1", "a shared (CGNAT) address"}, {"100.127.255.255", "a shared (CGNAT) address"},
                {"224.0.0.1", "a multicast address"}, {"239.255.255.250", "a multicast address"},
                {"0.0.0.0", "an unspecified address"}, {"0.1.2.3", "an unspecified address"},
                {"255.255.255.255", "a reserved or broadcast address"}, {"240.0.0.1", "a reserved or broadcast address"}};
        for (String[] c : cases) {
            assertThat(refusal(c[0])).as(c[0]).startsWith(c[1]);
        }
    }

    @Test
    void everyBlockedIpv6RangeAndIpv4InIpv6IsRefused() throws Exception {
        String[][] cases = {
                {"::1", "a loopback address"}, {"::", "an unspecified address"},
                {"fe80::1", "a link-local address"}, {"febf::1", "a link-local address"},
                {"fec0::1", "a site-local address"},
                {"fc00::1", "a private address"}, {"fd00:ec2::254", "a private address fd00:ec2:0:0:0:0:0:254"},
                {"ff02::1", "a multicast address"},
                {"::ffff:10.0.0.5", "a private address 10.0.0.5"}, // Java turns mapped addresses into IPv4 ones
                {"::ffff:169.254.169.254", "a link-local address"},
                {"::127.0.0.1", "a loopback address (IPv4 in IPv6)"}, {"::10.1.2.3", "a private address (IPv4 in IPv6)"},
                {"64:ff9b::a9fe:a9fe", "a link-local address (cloud metadata) (IPv4 in IPv6)"},
                {"64:ff9b::c0a8:0101", "a private address (IPv4 in IPv6)"}};
        for (String[] c : cases) {
            assertThat(refusal(c[0])).as(c[0]).startsWith(c[1]);
        }
        // mapped bytes built by hand (a resolver may hand them over as an Inet6Address)
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        assertThat(WebhookAddressRules.refusal(java.net.Inet6Address.getByAddress(null, mapped, -1))).isPresent();
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String a : List.of("93.184.216.34", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255",
                "100.128.0.1", "169.253.1.1", "192.169.0.1", "11.0.0.1", "223.255.255.255", "2606:4700:4700::1111",
                "2001:db8::1", "64:ff9b::5db8:d822", "::ffff:93.184.216.34")) {
            assertThat(refusal(a)).as(a).isNull();
        }
    }
}
