package dev.assayer.fieldwork.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.TestStatus;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Roll-forward of the firm's test plans into the next period's engagement: plans only, no results. */
class TestPlanRollForwardTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired dev.assayer.fieldwork.PopulationService populations;
    @Autowired MockMvc mvc;

    @Test
    void theFirmCopiesItsPriorPlansIntoTheNextPeriodWithoutSamplesResultsOrConclusions() throws Exception {
        Audit prior = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
        TestOfControl planned = tests.create(prior.staff(), prior.id(), prior.monthly().id(),
                TestKind.OPERATING_EFFECTIVENESS, new TestPlan(List.of(new Procedure(TestMethod.INSPECTION,
                        "Inspect the quarterly access review sign-off")), List.of(new TestAttribute("A", "Signed off by the owner")),
                        "Quarterly reviews in the period", null, List.of(), TestSizing.judgmental(2, "two quarters")));

        Engagement next = engagements.rollForward(prior.client().admin(), prior.id(), null, null);
        TestFirm.Inside in = prior.firm().inside(identity, access, prior.client(), next.id());
        String body = "{\"priorEngagementId\":\"" + prior.id() + "\"}";

        MockHttpServletResponse denied = mvc.perform(post("/api/v1/engagements/" + next.id() + "/tests/copy-plans")
                .header("Authorization", prior.client().bearer(Role.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse();
        assertThat(denied.getStatus()).as("the client cannot write the auditor's plans").isIn(403, 404);

        MockHttpServletResponse res = mvc.perform(post("/api/v1/engagements/" + next.id() + "/tests/copy-plans")
                .header("Authorization", in.bearer(Role.AUDIT_STAFF)).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse();
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(200);

        List<TestOfControl> now = tests.forReport(prior.client().id(), next.id());
        assertThat(now).singleElement().satisfies(t -> {
            assertThat(t.controlId()).isEqualTo(prior.monthly().id());
            assertThat(t.kind()).isEqualTo(TestKind.OPERATING_EFFECTIVENESS);
            assertThat(t.procedures()).isEqualTo(planned.procedures());
            assertThat(t.attributes()).isEqualTo(planned.attributes());
            assertThat(t.sizing().method()).isEqualTo(planned.sizing().method());
            assertThat(t.sampleId()).isNull();
            assertThat(t.results()).isEmpty();
            assertThat(t.conclusion()).isNull();
            assertThat(t.status()).isEqualTo(TestStatus.PLANNED);
            assertThat(t.history()).anySatisfy(h -> assertThat(h.toString()).contains("rolled forward from"));
        });

        // a second copy adds nothing: the control is already planned
        assertThat(tests.copyPlansFrom(in.user(Role.AUDIT_STAFF), next.id(), prior.id())).isEmpty();

        // populations to re-extract: the prior C&A record with the new period as filter
        populations.importPopulation(prior.staff(), prior.id(), new PopulationMetadata("Access reviews", List.of(),
                "GRC tool", "SELECT * FROM reviews WHERE done BETWEEN :from AND :to", "from/to = period", "J. Diaz",
                java.time.Instant.now(), prior.engagement().periodStart(), prior.engagement().periodEnd(), "id", "date",
                "csv"), "reviews.csv", new java.io.ByteArrayInputStream(
                ("id,date\nR1," + prior.engagement().periodStart().plusDays(3) + "\n").getBytes()));
        List<PopulationMetadata> todo = populations.toReExtract(in.user(Role.AUDIT_STAFF), next.id(), prior.id());
        assertThat(todo).singleElement().satisfies(m -> {
            assertThat(m.query()).contains("SELECT * FROM reviews");
            assertThat(m.sourceSystem()).isEqualTo("GRC tool");
            assertThat(m.periodFrom()).isEqualTo(next.periodStart());
            assertThat(m.periodTo()).isEqualTo(next.periodEnd());
            assertThat(m.extractedBy()).isNull();
        });

        // the tests page offers the prior engagement to copy plans from
        String html = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/engagements/" + next.id() + "/tests").with(dev.assayer.testing.SignedIn.as(in.user(Role.AUDIT_STAFF))))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"copy-plans\"").contains(prior.engagement().name());
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/engagements/" + next.id() + "/populations/to-re-extract")
                .with(dev.assayer.testing.SignedIn.as(in.user(Role.AUDIT_STAFF)))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Access reviews").contains("GRC tool").contains(next.periodStart().toString());
    }
}
