package dev.assayer.report;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The report pages: generate, versions and downloads, compare, sign, the description check and Section I. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportUiTest extends dev.assayer.testing.IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired ReportService reports;
    @Autowired MockMvc mvc;

    ReportScenario s;
    String page;

    @BeforeAll
    void setUp() {
        s = new ReportScenario(identity, engagements, access, controls, tests);
        page = "/engagements/" + s.engagement.id() + "/reports";
    }

    @Test
    void aManagerGeneratesTwoVersionsComparesThemAndAnOfficerSigns() throws Exception {
        mvc.perform(get(page).with(as(s.acme.user(Role.COMPLIANCE_MANAGER)))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"generate-report\""), containsString("for=\"kind\""),
                        containsString("No version generated yet"))));
        for (int i = 0; i < 2; i++) {
            mvc.perform(post(page).with(as(s.acme.user(Role.COMPLIANCE_MANAGER))).with(csrf()).param("kind", "soc2-type2"))
                    .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(page));
        }
        List<ReportVersion> versions = reports.versions(s.acme.admin(), s.engagement.id());
        assertThat(versions).hasSize(2);
        ReportVersion latest = versions.getFirst();
        mvc.perform(get(page).with(as(s.acme.admin()))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(latest.sha256()), containsString("id=\"compare-form\""),
                        containsString("Not signed for this version"), containsString("id=\"sign-" + latest.number() + "\""))));
        byte[] pdf = mvc.perform(get(page + "/" + latest.id() + "/download").param("format", "pdf").with(as(s.acme.admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(Hashing.sha256Hex(pdf)).isEqualTo(latest.sha256());
        mvc.perform(get(page + "/compare").param("from", versions.get(1).id().toString())
                        .param("with", latest.id().toString()).with(as(s.acme.user(Role.AUDITOR))))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("unchanged"),
                        containsString("Section IV"))));

        String sign = page + "/" + latest.id() + "/sign";
        String name = s.acme.admin().name();
        mvc.perform(get(sign).with(as(s.acme.admin()))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(latest.sha256()), containsString("for=\"confirmation\""))));
        mvc.perform(post(sign).with(as(s.acme.admin())).with(csrf()).param("officerName", name)
                        .param("officerTitle", "CEO").param("confirmation", "yes"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("must read &quot;I sign as " + name)));
        mvc.perform(post(sign).with(as(s.acme.admin())).with(csrf()).param("officerName", name)
                        .param("officerTitle", "CEO").param("confirmation", "I sign as " + name + ", CEO"))
                .andExpect(status().is3xxRedirection());
        assertThat(reports.version(s.acme.admin(), latest.id()).signature().officerTitle()).isEqualTo("CEO");
        mvc.perform(get(page).with(as(s.acme.admin()))).andExpect(content().string(containsString(name + ", CEO")));
        // a compliance manager cannot sign; a viewer cannot read reports
        mvc.perform(get(page + "/" + versions.get(1).id() + "/sign").with(as(s.acme.user(Role.COMPLIANCE_MANAGER))))
                .andExpect(status().isForbidden());
        mvc.perform(get(page).with(as(s.acme.user(Role.VIEWER)))).andExpect(status().isForbidden());
    }

    @Test
    void aWrongKindIsShownOnThePage() throws Exception {
        mvc.perform(post(page).with(as(s.acme.admin())).with(csrf()).param("kind", "soc1-type1"))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("id=\"form-errors\""),
                        containsString("needs a SOC 1 Type I engagement"))));
    }

    @Test
    void theDescriptionCheckLinksToWhereToFixEachGap() throws Exception {
        Engagement bare = engagements.create(s.acme.admin(), new EngagementDraft("Bare " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, ReportScenario.START, ReportScenario.END, List.of(), null, null,
                SystemDescription.empty(), List.of(), List.of(), List.of()));
        mvc.perform(get("/engagements/" + bare.id() + "/reports/description-check").with(as(s.acme.user(Role.AUDITOR))))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("id=\"dc-DC1\""),
                        containsString("Missing"), containsString("/engagements/" + bare.id() + "/edit#servicesProvided"),
                        containsString("href=\"/vendors\""), not(containsString("id=\"check-complete\"")))));
    }

    @Test
    void theAuditorSuppliesSectionOneAndTheClientCannot() throws Exception {
        String url = page + "/auditor-section";
        mvc.perform(get(url).with(as(s.acme.admin()))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"not-supplied\""), not(containsString("id=\"section-text-form\"")))));
        mvc.perform(post(url).with(as(s.acme.admin())).with(csrf()).param("text", "Client text"))
                .andExpect(status().isForbidden());
        mvc.perform(get(url).with(as(s.in.user(Role.AUDIT_PARTNER)))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"section-text-form\""), containsString("for=\"section-text-input\""))));
        mvc.perform(post(url).with(as(s.in.user(Role.AUDIT_PARTNER))).with(csrf()).param("text", "The firm's report."))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(url));
        mvc.perform(get(url).with(as(s.acme.user(Role.AUDITOR)))).andExpect(status().isOk())
                .andExpect(content().string(containsString("The firm&#39;s report.")));
        mvc.perform(post(url).with(as(s.in.user(Role.AUDIT_PARTNER))).with(csrf()).param("text", "Stale").param("version", "7"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"form-errors\"")));
    }
}
