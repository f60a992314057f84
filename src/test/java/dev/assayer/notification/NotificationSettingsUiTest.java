package dev.assayer.notification;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import dev.assayer.notification.internal.NotificationOutboxRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class NotificationSettingsUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired NotificationService notifications;
    @Autowired MockMvc mvc;

    @Autowired NotificationOutboxRepository outbox;
    TestOrg acme;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
    }

    @Test
    void managersSeeThePageAndTheNavLinkOthersNeither() throws Exception {
        mvc.perform(get("/settings/notifications").with(as(acme.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"settings-form\""),
                        Matchers.containsString("name=\"_csrf\""), Matchers.containsString("id=\"mail-server\""),
                        Matchers.containsString("<label for=\"webhookUrl\""), Matchers.containsString("id=\"nav-notification-settings\""),
                        Matchers.containsString("Nothing sent yet."))));
        for (Role role : new Role[] {Role.CONTROL_OWNER, Role.AUDITOR, Role.VIEWER}) {
            mvc.perform(get("/settings/notifications").with(as(acme.user(role)))).andExpect(status().isForbidden());
            mvc.perform(post("/settings/notifications").with(as(acme.user(role))).with(csrf()).param("version", "0")
                    .param("emailEnabled", "true")).andExpect(status().isForbidden());
            mvc.perform(get("/").with(as(acme.user(role))))
                    .andExpect(content().string(Matchers.not(Matchers.containsString("nav-notification-settings"))));
        }
        assertThat(notifications.settings(acme.admin()).version()).isZero();
    }

    @Test
    void savingAWebhookShowsItsSecretOnceAndATestReportsTheResult() throws Exception {
        WireMockServer hook = new WireMockServer(0);
        hook.start();
        try {
            hook.stubFor(WireMock.post("/hook").willReturn(WireMock.aResponse().withStatus(200)));
            String page = mvc.perform(post("/settings/notifications").with(as(acme.admin())).with(csrf())
                            .param("version", "0").param("emailEnabled", "true").param("emailRoles", "ADMIN")
                            .param("extraAddresses", "soc@acme.test\nsecurity@acme.test")
                            .param("webhookUrl", hook.baseUrl() + "/hook"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("id=\"webhook-secret\"")))
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).containsPattern("whsec_[A-Za-z0-9_-]{43}");
            NotificationSettings s = notifications.settings(acme.admin());
            assertThat(s.extraAddresses()).containsExactly("soc@acme.test", "security@acme.test");
            assertThat(s.emailRoles()).containsExactly(Role.ADMIN);
            mvc.perform(get("/settings/notifications").with(as(acme.admin())))
                    .andExpect(content().string(Matchers.allOf(Matchers.not(Matchers.containsString("whsec_")),
                            Matchers.containsString("id=\"rotate-secret\""), Matchers.containsString("id=\"test-webhook\""))));

            mvc.perform(post("/settings/notifications/test").with(as(acme.admin())).with(csrf()).param("channel", "WEBHOOK"))
                    .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/settings/notifications"))
                    .andExpect(flash().attribute("flash", Matchers.containsString("delivered")));
            mvc.perform(get("/settings/notifications").with(as(acme.admin())))
                    .andExpect(content().string(Matchers.allOf(Matchers.containsString("Delivered"),
                            Matchers.containsString(hook.baseUrl()))));

            mvc.perform(post("/settings/notifications/webhook-secret").with(as(acme.user(Role.COMPLIANCE_MANAGER))).with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("id=\"webhook-secret\"")));
        } finally {
            hook.stop();
        }
    }

    @Test
    void badInputIsShownAndNothingIsSaved() throws Exception {
        mvc.perform(post("/settings/notifications").with(as(acme.admin())).with(csrf()).param("version", "0")
                        .param("extraAddresses", "not-an-address").param("webhookUrl", "http://hooks.example.com/x"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved."),
                        Matchers.containsString("must use https"), Matchers.containsString("is not an e-mail address"))));
        assertThat(notifications.settings(acme.admin()).version()).isZero();
    }

    @Test
    void theDeliveryLogShowsFiftyAtATimeWithLinksToOlderAndNewer() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < 51; i++) { // "subject 0" oldest
            outbox.insertOutbox(acme.id(), UUID.randomUUID(), Channel.EMAIL, "TEST", null, 0, "r" + i + "@acme.test",
                    "subject " + i, "b", null, t0.plusSeconds(i), "test", null, null);
        }
        String first = mvc.perform(get("/settings/notifications").with(as(acme.admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(first).contains("r50@acme.test").contains("r1@acme.test").doesNotContain("r0@acme.test")
                .contains("id=\"deliveries-older\"").doesNotContain("id=\"deliveries-newer\"")
                .contains("kept for").contains("90</span> days");
        String second = mvc.perform(get("/settings/notifications").param("offset", "50").with(as(acme.admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(second).contains("r0@acme.test").doesNotContain("r1@acme.test")
                .contains("id=\"deliveries-newer\"").doesNotContain("id=\"deliveries-older\"");
    }
}
