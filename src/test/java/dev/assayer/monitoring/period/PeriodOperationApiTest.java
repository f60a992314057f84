package dev.assayer.monitoring.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.identity.IdentityService;
import dev.assayer.monitoring.HistoricalRun;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.SignedIn;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The period view of a Type II engagement: daily replayed runs with a failing window of three days
 * (one laptop unencrypted) and a gap of five days, read by the client and by the auditor inside
 * the engagement; another organization and a Type I engagement are refused.
 */
class PeriodOperationApiTest extends IntegrationTest {

    static final String CHECKS = """
            checks:
              - id: t-laptop-encrypted
                title: Laptops are encrypted
                resource: test.laptop
                expect: resource.encrypted == true
                severity: high
                remediation: Turn on disk encryption.
                controls: [MON-01]
                criteria: [CC6.1]
            """;

    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired MonitoringService monitoring;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;
    Engagement type2;
    LocalDate start;

    @BeforeEach
    void setUp() throws Exception {
        acme = TestOrg.create(identity);
        controls.create(acme.admin(), new ControlDraft("MON-01", "Disk encryption monitored", null, null, Nature.AUTOMATED,
                ControlKind.DETECTIVE, Frequency.CONTINUOUS, true, ImplementationStatus.IMPLEMENTED, List.of(), List.of()));
        MockHttpServletResponse saved = mvc.perform(post("/api/v1/monitoring/check-files")
                .header("Authorization", acme.bearer(Role.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("filename", "laptops.yaml", "yaml", CHECKS))))
                .andReturn().getResponse();
        assertThat(saved.getStatus()).as(saved.getContentAsString()).isEqualTo(201);

        // a 30-day period that ended yesterday; daily runs at 06:00 except days 20-24 (a gap);
        // laptop L2 unencrypted on days 8, 9 and 10
        start = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        type2 = engagements.create(acme.admin(), new EngagementDraft("SOC 2 " + UUID.randomUUID(), Framework.SOC2,
                ReportType.TYPE2, null, start, start.plusDays(29), List.of(), null, null, null, null, null, null));
        List<HistoricalRun> history = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            if (day >= 20 && day <= 24) {
                continue;
            }
            Instant at = start.plusDays(day).atTime(6, 0).toInstant(ZoneOffset.UTC);
            boolean lapse = day >= 8 && day <= 10;
            history.add(new HistoricalRun(at, List.of(laptop("L1", true, at), laptop("L2", !lapse, at))));
        }
        monitoring.replayHistory(acme.admin(), history);
    }

    static Resource laptop(String id, boolean encrypted, Instant at) {
        return new Resource("test.laptop", id, Map.of("encrypted", encrypted), "history:laptops", at);
    }

    JsonNode read(String bearer, String query, int expected) throws Exception {
        MockHttpServletResponse res = mvc.perform(get("/api/v1/engagements/" + type2.id() + "/monitoring/operation"
                + query).header("Authorization", bearer)).andReturn().getResponse();
        assertThat(res.getStatus()).as(res.getContentAsString()).isEqualTo(expected);
        return json.readTree(res.getContentAsString());
    }

    @Test
    void theClientSeesTheFailingWindowWithItsResourceAndTheGapWithNoRun() throws Exception {
        JsonNode op = read(acme.bearer(Role.VIEWER), "?interval=P1D", 200);
        assertThat(op.get("expectedInterval").asString()).isEqualTo("PT24H");
        assertThat(op.get("gapTolerance").asString()).isEqualTo("PT48H");
        JsonNode c = op.get("controls").get(0);
        assertThat(c.get("controlRef").asString()).isEqualTo("MON-01");
        assertThat(c.get("runs").asInt()).isEqualTo(25);
        assertThat(c.get("failedRuns").asInt()).isEqualTo(3);
        assertThat(c.get("passedRuns").asInt()).isEqualTo(22);
        assertThat(c.get("operatedThroughout").asBoolean()).isFalse();

        JsonNode window = c.get("failingWindows").get(0);
        assertThat(c.get("failingWindows")).hasSize(1);
        assertThat(window.get("from").asString()).startsWith(start.plusDays(8) + "T06:00");
        assertThat(window.get("to").asString()).startsWith(start.plusDays(11) + "T06:00");
        assertThat(window.get("resources").get(0).asString()).isEqualTo("L2");
        assertThat(window.get("checks").get(0).asString()).isEqualTo("t-laptop-encrypted");

        JsonNode gap = c.get("gaps").get(0);
        assertThat(c.get("gaps")).hasSize(1);
        assertThat(gap.get("from").asString()).startsWith(start.plusDays(19) + "T06:00");
        assertThat(gap.get("to").asString()).startsWith(start.plusDays(25) + "T06:00");
        // 3 failing days of 30; 6 days of gap + the 6 hours before the first run without a run
        assertThat(c.get("shareOfTimeFailing").asDouble()).isCloseTo(3.0 / 30, org.assertj.core.data.Offset.offset(0.001));
        assertThat(c.get("shareOfTimeWithoutRun").asDouble())
                .isCloseTo((6 * 24 + 6) / (30.0 * 24), org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void withTheScheduleAsTheExpectedIntervalEveryDayBetweenRunsIsAGap() throws Exception {
        JsonNode c = read(acme.bearer(Role.VIEWER), "", 200).get("controls").get(0);
        assertThat(c.get("gaps").size()).as("6-hour schedule, daily runs").isGreaterThan(20);
        assertThat(read(acme.bearer(Role.VIEWER), "?interval=soon", 400).get("detail").asString()).contains("interval");
    }

    @Test
    void theAuditorInsideTheEngagementReadsItAndOtherOrganizationsAndType1AreRefused() throws Exception {
        TestFirm firm = TestFirm.create(identity);
        TestFirm.Inside in = firm.inside(identity, access, acme, type2.id());
        assertThat(read(in.bearer(Role.AUDIT_STAFF), "?interval=P1D", 200).get("controls").get(0)
                .get("failedRuns").asInt()).isEqualTo(3);

        TestOrg other = TestOrg.create(identity);
        read(other.bearer(Role.ADMIN), "", 404);

        Engagement type1 = engagements.create(acme.admin(), new EngagementDraft("SOC 2 T1 " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE1, LocalDate.now(), null, null, List.of(), null, null, null, null, null,
                null));
        MockHttpServletResponse res = mvc.perform(get("/api/v1/engagements/" + type1.id() + "/monitoring/operation")
                .header("Authorization", acme.bearer(Role.ADMIN))).andReturn().getResponse();
        assertThat(res.getStatus()).isEqualTo(400);
        assertThat(res.getContentAsString()).contains("Type I");
    }

    @Test
    void thePageShowsTheWindowAndTheGap() throws Exception {
        String html = mvc.perform(get("/engagements/" + type2.id() + "/monitoring").param("interval", "P1D")
                .with(SignedIn.as(acme.user(Role.VIEWER)))).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("MON-01").contains("failing-window").contains("class=\"gap\"").contains("L2")
                .contains(start.plusDays(8).toString());
    }

    @Test
    void thePageOffersTheCadenceTheRunsActuallyHadWhenTheyAreFurtherApartThanTheSchedule() throws Exception {
        // daily runs against the 6-hour schedule: the page says why most of the period is "without a run"
        String html = mvc.perform(get("/engagements/" + type2.id() + "/monitoring")
                .with(SignedIn.as(acme.user(Role.VIEWER)))).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"cadence-hint\"").contains("usually <strong>P1D</strong> apart")
                .contains("interval=P1D");
        // once an interval is chosen, no hint
        String chosen = mvc.perform(get("/engagements/" + type2.id() + "/monitoring").param("interval", "P1D")
                .with(SignedIn.as(acme.user(Role.VIEWER)))).andReturn().getResponse().getContentAsString();
        assertThat(chosen).doesNotContain("cadence-hint");
    }
}
