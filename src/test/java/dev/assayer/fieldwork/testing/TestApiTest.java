package dev.assayer.fieldwork.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestMethod;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests-of-controls API per role on both sides, tenant and firm isolation, and the independence
 * rules: a client never reads or changes a workpaper, an auditor never writes the client's response.
 */
class TestApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired TestOfControlService tests;
    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    Audit audit;
    TestOfControl test;
    UUID deviationId;
    UUID noteId;

    @BeforeEach
    void setUp() {
        audit = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
        test = tests.create(audit.staff(), audit.id(), audit.monthly().id(), TestKind.OPERATING_EFFECTIVENESS, null);
        test = tests.update(audit.staff(), audit.id(), test.id(), new TestPlan(
                List.of(new Procedure(TestMethod.INSPECTION, "Inspect the review")),
                List.of(new TestAttribute("A", "Signed"), new TestAttribute("B", "Timely")), "Monthly reviews", null,
                List.of(new ManualItem("REV-1", null), new ManualItem("REV-2", null)),
                TestSizing.judgmental(2, "Two months")), test.version());
        deviationId = tests.recordResult(audit.staff(), audit.id(), test.id(), new ResultDraft(null, "REV-1", "B",
                ResultOutcome.FAIL, "Late", List.of(), null, null)).deviationId();
        noteId = tests.addReviewNote(audit.manager(), audit.id(), test.id(), "Check REV-2").id();
        test = tests.get(audit.staff(), audit.id(), test.id());
    }

    String tests() {
        return "/api/v1/engagements/" + audit.id() + "/tests";
    }

    String testUrl() {
        return tests() + "/" + test.id();
    }

    ResultActions call(HttpMethod method, String url, String bearer, String body) throws Exception {
        var req = request(method, url).header("Authorization", bearer);
        if (body != null) {
            req = req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(req);
    }

    /** Every auditor endpoint with a body that would be valid for an auditor. */
    List<Object[]> auditorEndpoints() {
        long v = test.version();
        List<Object[]> e = new ArrayList<>();
        e.add(new Object[] {HttpMethod.GET, tests(), null});
        e.add(new Object[] {HttpMethod.GET, tests() + "/by-control", null});
        e.add(new Object[] {HttpMethod.POST, tests(), "{\"controlId\": \"HR-02\", \"kind\": \"DESIGN\"}"});
        e.add(new Object[] {HttpMethod.POST, tests() + "/plan-all", null});
        e.add(new Object[] {HttpMethod.GET, testUrl(), null});
        e.add(new Object[] {HttpMethod.PUT, testUrl(), "{\"version\": " + v + "}"});
        e.add(new Object[] {HttpMethod.PUT, testUrl() + "/results",
                "{\"key\": \"REV-2\", \"attribute\": \"A\", \"outcome\": \"PASS\"}"});
        e.add(new Object[] {HttpMethod.GET, testUrl() + "/deviations", null});
        e.add(new Object[] {HttpMethod.PUT, testUrl() + "/deviations/" + deviationId,
                "{\"description\": \"x\", \"nature\": \"ISOLATED\", \"version\": 0}"});
        e.add(new Object[] {HttpMethod.POST, testUrl() + "/extension", "{\"additionalItems\": 2, \"reason\": \"x\"}"});
        e.add(new Object[] {HttpMethod.POST, testUrl() + "/conclusion",
                "{\"conclusion\": \"NOT_EFFECTIVE\", \"resultWording\": \"x\", \"version\": " + v + "}"});
        e.add(new Object[] {HttpMethod.POST, testUrl() + "/sign-off/preparer", "{\"version\": " + v + "}"});
        e.add(new Object[] {HttpMethod.POST, testUrl() + "/sign-off/reviewer", "{\"version\": " + v + "}"});
        e.add(new Object[] {HttpMethod.POST, testUrl() + "/review-notes", "{\"text\": \"x\"}"});
        e.add(new Object[] {HttpMethod.POST, testUrl() + "/review-notes/" + noteId + "/respond", "{\"response\": \"x\"}"});
        e.add(new Object[] {HttpMethod.POST, testUrl() + "/review-notes/" + noteId + "/clear", null});
        e.add(new Object[] {HttpMethod.POST, testUrl() + "/reopen", "{\"reason\": \"x\", \"version\": " + v + "}"});
        return e;
    }

    @Test
    void clientRolesAreRefusedEveryAuditorEndpointAndChangeNothing() throws Exception {
        for (Role role : TestOrg.ROLES) {
            for (Object[] e : auditorEndpoints()) {
                call((HttpMethod) e[0], (String) e[1], audit.client().bearer(role), (String) e[2])
                        .andExpect(status().isForbidden());
            }
        }
        TestOfControl after = tests.get(audit.staff(), audit.id(), test.id());
        assertThat(after.version()).isEqualTo(test.version());
        assertThat(after.results()).hasSize(1);
        assertThat(after.reviewNotes()).hasSize(1);
        assertThat(after.conclusion()).isNull();
        assertThat(after.deviations().getFirst().description()).isEqualTo("Late");
        assertThat(tests.list(audit.staff(), audit.id())).hasSize(1);
    }

    @Test
    void firmRolesFollowTheMatrixThroughAWholeWorkpaper() throws Exception {
        for (Role role : TestFirm.ROLES) {
            String b = audit.in().bearer(role);
            call(HttpMethod.GET, tests(), b, null).andExpect(status().isOk()).andExpect(jsonPath("$", Matchers.hasSize(1)));
            call(HttpMethod.GET, tests() + "/by-control", b, null).andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].controlRef", Matchers.contains("AC-01", "HR-02")))
                    .andExpect(jsonPath("$[0].status").value("IN_PROGRESS"))
                    .andExpect(jsonPath("$[1].status").value("NOT_PLANNED"));
            call(HttpMethod.GET, testUrl(), b, null).andExpect(status().isOk())
                    .andExpect(jsonPath("$.conclusion").doesNotExist())
                    .andExpect(jsonPath("$.evaluation.deviations").value(1));
            call(HttpMethod.GET, testUrl() + "/deviations", b, null).andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].ref").value("D1"));
        }
        String staff = audit.in().bearer(Role.AUDIT_STAFF);
        String manager = audit.in().bearer(Role.AUDIT_MANAGER);
        String partner = audit.in().bearer(Role.AUDIT_PARTNER);
        call(HttpMethod.POST, tests(), staff, "{\"controlId\": \"HR-02\", \"kind\": \"OPERATING_EFFECTIVENESS\", "
                + "\"sizing\": {\"method\": \"FREQUENCY\", \"frequency\": \"EVENT_DRIVEN\", \"populationSize\": 40}}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.sizing.sampleSize").value(5))
                .andExpect(jsonPath("$.controlRef").value("HR-02"));
        call(HttpMethod.POST, tests(), staff, "{\"controlId\": \"NOPE-1\", \"kind\": \"DESIGN\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("controlId"));
        call(HttpMethod.POST, tests() + "/plan-all", partner, null).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].kind", Matchers.containsInAnyOrder("DESIGN", "DESIGN")));

        call(HttpMethod.PUT, testUrl() + "/results", staff, "{\"key\": \"REV-2\", \"attribute\": \"A\", \"outcome\": \"PASS\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(0));
        call(HttpMethod.PUT, testUrl() + "/results", manager, "{\"row\": 3, \"attribute\": \"A\", \"outcome\": \"PASS\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("row"));
        call(HttpMethod.PUT, testUrl() + "/deviations/" + deviationId, staff,
                "{\"description\": \"Removed late\", \"cause\": \"Ticket late\", \"nature\": \"ISOLATED\", \"version\": 0}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.nature").value("ISOLATED"));
        call(HttpMethod.POST, testUrl() + "/extension", staff, "{\"additionalItems\": 2, \"reason\": \"Deviation D1\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.extensionRequests[0].performed").value(false));
        long v = tests.get(audit.staff(), audit.id(), test.id()).version();
        call(HttpMethod.PUT, testUrl(), staff, "{\"procedures\": [{\"method\": \"INQUIRY\", \"text\": \"Ask\"}], "
                + "\"attributes\": [{\"code\": \"A\", \"description\": \"Signed\"}, {\"code\": \"B\", \"description\": \"Timely\"}], "
                + "\"manualItems\": [{\"key\": \"REV-1\"}, {\"key\": \"REV-2\"}], \"version\": " + v + "}")
                .andExpect(status().isOk());
        v++;
        call(HttpMethod.POST, testUrl() + "/conclusion", staff, "{\"conclusion\": \"EFFECTIVE_WITH_EXCEPTIONS\", "
                + "\"resultWording\": \"1 of 2 reviews late\", \"version\": " + v + "}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", Matchers.containsString("Inquiry alone is not sufficient evidence")));
        call(HttpMethod.PUT, testUrl(), staff, "{\"procedures\": [{\"method\": \"REPERFORMANCE\", \"text\": \"Redo\"}], "
                + "\"attributes\": [{\"code\": \"A\", \"description\": \"Signed\"}, {\"code\": \"B\", \"description\": \"Timely\"}], "
                + "\"manualItems\": [{\"key\": \"REV-1\"}, {\"key\": \"REV-2\"}], \"version\": " + v + "}")
                .andExpect(status().isOk());
        v++;
        call(HttpMethod.POST, testUrl() + "/conclusion", staff, "{\"conclusion\": \"EFFECTIVE_WITH_EXCEPTIONS\", "
                + "\"resultWording\": \"1 of 2 reviews late\", \"version\": " + (v - 1) + "}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].field").value("version"));
        call(HttpMethod.POST, testUrl() + "/conclusion", staff, "{\"conclusion\": \"EFFECTIVE_WITH_EXCEPTIONS\", "
                + "\"resultWording\": \"1 of 2 reviews late\", \"version\": " + v + "}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.conclusion").value("EFFECTIVE_WITH_EXCEPTIONS"));
        v++;
        call(HttpMethod.POST, testUrl() + "/sign-off/preparer", staff, "{\"version\": " + v + "}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.preparer.by", Matchers.containsString(audit.staff().email())));
        v++;
        // review notes: reviewers add and clear, preparers answer
        call(HttpMethod.POST, testUrl() + "/review-notes", staff, "{\"text\": \"x\"}").andExpect(status().isForbidden());
        call(HttpMethod.POST, testUrl() + "/review-notes/" + noteId + "/clear", staff, null).andExpect(status().isForbidden());
        call(HttpMethod.POST, testUrl() + "/review-notes/" + noteId + "/respond", staff, "{\"response\": \"Done\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.response").value("Done"));
        call(HttpMethod.POST, testUrl() + "/review-notes/" + noteId + "/clear", manager, null)
                .andExpect(status().isOk()).andExpect(jsonPath("$.clearedBy", Matchers.containsString(audit.manager().email())));
        call(HttpMethod.POST, testUrl() + "/review-notes", partner, "{\"text\": \"One more look\"}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.ref").value("RN2"));
        UUID second = tests.get(audit.staff(), audit.id(), test.id()).reviewNotes().get(1).id();
        call(HttpMethod.POST, testUrl() + "/review-notes/" + second + "/clear", partner, null).andExpect(status().isOk());
        v = tests.get(audit.staff(), audit.id(), test.id()).version();
        // staff never sign off as reviewer, the preparer never reviews their own work
        call(HttpMethod.POST, testUrl() + "/sign-off/reviewer", staff, "{\"version\": " + v + "}").andExpect(status().isForbidden());
        call(HttpMethod.POST, testUrl() + "/sign-off/reviewer", audit.in().secondBearer(), "{\"version\": " + v + "}")
                .andExpect(status().isForbidden());
        call(HttpMethod.POST, testUrl() + "/sign-off/reviewer", manager, "{\"version\": " + v + "}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.locked").value(true));
        v++;
        call(HttpMethod.PUT, testUrl() + "/results", staff, "{\"key\": \"REV-2\", \"attribute\": \"B\", \"outcome\": \"PASS\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", Matchers.containsString("locked")));
        call(HttpMethod.POST, testUrl() + "/reopen", staff, "{\"reason\": \"x\", \"version\": " + v + "}")
                .andExpect(status().isForbidden());
        call(HttpMethod.POST, testUrl() + "/reopen", partner, "{\"version\": " + v + "}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        call(HttpMethod.POST, testUrl() + "/reopen", partner, "{\"reason\": \"New evidence for REV-1\", \"version\": " + v + "}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.locked").value(false))
                .andExpect(jsonPath("$.preparer").doesNotExist())
                .andExpect(jsonPath("$.history[*].action", Matchers.hasItem("reopened")));
        call(HttpMethod.PUT, testUrl() + "/results", staff, "{\"key\": \"REV-2\", \"attribute\": \"B\", \"outcome\": \"PASS\"}")
                .andExpect(status().isOk());
    }

    @Test
    void theClientReadsTheDeviationsOfItsEngagementAndOnlyItsResponders() throws Exception {
        String url = "/api/v1/engagements/" + audit.id() + "/deviations";
        long version = 0;
        for (Role role : TestOrg.ROLES) {
            boolean responds = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER || role == Role.CONTROL_OWNER;
            ResultActions read = call(HttpMethod.GET, url, audit.client().bearer(role), null);
            ResultActions write = call(HttpMethod.POST, url + "/" + deviationId + "/response", audit.client().bearer(role),
                    "{\"response\": \"Response by " + role + "\", \"version\": " + version + "}");
            if (responds) {
                read.andExpect(status().isOk()).andExpect(jsonPath("$[0].ref").value("D1"))
                        .andExpect(jsonPath("$[0].controlRef").value("AC-01"))
                        .andExpect(jsonPath("$[0].description").value("Late"));
                write.andExpect(status().isOk())
                        .andExpect(jsonPath("$.managementResponse").value("Response by " + role));
                version++;
            } else {
                read.andExpect(status().isForbidden());
                write.andExpect(status().isForbidden());
            }
        }
        // a stale version and an empty response are refused
        call(HttpMethod.POST, url + "/" + deviationId + "/response", audit.client().bearer(Role.ADMIN),
                "{\"response\": \"x\", \"version\": 0}").andExpect(status().isConflict());
        call(HttpMethod.POST, url + "/" + deviationId + "/response", audit.client().bearer(Role.ADMIN),
                "{\"response\": \" \", \"version\": " + version + "}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("response"));
        // the auditors read the same deviations with the response, and can never write it
        for (Role role : TestFirm.ROLES) {
            call(HttpMethod.GET, url, audit.in().bearer(role), null).andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].managementResponse").value("Response by CONTROL_OWNER"));
            call(HttpMethod.POST, url + "/" + deviationId + "/response", audit.in().bearer(role),
                    "{\"response\": \"auditor text\", \"version\": " + version + "}").andExpect(status().isForbidden());
        }
        // the client's response was recorded without touching the auditor's workpaper
        TestOfControl after = tests.get(audit.staff(), audit.id(), test.id());
        assertThat(after.version()).isEqualTo(test.version());
        assertThat(after.deviations().getFirst().managementResponse()).isEqualTo("Response by CONTROL_OWNER");
    }

    @Test
    void otherOrganizationsFirmsAndEngagementsGet404() throws Exception {
        String deviations = "/api/v1/engagements/" + audit.id() + "/deviations";
        TestOrg stranger = TestOrg.create(identity);
        call(HttpMethod.GET, deviations, stranger.bearer(Role.ADMIN), null).andExpect(status().isNotFound());
        call(HttpMethod.POST, deviations + "/" + deviationId + "/response", stranger.bearer(Role.ADMIN),
                "{\"response\": \"x\", \"version\": 0}").andExpect(status().isNotFound());
        // the client's other engagement does not hold this deviation
        Engagement other = engagements.create(audit.client().admin(), new EngagementDraft("Other " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, Audit.START.minusYears(1), Audit.END.minusYears(1), List.of(), null,
                null, null, null, null, null));
        call(HttpMethod.POST, "/api/v1/engagements/" + other.id() + "/deviations/" + deviationId + "/response",
                audit.client().bearer(Role.ADMIN), "{\"response\": \"x\", \"version\": 0}").andExpect(status().isNotFound());
        call(HttpMethod.GET, "/api/v1/engagements/" + other.id() + "/deviations", audit.client().bearer(Role.ADMIN), null)
                .andExpect(status().isOk()).andExpect(jsonPath("$", Matchers.hasSize(0)));

        // a second firm in the same engagement sees none of the first firm's workpapers
        TestFirm rival = TestFirm.create(identity);
        TestFirm.Inside rivalIn = rival.inside(identity, access, audit.client(), audit.id());
        String r = rivalIn.bearer(Role.AUDIT_PARTNER);
        call(HttpMethod.GET, tests(), r, null).andExpect(status().isOk()).andExpect(jsonPath("$", Matchers.hasSize(0)));
        call(HttpMethod.GET, deviations, r, null).andExpect(status().isOk()).andExpect(jsonPath("$", Matchers.hasSize(0)));
        for (Object[] e : auditorEndpoints()) {
            String url = (String) e[1];
            if (url.contains(test.id().toString())) {
                call((HttpMethod) e[0], url, r, (String) e[2]).andExpect(status().isNotFound());
            }
        }
        // the same firm inside another client's engagement cannot reach this one
        Audit elsewhere = Audit.create(identity, engagements, access, controls, ReportType.TYPE2);
        call(HttpMethod.GET, testUrl(), elsewhere.in().bearer(Role.AUDIT_PARTNER), null).andExpect(status().isNotFound());
        call(HttpMethod.GET, tests(), elsewhere.in().bearer(Role.AUDIT_PARTNER), null).andExpect(status().isNotFound());
        call(HttpMethod.GET, "/api/v1/engagements/" + elsewhere.id() + "/tests/" + test.id(),
                elsewhere.in().bearer(Role.AUDIT_PARTNER), null).andExpect(status().isNotFound());
        // nothing changed
        assertThat(tests.get(audit.staff(), audit.id(), test.id()).version()).isEqualTo(test.version());
    }

    @Test
    void theFrequencyTableIsReadByTheFirmAndChangedByItsPartnerInTheFirm() throws Exception {
        String url = "/api/v1/firm/frequency-table";
        TestFirm firm = audit.firm();
        String body = "{\"sizes\": {\"WEEKLY\": 8}, \"defaultConfidence\": 0.9, \"version\": 0}";
        for (Role role : TestFirm.ROLES) {
            String atFirm = "Bearer " + identity.issueToken(firm.user(role), "test").token();
            call(HttpMethod.GET, url, atFirm, null).andExpect(status().isOk())
                    .andExpect(jsonPath("$.sizes.MONTHLY").value(2)).andExpect(jsonPath("$.sizes.DAILY").value(25))
                    .andExpect(jsonPath("$.sizes.SEVERAL_TIMES_A_DAY").value(40))
                    .andExpect(jsonPath("$.automatedNote", Matchers.containsString("ITGC reliance required")));
            call(HttpMethod.GET, url, audit.in().bearer(role), null).andExpect(status().isOk());
            call(HttpMethod.PUT, url, audit.in().bearer(role), body).andExpect(status().isForbidden());
            if (role != Role.AUDIT_PARTNER) {
                call(HttpMethod.PUT, url, atFirm, body).andExpect(status().isForbidden());
            }
        }
        for (Role role : TestOrg.ROLES) {
            call(HttpMethod.GET, url, audit.client().bearer(role), null).andExpect(status().isForbidden());
            call(HttpMethod.PUT, url, audit.client().bearer(role), body).andExpect(status().isForbidden());
        }
        String partner = "Bearer " + identity.issueToken(firm.user(Role.AUDIT_PARTNER), "test").token();
        call(HttpMethod.PUT, url, partner, "{\"sizes\": {\"WEEKLY\": 0, \"EVENT_DRIVEN\": 3}, \"defaultConfidence\": 0.8, "
                + "\"version\": 0}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("sizes.WEEKLY", "sizes.EVENT_DRIVEN",
                        "defaultConfidence")));
        call(HttpMethod.PUT, url, partner, body).andExpect(status().isOk())
                .andExpect(jsonPath("$.sizes.WEEKLY").value(8)).andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.customized").value(true));
        call(HttpMethod.PUT, url, partner, body).andExpect(status().isConflict());
        // another firm keeps its defaults
        TestFirm rival = TestFirm.create(identity);
        String rivalPartner = "Bearer " + identity.issueToken(rival.user(Role.AUDIT_PARTNER), "test").token();
        JsonNode rivalTable = json.readTree(call(HttpMethod.GET, url, rivalPartner, null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(rivalTable.path("sizes").path("WEEKLY").asInt()).isEqualTo(5);
        // the firm's auditors size new tests with it inside the client
        var weekly = controls.create(audit.client().admin(), new dev.assayer.control.ControlDraft("OP-09", "Weekly backup check",
                null, null, dev.assayer.control.Nature.MANUAL, dev.assayer.control.ControlKind.DETECTIVE,
                dev.assayer.control.Frequency.WEEKLY, false, null, List.of(), List.of()));
        call(HttpMethod.POST, tests(), audit.in().bearer(Role.AUDIT_STAFF), "{\"controlId\": \"" + weekly.id()
                + "\", \"kind\": \"OPERATING_EFFECTIVENESS\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.sizing.sampleSize").value(8))
                .andExpect(jsonPath("$.sizing.note", Matchers.containsString("8 items per the firm's frequency table")));
        assertThat(tests.list(audit.staff(), audit.id())).filteredOn(t -> t.controlRef().equals("OP-09")).singleElement()
                .satisfies(t -> assertThat(tests.get(audit.staff(), audit.id(), t.id()).sizing().confidence())
                        .isEqualByComparingTo("0.9"));
    }
}
