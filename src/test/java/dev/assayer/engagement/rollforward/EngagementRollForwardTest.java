package dev.assayer.engagement.rollforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.SignedIn;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starting the next period's engagement from this one: what carries over, the new period, who may. */
class EngagementRollForwardTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;
    Engagement current;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        LocalDate start = LocalDate.now().minusMonths(5).withDayOfMonth(1);
        current = engagements.create(acme.admin(), new EngagementDraft("SOC 2 Type II " + start.getYear() + " "
                + UUID.randomUUID().toString().substring(0, 6), Framework.SOC2, ReportType.TYPE2, null, start,
                start.plusMonths(6).minusDays(1), List.of("AVAILABILITY"), null, "Halvorsen & Pike LLP",
                new SystemDescription("Lumen platform", "Payroll analytics for mid-size employers, delivered as SaaS.",
                        List.of("99.9% availability", "Customer data encrypted at rest and in transit"),
                        "The production AWS account and the support desk", List.of()),
                List.of(), List.of(new Cuec("CUEC-1", "Customers review their users' access quarterly.", List.of("CC6.2"))),
                List.of()));
    }

    MockHttpServletResponse roll(String bearer, String body) throws Exception {
        return mvc.perform(post("/api/v1/engagements/" + current.id() + "/roll-forward").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
    }

    @Test
    void theNextPeriodStartsTheDayAfterThisOneEndsForTheSameLengthWithScopeAndDescriptionCarriedOver() throws Exception {
        MockHttpServletResponse res = roll(acme.bearer(Role.COMPLIANCE_MANAGER), "{}");
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(201);
        JsonNode next = json.readTree(res.getContentAsString());
        Engagement e = engagements.get(acme.admin(), UUID.fromString(next.get("id").asString()));

        assertThat(e.periodStart()).isEqualTo(current.periodEnd().plusDays(1));
        assertThat(e.periodEnd()).isEqualTo(e.periodStart().plusMonths(6).minusDays(1));
        assertThat(e.name()).contains(String.valueOf(e.periodStart().getYear()));
        assertThat(e.framework()).isEqualTo(Framework.SOC2);
        assertThat(e.reportType()).isEqualTo(ReportType.TYPE2);
        assertThat(e.categories()).isEqualTo(current.categories());
        assertThat(e.system()).isEqualTo(current.system());
        assertThat(e.cuecs()).isEqualTo(current.cuecs());
        assertThat(e.serviceAuditor()).isEqualTo("Halvorsen & Pike LLP");
        assertThat(e.status().name()).isEqualTo("PLANNING");
        assertThat(engagements.get(acme.admin(), current.id())).as("the previous engagement is unchanged")
                .isEqualTo(current);
    }

    @Test
    void aNameAndStartCanBeGiven() throws Exception {
        LocalDate start = current.periodEnd().plusDays(15);
        MockHttpServletResponse res = roll(acme.bearer(Role.ADMIN),
                "{\"name\":\"FY27 SOC 2\",\"periodStart\":\"" + start + "\"}");
        assertThat(res.getStatus()).isEqualTo(201);
        JsonNode next = json.readTree(res.getContentAsString());
        assertThat(next.get("name").asString()).isEqualTo("FY27 SOC 2");
        assertThat(next.get("periodStart").asString()).isEqualTo(start.toString());
    }

    @Test
    void onlyTheClientsWritersMayAndOtherOrganizationsSeeNothing() throws Exception {
        assertThat(roll(acme.bearer(Role.VIEWER), "{}").getStatus()).isEqualTo(403);
        assertThat(roll(acme.bearer(Role.CONTROL_OWNER), "{}").getStatus()).isEqualTo(403);
        TestOrg other = TestOrg.create(identity);
        assertThat(roll(other.bearer(Role.ADMIN), "{}").getStatus()).isEqualTo(404);
        TestFirm firm = TestFirm.create(identity);
        TestFirm.Inside in = firm.inside(identity, access, acme, current.id());
        assertThat(roll(in.bearer(Role.AUDIT_PARTNER), "{}").getStatus()).isEqualTo(403);
        assertThat(engagements.list(acme.admin())).hasSize(1);
    }

    @Test
    void theEngagementPageStartsTheNextPeriodAndOpensIt() throws Exception {
        MockHttpServletResponse res = mvc.perform(post("/engagements/" + current.id() + "/roll-forward")
                .with(SignedIn.as(acme.user(Role.ADMIN))).with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse();
        assertThat(res.getStatus()).isEqualTo(302);
        assertThat(res.getRedirectedUrl()).startsWith("/engagements/").doesNotContain(current.id().toString());
        assertThat(engagements.list(acme.admin())).hasSize(2);
    }
}
