package dev.assayer.monitoring;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

class MonitoringUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired MonitoringService monitoring;
    @Autowired MonitoringCheckService checks;
    @Autowired MockMvc mvc;

    TestOrg acme;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
    }

    @Test
    void anImportShowsItsProgressThenTheChecksRunAndTheResultsShow() throws Exception {
        mvc.perform(get("/monitoring").with(as(acme.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"import-form\""),
                        Matchers.containsString("Nothing imported yet"), Matchers.containsString("id=\"run-now\""),
                        Matchers.containsString("<label for=\"file\">"))));
        // the editor refuses a bad file and keeps the text; a good one is saved
        mvc.perform(post("/monitoring/check-files").with(as(acme.admin())).with(csrf())
                        .param("filename", "laptops.yaml").param("yaml", "checks:\n  - id: x\n    expect: ((\n"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"form-errors\""),
                        Matchers.containsString("laptops.yaml"))));
        mvc.perform(post("/monitoring/check-files").with(as(acme.admin())).with(csrf())
                        .param("filename", "laptops.yaml").param("yaml", MonitoringApiTest.CHECKS))
                .andExpect(status().is3xxRedirection());
        assertThat(checks.checkFiles(acme.admin())).hasSize(1);

        String location = mvc.perform(multipart("/monitoring/imports")
                        .file(new MockMultipartFile("file", "laptops.csv", "text/csv",
                                MonitoringApiTest.LAPTOPS.getBytes(StandardCharsets.UTF_8)))
                        .param("format", "generic-csv").param("type", "test.laptop").param("idField", "serial")
                        .param("collectionMethod", "SYSTEM_EXPORT").with(as(acme.user(Role.CONTROL_OWNER))).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/monitoring/imports/*"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID importId = UUID.fromString(location.substring("/monitoring/imports/".length()));
        ImportRecord done = monitoring.awaitImport(acme.admin(), importId);
        assertThat(done.status()).isEqualTo("DONE");
        mvc.perform(get(location + "/status").with(as(acme.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"import-status\""),
                        Matchers.containsString(">done<"), Matchers.not(Matchers.containsString("hx-trigger")))));

        String runLocation = mvc.perform(post("/monitoring/runs").with(as(acme.admin())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(runLocation).with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Laptops are encrypted"),
                        Matchers.containsString("L2"))));
        mvc.perform(get("/monitoring").with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("test.laptop"),
                        Matchers.containsString("id=\"alerts\""), Matchers.not(Matchers.containsString("id=\"run-now\"")))));
        mvc.perform(get("/monitoring/checks").with(as(acme.admin()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("t-laptop-disk")));
        mvc.perform(get("/monitoring/checks/t-laptop-encrypted").with(as(acme.admin()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"check-history\"")));
        mvc.perform(get("/monitoring/resources").param("id", "L2").param("type", "test.laptop").with(as(acme.admin())))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("t-laptop-encrypted")));

        // an exclusion requested in the UI, approved by another manager
        mvc.perform(post("/monitoring/exclusions").with(as(acme.user(Role.CONTROL_OWNER))).with(csrf())
                        .param("checkId", "t-laptop-encrypted").param("resourceId", "L2").param("reason", "Spare")
                        .param("expiresOn", LocalDate.now().plusMonths(2).toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/monitoring/exclusions").with(as(acme.admin()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Approve")));
        UUID exclusion = checks.exclusions(acme.admin()).getFirst().id();
        mvc.perform(post("/monitoring/exclusions/" + exclusion + "/approve").with(as(acme.admin())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(checks.exclusion(acme.admin(), exclusion).status()).isEqualTo(ExclusionStatus.APPROVED);
    }
}
