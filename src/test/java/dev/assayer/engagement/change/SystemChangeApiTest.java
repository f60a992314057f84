package dev.assayer.engagement.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.DetectedChange;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SystemChange;
import dev.assayer.engagement.SystemChangeService;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SystemChangeApiTest extends IntegrationTest {

    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired SystemChangeService changes;
    @Autowired ControlService controls;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;
    Engagement soc2;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        soc2 = engagements.create(acme.admin(), new EngagementDraft("SOC 2 Type II " + UUID.randomUUID(), Framework.SOC2,
                ReportType.TYPE2, null, START, END, List.of(), null, null, null, null, null, null));
    }

    static String change(LocalDate on, String area, String description, boolean significant) {
        return """
                {"changedOn": "%s", "area": "%s", "description": "%s", "significant": %s, "sourceRef": "CHG-1"}"""
                .formatted(on, area, description, significant);
    }

    String base() {
        return "/api/v1/engagements/" + soc2.id() + "/system-changes";
    }

    ResultActions post(String token, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode recorded(String body) throws Exception {
        return json.readTree(post(acme.bearer(Role.COMPLIANCE_MANAGER), base(), body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void engagementWritersRecordChangesWithWhoAndWhenOthersAreRefused() throws Exception {
        for (Role role : TestOrg.ROLES) {
            boolean allowed = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER;
            post(acme.bearer(role), base(), change(START.plusDays(10), "infrastructure", "Database moved by " + role, true))
                    .andExpect(allowed ? status().isCreated() : status().isForbidden());
        }
        for (Role role : TestOrg.ROLES) {
            mvc.perform(get(base()).header("Authorization", acme.bearer(role))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.length()").value(2));
        }
        List<SystemChange> list = changes.list(acme.id(), soc2.id());
        assertThat(list).hasSize(2).allSatisfy(c -> {
            assertThat(c.recordedBy()).isNotBlank();
            assertThat(c.recordedAt()).isNotNull();
            assertThat(c.source()).isEqualTo("manual");
            assertThat(c.area()).isEqualTo("infrastructure");
        });
    }

    @Test
    void theAuditFirmReadsChangesButCannotRecordThem() throws Exception {
        recorded(change(START.plusDays(3), "software", "New API version", false));
        TestFirm firm = TestFirm.create(identity);
        TestFirm.Inside in = firm.inside(identity, access, acme, soc2.id());
        for (Role role : TestFirm.ROLES) {
            mvc.perform(get(base()).header("Authorization", in.bearer(role))).andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].description").value("New API version"));
            post(in.bearer(role), base(), change(START.plusDays(4), "software", "Auditor's change", false))
                    .andExpect(status().isForbidden());
            mvc.perform(get(base() + "/detected").header("Authorization", in.bearer(role)))
                    .andExpect(status().isForbidden());
        }
        assertThat(changes.list(acme.id(), soc2.id())).hasSize(1);
    }

    @Test
    void anotherOrganizationsChangesAreNotFound() throws Exception {
        JsonNode c = recorded(change(START.plusDays(3), "people", "New on-call rotation", false));
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get(base()).header("Authorization", other.bearer(Role.ADMIN))).andExpect(status().isNotFound());
        mvc.perform(get(base() + "/" + c.get("id").asString()).header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        post(other.bearer(Role.ADMIN), base(), change(START.plusDays(3), "people", "Sneaky", false))
                .andExpect(status().isNotFound());
        post(other.bearer(Role.ADMIN), base() + "/" + c.get("id").asString() + "/withdrawal",
                "{\"reason\": \"x\", \"version\": 0}").andExpect(status().isNotFound());
        mvc.perform(get(base() + "/detected").header("Authorization", other.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        assertThat(changes.list(acme.id(), soc2.id())).singleElement()
                .satisfies(x -> assertThat(x.description()).isEqualTo("New on-call rotation"));
    }

    @Test
    void everyProblemOfAChangeIsReportedWithItsField() throws Exception {
        post(acme.bearer(Role.ADMIN), base(), "{\"area\": \"weather\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("changedOn", "area", "description",
                        "significant")));
        post(acme.bearer(Role.ADMIN), base(), change(END.plusDays(1), "data", "After the period", true))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("changedOn"));
        assertThat(changes.list(acme.id(), soc2.id())).isEmpty();
    }

    @Test
    void aCorrectionSupersedesAndAWithdrawalKeepsTheChangeWithItsReason() throws Exception {
        JsonNode first = recorded(change(START.plusDays(30), "software", "Moved to Kotlin 2", false));
        JsonNode early = recorded(change(START.plusDays(5), "data", "New retention rule", false));
        String id = first.get("id").asString();
        JsonNode corrected = json.readTree(post(acme.bearer(Role.ADMIN), base() + "/" + id + "/correction",
                change(START.plusDays(31), "software", "Moved the API services to Kotlin 2.1", true)
                        .replace("}", ", \"version\": 0}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.supersedes").value(id))
                .andReturn().getResponse().getContentAsString());
        // the old version cannot be corrected again, nor with a stale version
        post(acme.bearer(Role.ADMIN), base() + "/" + id + "/correction",
                change(START.plusDays(31), "software", "Again", true).replace("}", ", \"version\": 1}"))
                .andExpect(status().isConflict());
        post(acme.bearer(Role.ADMIN), base() + "/" + corrected.get("id").asString() + "/withdrawal",
                "{\"reason\": \"x\", \"version\": 7}").andExpect(status().isConflict());
        post(acme.bearer(Role.ADMIN), base() + "/" + early.get("id").asString() + "/withdrawal",
                "{\"version\": 0}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        post(acme.bearer(Role.ADMIN), base() + "/" + early.get("id").asString() + "/withdrawal",
                "{\"reason\": \"Recorded in the wrong engagement\", \"version\": 0}").andExpect(status().isOk())
                .andExpect(jsonPath("$.withdrawnReason").value("Recorded in the wrong engagement"))
                .andExpect(jsonPath("$.withdrawnBy", Matchers.containsString(acme.admin().name())));

        assertThat(changes.list(acme.id(), soc2.id())).singleElement().satisfies(c -> {
            assertThat(c.description()).isEqualTo("Moved the API services to Kotlin 2.1");
            assertThat(c.significant()).isTrue();
        });
        mvc.perform(get(base()).header("Authorization", acme.bearer(Role.VIEWER))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3));
        mvc.perform(get(base() + "?current=true").header("Authorization", acme.bearer(Role.VIEWER)))
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void theReportListsRecordedChangesOldestFirst() throws Exception {
        recorded(change(START.plusDays(40), "people", "Second", false));
        recorded(change(START.plusDays(2), "procedures", "First", true));
        assertThat(changes.list(acme.id(), soc2.id())).extracting(SystemChange::description)
                .containsExactly("First", "Second");
    }

    @Test
    void factsOfThePeriodAreProposedAndAPersonRecordsOrDismissesThem() throws Exception {
        Control c = controls.create(acme.admin(), new ControlDraft("CM-" + UUID.randomUUID().toString().substring(0, 6),
                "Change approval", null, null, Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.PER_EVENT, true,
                ImplementationStatus.IMPLEMENTED, List.of("CC8.1"), List.of()));
        controls.update(acme.admin(), c.id(), new ControlDraft(null, null, null, null, null, null, null, null,
                ImplementationStatus.NOT_APPLICABLE, null, null), c.version());

        JsonNode detected = json.readTree(mvc.perform(get(base() + "/detected")
                .header("Authorization", acme.bearer(Role.AUDITOR))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        JsonNode created = find(detected, "CONTROL_CREATED");
        JsonNode retired = find(detected, "CONTROL_RETIRED");
        assertThat(created.get("status").asString()).isEqualTo("DETECTED");
        assertThat(created.get("summary").asString()).contains(c.ref());
        assertThat(retired.get("proposedArea").asString()).isEqualTo("controls");
        // nothing detected reaches the report until a person records it
        assertThat(changes.list(acme.id(), soc2.id())).isEmpty();
        mvc.perform(get(base() + "/detected").header("Authorization", acme.bearer(Role.VIEWER)))
                .andExpect(status().isForbidden());

        // recording needs the person's wording and significance
        post(acme.bearer(Role.COMPLIANCE_MANAGER), base(), "{\"detectionKey\": \"" + retired.get("key").asString()
                + "\", \"description\": \"Change approval retired\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("significant"));
        post(acme.bearer(Role.CONTROL_OWNER), base(), "{\"detectionKey\": \"" + retired.get("key").asString()
                + "\", \"description\": \"x\", \"significant\": true}").andExpect(status().isForbidden());
        post(acme.bearer(Role.COMPLIANCE_MANAGER), base(), "{\"detectionKey\": \"" + retired.get("key").asString()
                + "\", \"description\": \"Manual change approval replaced by branch protection\", \"significant\": true}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.source").value("control retired"))
                .andExpect(jsonPath("$.area").value("controls"));
        post(acme.bearer(Role.ADMIN), base() + "/detected/dismissal", "{\"key\": \"" + created.get("key").asString() + "\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DISMISSED"))
                .andExpect(jsonPath("$.decidedBy", Matchers.containsString(acme.admin().name())));
        post(acme.bearer(Role.ADMIN), base() + "/detected/dismissal", "{\"key\": \"" + created.get("key").asString() + "\"}")
                .andExpect(status().isConflict());
        post(acme.bearer(Role.ADMIN), base() + "/detected/dismissal", "{\"key\": \"no-such-key\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("key"));

        List<DetectedChange> after = changes.detected(acme.admin(), soc2.id());
        assertThat(after).filteredOn(d -> d.key().equals(retired.get("key").asString())).singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(DetectedChange.RECORDED);
                    assertThat(d.changeId()).isNotNull();
                    assertThat(d.decidedBy()).contains(acme.user(Role.COMPLIANCE_MANAGER).name());
                });
        assertThat(changes.list(acme.id(), soc2.id())).singleElement()
                .satisfies(x -> assertThat(x.recordedBy()).contains(acme.user(Role.COMPLIANCE_MANAGER).name()));
    }

    private static JsonNode find(JsonNode list, String kind) {
        for (JsonNode n : list) {
            if (n.get("kind").asString().equals(kind)) {
                return n;
            }
        }
        throw new AssertionError("no detected " + kind + " in " + list);
    }
}
