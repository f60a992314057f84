package dev.assayer.fieldwork.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.assayer.testing.SignedIn.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.Sample;
import dev.assayer.fieldwork.SampleItem;
import dev.assayer.fieldwork.SampleRequest;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestItem;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.sampling.AttributeSampling;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A test linked to a real sample: a tiny population imported through {@link PopulationService}, a
 * random sample selected from it, results recorded per sample item (row, key), and the sample
 * extended after a deviation.
 */
class TestWithSampleTest extends dev.assayer.testing.IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired PopulationService populations;
    @Autowired TestOfControlService tests;
    @Autowired org.springframework.test.web.servlet.MockMvc mvc;

    Sample sampleOf(Audit audit, int rows, int size) {
        StringBuilder csv = new StringBuilder("review,done_on,reviewer\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("REV-").append(i).append(',').append(Audit.START.plusDays(i * 7L)).append(",cto\n");
        }
        PopulationRecord p = populations.importPopulation(audit.staff(), audit.id(), new PopulationMetadata(
                "Access reviews " + UUID.randomUUID(), List.of("AC-01"), "Jira", "project = SEC AND type = Review", null,
                "IT manager at the client", Instant.now().minus(1, ChronoUnit.DAYS), Audit.START, Audit.END, "review",
                "done_on", "csv"), "reviews.csv", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        return populations.select(audit.staff(), audit.id(), p.id(), 1, SampleRequest.random(size, "2026-walkthrough"))
                .sample();
    }

    @Test
    void resultsAreRecordedPerSampleItemAndTheSampleIsExtendedAfterADeviation() {
        Audit audit = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
        CurrentUser staff = audit.staff();
        Sample sample = sampleOf(audit, 12, 4);
        assertThat(sample.items()).hasSize(4);

        TestOfControl t = tests.create(staff, audit.id(), audit.monthly().id(), TestKind.OPERATING_EFFECTIVENESS,
                new TestPlan(List.of(new Procedure(TestMethod.INSPECTION, "Inspect the review's sign-off")),
                        List.of(new TestAttribute(null, "Signed by the CTO")), "Access reviews in Jira", sample.id(),
                        List.of(), TestSizing.byFrequency(dev.assayer.fieldwork.sampling.ControlFrequency.WEEKLY, null)));
        assertThat(t.sampleId()).isEqualTo(sample.id());
        assertThat(t.items()).extracting(TestItem::row)
                .containsExactlyElementsOf(sample.items().stream().map(SampleItem::row).toList());
        assertThat(t.items()).extracting(TestItem::key)
                .containsExactlyElementsOf(sample.items().stream().map(SampleItem::key).toList());

        SampleItem first = sample.items().getFirst();
        SampleItem second = sample.items().get(1);
        // by row, with the key as a check
        assertThatThrownBy(() -> tests.recordResult(staff, audit.id(), t.id(), new ResultDraft(first.row(), "REV-999", "A",
                ResultOutcome.PASS, null, List.of(), null, null))).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("has key '" + first.key() + "'");
        tests.recordResult(staff, audit.id(), t.id(), new ResultDraft(first.row(), first.key(), "A", ResultOutcome.PASS,
                null, List.of(), null, null));
        ItemResult fail = tests.recordResult(staff, audit.id(), t.id(), new ResultDraft(second.row(), null, "A",
                ResultOutcome.FAIL, "Not signed", List.of(), null, null));
        assertThat(fail.row()).isEqualTo(second.row());
        assertThat(fail.key()).isEqualTo(second.key());
        assertThat(fail.itemRef()).isEqualTo(TestItem.sampleRef(second.row()));

        TestOfControl extended = tests.requestExtension(staff, audit.id(), t.id(), 2, "Deviation D1: review not signed");
        assertThat(extended.extensionRequests()).singleElement().satisfies(x -> assertThat(x.performed()).isTrue());
        assertThat(extended.items()).hasSize(6);
        assertThat(extended.items().stream().filter(TestItem::extension).count()).isEqualTo(2);
        // the items already tested are unchanged, and so are their results
        assertThat(extended.items().stream().filter(i -> !i.extension()).map(TestItem::row).toList())
                .containsExactlyInAnyOrderElementsOf(sample.items().stream().map(SampleItem::row).toList());
        assertThat(extended.results()).hasSize(2);
        assertThat(extended.evaluation().items()).isEqualTo(6);
        assertThat(extended.evaluation().deviations()).isEqualTo(1);
        assertThat(extended.evaluation().upperLimitPercent())
                .isEqualByComparingTo(AttributeSampling.upperLimitPercent(new BigDecimal("0.05"), 6, 1));
        assertThat(extended.history()).anyMatch(h -> h.action().equals("sample extended"));

        // results keep the sample linked; another engagement's sample cannot be linked
        assertThatThrownBy(() -> tests.update(staff, audit.id(), t.id(), new TestPlan(extended.procedures(),
                extended.attributes(), null, null, List.of(), extended.sizing()), extended.version()))
                .isInstanceOf(ApiProblem.class).satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(409))
                .hasMessageContaining("sampleId");
        Audit other = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
        Sample foreign = sampleOf(other, 6, 2);
        assertThatThrownBy(() -> tests.create(staff, audit.id(), audit.perEvent().id(), TestKind.DESIGN,
                new TestPlan(List.of(), List.of(), null, foreign.id(), List.of(), null)))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("sampleId:");
    }

    @Test
    void thePlanFormLinksASampleOfTheEngagementAndTheGridListsItsItems() throws Exception {
        Audit audit = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
        Sample sample = sampleOf(audit, 8, 3);
        TestOfControl t = tests.create(audit.staff(), audit.id(), audit.perEvent().id(), TestKind.DESIGN, null);
        String page = "/engagements/" + audit.id() + "/tests/" + t.id();
        mvc.perform(get(page).with(as(audit.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<option value=\"" + sample.id() + "\"")));
        mvc.perform(post(page + "/plan").with(as(audit.staff())).with(csrf()).param("version", String.valueOf(t.version()))
                        .param("procedureMethod", "OBSERVATION").param("procedureText", "Watch HR onboard a new hire")
                        .param("attributeCode", "").param("attributeDescription", "Code of conduct signed on day one")
                        .param("sampleId", sample.id().toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(tests.get(audit.staff(), audit.id(), t.id()).items()).hasSize(3);
        mvc.perform(get(page).with(as(audit.staff()))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"outcome-2-A\""),
                        Matchers.containsString("row " + sample.items().getFirst().row()),
                        Matchers.containsString(sample.items().getFirst().key()))));
    }
}
