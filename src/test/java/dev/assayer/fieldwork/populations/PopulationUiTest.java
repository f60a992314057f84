package dev.assayer.fieldwork.populations;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.Sample;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The population pages an auditor walks through: import, record, select, extend, verify, download. */
class PopulationUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired PopulationService populations;
    @Autowired MockMvc mvc;

    Fixture fx;
    CurrentUser staff;
    String pages;

    @BeforeEach
    void setUp() {
        fx = Fixture.create(identity, engagements, access);
        staff = fx.in().user(Role.AUDIT_STAFF);
        pages = "/engagements/" + fx.id();
    }

    @Test
    void anAuditorImportsSelectsExtendsAndVerifiesInTheBrowser() throws Exception {
        mvc.perform(get(pages + "/populations").with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"population-file\""),
                        Matchers.containsString("id=\"import-population\""), Matchers.containsString("name=\"_csrf\""),
                        Matchers.containsString("for=\"population-name\""), Matchers.containsString("No population imported yet"))));

        String content = Fixture.csv(80);
        String location = mvc.perform(Fixture.upload(pages + "/populations", "changes.csv", content).with(as(staff))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith(pages + "/populations/");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        String sha = Hashing.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
        mvc.perform(get(location).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString(sha),
                        Matchers.containsString("id=\"select-sample\""), Matchers.containsString("name=\"seed\""),
                        Matchers.containsString("name=\"size\""), Matchers.containsString("id=\"edit-version\""),
                        Matchers.containsString("id=\"import-version\""), Matchers.containsString("J. Diaz"),
                        Matchers.containsString("id=\"population-rows\">80<"))));
        mvc.perform(get(pages + "/populations").with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Changes merged to main")));

        String sampleUrl = mvc.perform(post(pages + "/populations/{id}/versions/1/samples", id).with(as(staff)).with(csrf())
                        .param("method", "random").param("size", "10").param("seed", "walkthrough"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID sampleId = UUID.fromString(sampleUrl.substring(sampleUrl.lastIndexOf('/') + 1));
        mvc.perform(get(sampleUrl).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"sample-items\""),
                        Matchers.containsString("id=\"extend-sample\""), Matchers.containsString("id=\"verify-sample\""),
                        Matchers.containsString("id=\"download-selection\""), Matchers.containsString("id=\"cli-command\""),
                        Matchers.containsString("--seed walkthrough"))));
        // sampled: the record can no longer be edited
        mvc.perform(get(location).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"immutable-badge\""),
                        Matchers.not(Matchers.containsString("id=\"edit-version\"")))));

        mvc.perform(post(sampleUrl + "/extend").with(as(staff)).with(csrf()).param("additional", "3").param("reason", ""))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("id=\"extend-errors\"")));
        mvc.perform(post(sampleUrl + "/extend").with(as(staff)).with(csrf()).param("additional", "3")
                .param("reason", "deviation in CHG-4")).andExpect(status().is3xxRedirection());
        Sample extended = populations.sample(staff, sampleId);
        assertThat(extended.items()).hasSize(13);
        assertThat(extended.items().stream().filter(i -> i.extension()).count()).isEqualTo(3);
        mvc.perform(get(sampleUrl).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("deviation in CHG-4"),
                        Matchers.containsString("extended from 10"))));

        mvc.perform(post(sampleUrl + "/verify").with(as(fx.in().user(Role.AUDIT_MANAGER))).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Matches:")));
        String api = mvc.perform(get("/api/v1/engagements/{e}/samples/{s}/selection.json", fx.id(), sampleId)
                .header("Authorization", fx.in().bearer(Role.AUDIT_STAFF))).andReturn().getResponse().getContentAsString();
        mvc.perform(get(sampleUrl + "/selection.json").with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(api));
        mvc.perform(get(pages + "/populations/{id}/versions/1/file", id).with(as(staff))).andExpect(status().isOk())
                .andExpect(header().string("X-Content-SHA256", sha)).andExpect(content().string(content));
    }

    @Test
    void formErrorsNameTheFieldsAndAnUnsampledRecordIsEdited() throws Exception {
        Map<String, String> fields = Fixture.fields();
        fields.put("name", "");
        fields.put("extractedBy", null);
        mvc.perform(Fixture.upload(pages + "/populations", "changes.csv", Fixture.csv(5).getBytes(StandardCharsets.UTF_8),
                        fields).with(as(staff)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"form-errors\""),
                        Matchers.containsString("<code>name</code>"), Matchers.containsString("<code>extractedBy</code>"))));
        mvc.perform(Fixture.upload(pages + "/populations", "bad.csv", "id,merged_on\n\"A," + Fixture.START + "\n")
                        .with(as(staff)).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("bad.csv line 2")));

        PopulationRecord p;
        try (var in = new java.io.ByteArrayInputStream(Fixture.csv(5).getBytes(StandardCharsets.UTF_8))) {
            p = populations.importPopulation(staff, fx.id(), new dev.assayer.fieldwork.PopulationMetadata("Terminations",
                    null, "Workday", "Terminations report", null, "HR analyst", java.time.Instant.now().minusSeconds(60),
                    Fixture.START, Fixture.END, "id", "merged_on", null), "terminations.csv", in);
        }
        String edit = pages + "/populations/" + p.id() + "/versions/1";
        mvc.perform(get(edit + "/edit").with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"save-version\""),
                        Matchers.containsString("value=\"Terminations\""))));
        mvc.perform(post(edit).with(as(staff)).with(csrf()).param("version", "0").param("name", "Terminated employees")
                        .param("sourceSystem", "Workday").param("query", "Terminations report (all entities)")
                        .param("extractedBy", "HR analyst").param("extractedAt", "2026-01-10T09:00")
                        .param("keyColumn", "id").param("dateColumn", "merged_on"))
                .andExpect(status().is3xxRedirection());
        assertThat(populations.version(staff, fx.id(), p.id(), 1).name()).isEqualTo("Terminated employees");
        mvc.perform(post(edit).with(as(staff)).with(csrf()).param("version", "0").param("name", "Stale edit")
                        .param("sourceSystem", "Workday").param("query", "q").param("extractedBy", "x")
                        .param("extractedAt", "2026-01-10T09:00"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("changed by someone else")));
    }

    @Test
    void clientMembersAndOtherFirmsCannotOpenThePages() throws Exception {
        PopulationRecord p;
        try (var in = new java.io.ByteArrayInputStream(Fixture.csv(5).getBytes(StandardCharsets.UTF_8))) {
            p = populations.importPopulation(staff, fx.id(), new dev.assayer.fieldwork.PopulationMetadata("Changes", null,
                    "GitHub", "q", null, "x", java.time.Instant.now().minusSeconds(60), null, null, null, null, null),
                    "c.csv", in);
        }
        mvc.perform(get(pages + "/populations/{id}", p.id()).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("No date column"),
                        Matchers.containsString("No period filter is recorded"))));
        for (Role role : TestOrg.ROLES) {
            mvc.perform(get(pages + "/populations").with(as(fx.client().user(role)))).andExpect(status().isForbidden());
            mvc.perform(get(pages + "/populations/{id}", p.id()).with(as(fx.client().user(role))))
                    .andExpect(status().isForbidden());
        }
        var rival = dev.assayer.testing.TestFirm.create(identity).inside(identity, access, fx.client(), fx.id());
        mvc.perform(get(pages + "/populations/{id}", p.id()).with(as(rival.user(Role.AUDIT_PARTNER))))
                .andExpect(status().isNotFound());
    }
}
