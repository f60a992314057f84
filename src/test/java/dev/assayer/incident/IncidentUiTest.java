package dev.assayer.incident;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

class IncidentUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired IncidentService incidents;
    @Autowired MockMvc mvc;

    TestOrg org;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
    }


    @Test
    void anIncidentIsRecordedAndItsTimelineGrows() throws Exception {
        mvc.perform(get("/incidents/new").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"create-incident\""),
                        Matchers.containsString("name=\"_csrf\""), Matchers.containsString("id=\"detectedAt\""))));
        String location = mvc.perform(post("/incidents").with(as(org.user(Role.COMPLIANCE_MANAGER))).with(csrf())
                        .param("title", "Mailbox compromise").param("detectedAt", "2026-03-01T09:30")
                        .param("severity", "CRITICAL").param("significant", "true")
                        .param("affectedSystems", "Mail\nSSO").param("findingRefs", "F-1, F-2"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/incidents/*"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/incidents/".length()));
        Incident i = incidents.get(org.admin(), id);
        assertThat(i.detectedAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(i.affectedSystems()).containsExactly("Mail", "SSO");
        assertThat(i.findingRefs()).containsExactly("F-1", "F-2");
        mvc.perform(post(location + "/timeline").with(as(org.admin())).with(csrf())
                        .param("at", "2026-03-01T10:15").param("text", "Sessions revoked"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(location + "/timeline").with(as(org.admin())).with(csrf())
                        .param("at", "yesterday").param("text", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("is not a date and time"))));
        mvc.perform(get(location).with(as(org.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Mailbox compromise"),
                        Matchers.containsString("2026-03-01 10:15"), Matchers.containsString("Sessions revoked"),
                        Matchers.containsString("Significant (DC4)"),
                        Matchers.not(Matchers.containsString("id=\"timeline-form\"")))));
    }

    @Test
    void theListFiltersAndTheFormShowsErrors() throws Exception {
        incidents.create(org.admin(), new IncidentDraft(null, "Minor phishing", Instant.parse("2026-02-01T08:00:00Z"),
                null, Severity.LOW, false, null, null, null, null, null, null, null, null, null));
        incidents.create(org.admin(), new IncidentDraft(null, "Data exposure", Instant.parse("2026-02-02T08:00:00Z"),
                null, Severity.HIGH, true, null, null, null, null, null, null, null, null, null));
        mvc.perform(get("/incidents").with(as(org.user(Role.AUDITOR))))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Minor phishing"),
                        Matchers.containsString("Data exposure"), Matchers.not(Matchers.containsString("id=\"new-incident\"")))));
        mvc.perform(get("/incidents").param("significant", "true").with(as(org.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.not(Matchers.containsString("Minor phishing")),
                        Matchers.containsString("Data exposure"))));
        mvc.perform(get("/incidents").param("severity", "LOW").with(as(org.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Minor phishing"),
                        Matchers.not(Matchers.containsString("Data exposure")))));
        mvc.perform(post("/incidents").with(as(org.admin())).with(csrf())
                        .param("title", "Resolved early").param("detectedAt", "2026-03-01T09:30")
                        .param("severity", "LOW").param("status", "RESOLVED"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("rootCause"), Matchers.containsString("value=\"Resolved early\""))));
        assertThat(incidents.list(org.admin(), IncidentFilter.all())).hasSize(2);
        mvc.perform(get("/incidents/new").with(as(org.user(Role.VIEWER)))).andExpect(status().isForbidden());
        TestOrg other = TestOrg.create(identity);
        UUID id = incidents.list(org.admin(), IncidentFilter.all()).getFirst().id();
        mvc.perform(get("/incidents/" + id).with(as(other.admin()))).andExpect(status().isNotFound());
    }

    @Test
    void theEditFormResolvesAnIncidentWithItsVersion() throws Exception {
        Incident i = incidents.create(org.admin(), new IncidentDraft(null, "Outage", Instant.parse("2026-02-01T08:00:00Z"),
                null, Severity.HIGH, true, List.of("API"), null, null, null, null, null, null, null, null));
        mvc.perform(get("/incidents/" + i.id() + "/edit").with(as(org.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"save-incident\""),
                        Matchers.containsString("value=\"2026-02-01T08:00\""))));
        mvc.perform(post("/incidents/" + i.id()).with(as(org.admin())).with(csrf()).param("version", "0")
                        .param("title", "Outage").param("detectedAt", "2026-02-01T08:00").param("severity", "HIGH")
                        .param("significant", "true").param("status", "RESOLVED").param("rootCause", "Expired certificate"))
                .andExpect(status().is3xxRedirection());
        Incident after = incidents.get(org.admin(), i.id());
        assertThat(after.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(after.ref()).isEqualTo(i.ref());
        assertThat(after.version()).isEqualTo(1);
        mvc.perform(get("/incidents/" + i.id() + "/edit").with(as(org.user(Role.AUDITOR))))
                .andExpect(status().isForbidden());
    }
}
