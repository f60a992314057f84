package dev.assayer.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    static final Map<String, String[]> DNS = Map.of(
            "hooks.example.com", new String[] {"93.184.216.34"},
            "internal.example.com", new String[] {"10.0.0.5"},
            "mixed.example.com", new String[] {"93.184.216.34", "fd00:ec2::254"},
            "metadata.example.com", new String[] {"169.254.169.254"});

    static WebhookTargets targets(boolean allowPrivate) {
        return new WebhookTargets(allowPrivate, host -> {
            String[] found = DNS.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[found.length];
            for (int i = 0; i < found.length; i++) {
                out[i] = InetAddress.getByName(found[i]);
            }
            return out;
        });
    }

    @Test
    void aHostThatResolvesToAnyRefusedAddressIsRefusedOnSave() {
        WebhookTargets t = targets(false);
        assertThat(t.refusalOnSave("https://hooks.example.com/x")).isEmpty();
        assertThat(t.refusalOnSave("https://internal.example.com/x")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("internal.example.com resolves to a private address 10.0.0.5; webhooks may only go to public")
                .contains("assayer.notifications.allow-private-webhooks=true"));
        assertThat(t.refusalOnSave("https://mixed.example.com/x")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("mixed.example.com resolves to a private address fd00:ec2:0:0:0:0:0:254"));
        assertThat(t.refusalOnSave("https://[fd00:ec2::254]/x")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("fd00:ec2::254 is a private address"));
        assertThat(t.refusalOnSave("https://100.64.1.1/x")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("100.64.1.1 is a shared (CGNAT) address"));
        assertThat(t.refusalOnSave("https://unknown.example.com/x")).as("checked again at delivery").isEmpty();
    }

    @Test
    void theOperatorsOptInAllowsPrivateAddresses() {
        WebhookTargets t = targets(true);
        assertThat(t.allowPrivate()).isTrue();
        assertThat(t.refusalOnSave("https://internal.example.com/x")).isEmpty();
        assertThat(t.vet("https://metadata.example.com/x").addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("169.254.169.254");
        assertThat(new WebhookTargets(false).allowPrivate()).isFalse();
    }

    @Test
    void atDeliveryTheFreshResolutionIsVettedAndIsWhereTheCallGoes() {
        WebhookTargets t = targets(false);
        WebhookTargets.Target target = t.vet("https://hooks.example.com:8443/in/abc?x=1");
        assertThat(target.https()).isTrue();
        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.port()).isEqualTo(8443);
        assertThat(target.hostHeader()).isEqualTo("hooks.example.com:8443");
        assertThat(target.pathAndQuery()).isEqualTo("/in/abc?x=1");
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
        assertThat(t.vet("https://hooks.example.com").pathAndQuery()).isEqualTo("/");
        assertThat(t.vet("https://hooks.example.com").port()).isEqualTo(443);

        assertThatThrownBy(() -> t.vet("https://metadata.example.com/latest")).isInstanceOfSatisfying(DeliveryFailure.class,
                f -> {
                    assertThat(f.permanent()).isTrue();
                    assertThat(f.getMessage()).startsWith(
                            "not sent: metadata.example.com resolves to a link-local address (cloud metadata) 169.254.169.254");
                });
        assertThatThrownBy(() -> t.vet("http://[::1]:8080/x")).isInstanceOfSatisfying(DeliveryFailure.class,
                f -> assertThat(f.getMessage()).contains("::1 is a loopback address"));
        assertThatThrownBy(() -> t.vet("https://unknown.example.com/x")).isInstanceOfSatisfying(DeliveryFailure.class,
                f -> {
                    assertThat(f.permanent()).as("DNS may come back: retried").isFalse();
                    assertThat(f.getMessage()).contains("does not resolve");
                });
    }
}
