package dev.assayer.fieldwork.requests;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.Control;
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
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client (Acme) with a current Type II engagement its audit firm works in, the next period's
 * engagement, two controls, and helpers to call the request list API as either side.
 */
abstract class RequestFixture extends IntegrationTest {

    /** The audited period: six months that started five months ago (so access is still open). */
    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);
    static final LocalDate NEXT_END = START.plusMonths(12).minusDays(1);

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired EvidenceService evidence;
    @Autowired RequestListService requests;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();

    TestOrg acme;
    TestFirm firm;
    Engagement audited;
    Engagement next;
    TestFirm.Inside in;
    Control ac04;

    @BeforeEach
    void setUpClientAndFirm() {
        acme = TestOrg.create(identity);
        firm = TestFirm.create(identity);
        audited = engagements.create(acme.admin(), type2("SOC 2 Type II current", START, END));
        next = engagements.create(acme.admin(), type2("SOC 2 Type II next", END.plusDays(1), NEXT_END));
        in = firm.inside(identity, access, acme, audited.id());
        ac04 = control("AC-04");
        control("HR-01");
    }

    static EngagementDraft type2(String name, LocalDate start, LocalDate end) {
        return new EngagementDraft(name, Framework.SOC2, ReportType.TYPE2, null, start, end, List.of(), null, null, null,
                null, null, null);
    }

    Control control(String ref) {
        return controls.create(acme.admin(), new ControlDraft(ref, "Control " + ref, null, null, Nature.MANUAL,
                ControlKind.DETECTIVE, Frequency.QUARTERLY, false, ImplementationStatus.IMPLEMENTED, List.of("CC6.1"),
                List.of()));
    }

    String base() {
        return "/api/v1/engagements/" + audited.id() + "/requests";
    }

    /** A request body mapped to CC6.2 and AC-04, owned by the client's control owner unless {@code owner} is null. */
    String requestJson(String title, LocalDate due, String ownerEmail) {
        return """
                {"title": "%s", "description": "Signed review and the listing it was based on",
                 "criteria": ["CC6.2"], "controls": ["AC-04"], %s "dueDate": "%s"}"""
                .formatted(title, ownerEmail == null ? "" : "\"ownerEmail\": \"" + ownerEmail + "\",", due);
    }

    String ownerEmail() {
        return acme.user(Role.CONTROL_OWNER).email();
    }

    ResultActions call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder builder, String bearer,
            String body) throws Exception {
        builder.header("Authorization", bearer);
        if (body != null) {
            builder.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(builder);
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    /** Creates a request as audit staff and returns its JSON. */
    JsonNode created(String title, LocalDate due, String ownerEmail) throws Exception {
        return read(call(post(base()), in.bearer(Role.AUDIT_STAFF), requestJson(title, due, ownerEmail))
                .andExpect(status().isCreated()));
    }

    ResultActions submit(String id, String bearer, String body) throws Exception {
        return call(post(base() + "/" + id + "/submit"), bearer, body);
    }

    ResultActions flag(String id, String bearer, String reason) throws Exception {
        return call(post(base() + "/" + id + "/flag"), bearer,
                reason == null ? "{}" : "{\"reason\": \"" + reason + "\"}");
    }

    ResultActions accept(String id, String bearer) throws Exception {
        return call(post(base() + "/" + id + "/accept"), bearer, "{}");
    }

    ResultActions detail(String id, String bearer) throws Exception {
        return call(get(base() + "/" + id), bearer, null);
    }

    long stored(java.util.UUID engagementId) {
        return jdbc.sql("SELECT COUNT(*) FROM info_request WHERE org_id = ? AND engagement_id = ?")
                .params(acme.id(), engagementId).query(Long.class).single();
    }
}
