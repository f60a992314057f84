package dev.assayer.fieldwork.export;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The workpapers export page: whole engagement or one control, XLSX or JSON, for the firm's auditors only. */
class WorkpaperExportUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired PopulationService populations;
    @Autowired RequestListService requests;
    @Autowired ActivityLog activity;
    @Autowired MockMvc mvc;

    Workpaper wp;
    String page;

    @BeforeEach
    void setUp() {
        wp = Workpaper.create(identity, engagements, access, controls, tests, populations, requests);
        page = "/engagements/" + wp.id() + "/workpapers";
    }

    @Test
    void anAuditorDownloadsTheWholeEngagementOrOneControl() throws Exception {
        mvc.perform(get(page).with(as(wp.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"download-xlsx\""),
                        Matchers.containsString("href=\"/engagements/" + wp.id() + "/workpapers.xlsx\""),
                        Matchers.containsString("id=\"download-json\""),
                        Matchers.containsString("for=\"export-control-choice\""),
                        Matchers.containsString("<option value=\"AC-01\">"), Matchers.containsString("<option value=\"HR-02\">"),
                        Matchers.containsString("id=\"download-control-xlsx\""),
                        Matchers.containsString("formaction=\"/engagements/" + wp.id() + "/workpapers.json\""))));

        MockHttpServletResponse xlsx = mvc.perform(get(page + ".xlsx").with(as(wp.staff()))).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.matchesPattern(
                        "attachment; filename=\"workpapers-soc-2-type-ii-[a-z0-9-]+-\\d{4}-\\d{2}-\\d{2}\\.xlsx\"")))
                .andReturn().getResponse();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
            assertThat(wb.getSheet("Tests").getLastRowNum()).isEqualTo(3);
        }
        assertThat(xlsx.getHeader("X-Content-SHA256")).isEqualTo(Hashing.sha256Hex(xlsx.getContentAsByteArray()));

        // the control picker's form: one control, as JSON
        mvc.perform(get(page + ".json").param("control", "AC-01").with(as(wp.staff()))).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.containsString("-ac-01-")))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("\"control\" : \"AC-01\""),
                        Matchers.not(Matchers.containsString("\"ref\" : \"HR-02\"")))));
        assertThat(activity.recent(wp.client().id(), "workpapers", wp.id().toString(), 10)).hasSize(2);
    }

    @Test
    void theClientSeesNeitherThePageNorTheFiles() throws Exception {
        for (Role role : TestOrg.ROLES) {
            mvc.perform(get(page).with(as(wp.client().user(role)))).andExpect(status().isForbidden());
            mvc.perform(get(page + ".xlsx").with(as(wp.client().user(role)))).andExpect(status().isForbidden());
            mvc.perform(get(page + ".json").with(as(wp.client().user(role)))).andExpect(status().isForbidden());
        }
        assertThat(activity.recent(wp.client().id(), "workpapers", wp.id().toString(), 10)).isEmpty();
    }
}
