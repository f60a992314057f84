package dev.assayer.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PeopleApiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired PeopleService people;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();
    TestOrg acme;

    /** Dates relative to today (UTC, as the service counts), so the test means the same on any day. */
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
    }

    static String person(String name, String email, LocalDate start, LocalDate end, String manager) {
        return """
                {"name": "%s", "email": "%s", "jobTitle": "Engineer", "department": "R&D", "managerEmail": %s,
                 "startDate": "%s", "endDate": %s, "employmentType": "EMPLOYEE"}""".formatted(name, email,
                manager == null ? "null" : "\"" + manager + "\"", start, end == null ? "null" : "\"" + end + "\"");
    }

    ResultActions post(Role role, String path, String body) throws Exception {
        return post(acme, role, path, body);
    }

    ResultActions post(TestOrg o, Role role, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", o.bearer(role)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    ResultActions csv(Role role, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", acme.bearer(role)).contentType("text/csv").content(body));
    }

    ResultActions read(Role role, String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", acme.bearer(role)));
    }

    String create(String body) throws Exception {
        return json.readTree(post(Role.ADMIN, "/api/v1/people", body).andExpect(status().isCreated()).andReturn()
                .getResponse().getContentAsString()).get("id").asString();
    }

    long count(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM person WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    @Test
    void createsReadsListsAndReplacesAPersonWithTheVersion() throws Exception {
        String grace = create(person("Grace Hopper", "grace@example.test", TODAY.minusYears(3), null, null));
        post(Role.COMPLIANCE_MANAGER, "/api/v1/people",
                person("Ada Lovelace", "Ada@Example.TEST", TODAY.minusDays(10), null, "GRACE@example.test"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/people/")))
                .andExpect(jsonPath("$.email").value("ada@example.test"))
                .andExpect(jsonPath("$.managerEmail").value("grace@example.test"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.onboardingDue").value(TODAY.plusDays(20).toString()))
                .andExpect(jsonPath("$.revocationDue").doesNotExist())
                .andExpect(jsonPath("$.flags").isEmpty())
                .andExpect(jsonPath("$.version").value(0));
        create(person("Old Timer", "old@example.test", TODAY.minusYears(2), TODAY.minusDays(40), null));
        create(person("New Starter", "new@example.test", TODAY.plusDays(7), null, null));
        read(Role.VIEWER, "/api/v1/people").andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", Matchers.contains("Ada Lovelace", "Grace Hopper", "New Starter",
                        "Old Timer")));
        read(Role.AUDITOR, "/api/v1/people?status=active").andExpect(jsonPath("$[*].name",
                Matchers.contains("Ada Lovelace", "Grace Hopper")));
        read(Role.AUDITOR, "/api/v1/people?status=terminated").andExpect(jsonPath("$[*].name",
                Matchers.contains("Old Timer")));
        read(Role.AUDITOR, "/api/v1/people?status=upcoming").andExpect(jsonPath("$[*].name",
                Matchers.contains("New Starter")));
        read(Role.AUDITOR, "/api/v1/people?q=LOVE").andExpect(jsonPath("$[*].name", Matchers.contains("Ada Lovelace")));
        read(Role.AUDITOR, "/api/v1/people?status=retired").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));

        String changed = person("Grace B. Hopper", "grace@example.test", TODAY.minusYears(3), TODAY.minusDays(5), null)
                .replace("{", "{\"version\": 0, ");
        mvc.perform(put("/api/v1/people/" + grace).header("Authorization", acme.bearer(Role.COMPLIANCE_MANAGER))
                        .contentType(MediaType.APPLICATION_JSON).content(changed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Grace B. Hopper"))
                .andExpect(jsonPath("$.status").value("TERMINATED"))
                .andExpect(jsonPath("$.revocationDue").value(TODAY.minusDays(4).toString()))
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(put("/api/v1/people/" + grace).header("Authorization", acme.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(changed))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("version"));
        mvc.perform(put("/api/v1/people/" + grace).header("Authorization", acme.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(person("X", "grace@example.test", TODAY, null, null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        String got = read(Role.ADMIN, "/api/v1/people/" + grace).andReturn().getResponse().getContentAsString();
        mvc.perform(put("/api/v1/people/" + grace).header("Authorization", acme.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(got))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
    }

    @Test
    void validationNamesEveryFieldAndStoresNothing() throws Exception {
        post(Role.ADMIN, "/api/v1/people", """
                {"name": " ", "email": "not-an-address", "managerEmail": "nobody@example.test",
                 "startDate": "2026-02-01", "endDate": "2026-01-01"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("name", "email", "endDate",
                        "managerEmail")));
        post(Role.ADMIN, "/api/v1/people", "{\"name\": \"A\", \"email\": \"a@example.test\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("startDate"));
        post(Role.ADMIN, "/api/v1/people", person("A", "a@example.test", TODAY, null, null)
                .replace("\"EMPLOYEE\"", "\"VOLUNTEER\"")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("employmentType"));
        post(Role.ADMIN, "/api/v1/people", person("A", "a@example.test", TODAY, null, "a@example.test"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message", Matchers.containsString("own manager")));
        assertThat(count(acme.id())).isZero();
        create(person("A", "a@example.test", TODAY, null, null));
        post(Role.ADMIN, "/api/v1/people", person("Another A", "A@example.test", TODAY, null, null))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("email"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("already on the roster")));
        assertThat(count(acme.id())).isEqualTo(1);
    }

    @Test
    void aNewEmailAddressIsCarriedOverToThePeopleItManages() throws Exception {
        String boss = create(person("Boss", "boss@example.test", TODAY.minusYears(1), null, null));
        String report = create(person("Report", "report@example.test", TODAY.minusYears(1), null, "boss@example.test"));
        mvc.perform(put("/api/v1/people/" + boss).header("Authorization", acme.bearer(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(person("Boss", "chief@example.test", TODAY.minusYears(1), null, null)
                                .replace("{", "{\"version\": 0, ")))
                .andExpect(status().isOk());
        read(Role.VIEWER, "/api/v1/people/" + report)
                .andExpect(jsonPath("$.managerEmail").value("chief@example.test"))
                .andExpect(jsonPath("$.version").value(1));
        assertThat(people.findByEmail(acme.id(), "BOSS@example.test")).isEmpty();
        assertThat(people.findByEmail(acme.id(), "Chief@example.test")).hasValueSatisfying(p ->
                assertThat(p.id()).hasToString(boss));
        assertThat(activity.recent(acme.id(), "person", report, 10)).extracting(ActivityEntry::action)
                .containsExactly("updated", "created");
    }

    static final String HR_EXPORT = """
            Full Name,Work Email,Job Title,Department,Manager Email,Hire Date,Termination Date,Worker Type,Employee ID
            Grace Hopper,grace@example.test,CTO,R&D,,2020-01-06,,Full-time,1
            Ada Lovelace,ada@example.test,Engineer,R&D,grace@example.test,2026-01-05,,Employee,2
            Linus T,linus@example.test,Intern,R&D,ada@example.test,2026-02-01,2026-05-29,intern,3
            """;

    @Test
    void aRosterImportUpsertsByEmailAndCountsWhatItDid() throws Exception {
        csv(Role.COMPLIANCE_MANAGER, "/api/v1/people/import", HR_EXPORT)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(3))
                .andExpect(jsonPath("$.updated").value(0))
                .andExpect(jsonPath("$.unchanged").value(0))
                .andExpect(jsonPath("$.ignoredColumns", Matchers.contains("Employee ID")));
        assertThat(people.findByEmail(acme.id(), "linus@example.test")).hasValueSatisfying(p -> {
            assertThat(p.managerEmail()).isEqualTo("ada@example.test");
            assertThat(p.endDate()).isEqualTo("2026-05-29");
            assertThat(p.employmentType()).isEqualTo(EmploymentType.INTERN);
        });
        MockMultipartFile file = new MockMultipartFile("file", "hr.csv", "text/csv",
                HR_EXPORT.replace("2026-05-29", "2026-06-30").getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/v1/people/import").file(file).header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.updated").value(1))
                .andExpect(jsonPath("$.unchanged").value(2));
        assertThat(activity.recent(acme.id(), "people-import", null, 5)).extracting(ActivityEntry::action)
                .containsExactly("roster imported", "roster imported");
    }

    @Test
    void aRosterImportWithAnyBadLineImportsNothingAndReportsEveryLineAndField() throws Exception {
        create(person("Grace Hopper", "grace@example.test", TODAY.minusYears(3), null, null));
        csv(Role.ADMIN, "/api/v1/people/import", """
                name,email,title,department,manager_email,start_date,end_date,employment_type
                Ada,ada@example.test,,,grace@example.test,2026-01-05,,employee
                Bob,bob@example.test,,,ghost@example.test,2026-01-05,,employee
                Cy,cy@example.test,,,,2026-02-30,,employee
                Dee,dee@example.test,,,,2026-03-01,2026-02-01,employee
                Ada Again,ada@example.test,,,,2026-01-05,,employee
                Eve,eve@example.test,,,,2026-01-05,,volunteer
                """)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid import"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("nothing was imported")))
                .andExpect(jsonPath("$.errors[*].line", Matchers.contains(3, 4, 5, 6, 7)))
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("manager_email", "start_date", "end_date",
                        "email", "employment_type")));
        assertThat(count(acme.id())).isEqualTo(1);
        csv(Role.ADMIN, "/api/v1/people/import", "").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].line").value(1));
    }

    @Test
    void checklistItemsAreRecordedClearedAndALateRevocationIsFlagged() throws Exception {
        String id = create(person("Leaver", "leaver@example.test", TODAY.minusYears(1), TODAY.minusDays(10), null));
        read(Role.VIEWER, "/api/v1/people/" + id + "/checklist")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onboarding[*].item", Matchers.contains("POLICY_ACKNOWLEDGEMENT",
                        "SECURITY_TRAINING", "BACKGROUND_CHECK", "ACCESS_PROVISIONED")))
                .andExpect(jsonPath("$.onboarding[0].status").value("OVERDUE"))
                .andExpect(jsonPath("$.revocationDue").value(TODAY.minusDays(9).toString()))
                .andExpect(jsonPath("$.offboarding[0].item").value("ACCESS_REVOKED"))
                .andExpect(jsonPath("$.offboarding[0].status").value("OVERDUE"))
                .andExpect(jsonPath("$.offboarding[0].daysLate").value(9));
        post(Role.COMPLIANCE_MANAGER, "/api/v1/people/" + id + "/checklist/access-revoked",
                "{\"completedOn\": \"" + TODAY.minusDays(6) + "\", \"reference\": \"IT-991\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DONE_LATE"))
                .andExpect(jsonPath("$.daysLate").value(3))
                .andExpect(jsonPath("$.flag", Matchers.startsWith("Late revocation: access revoked 3 days")))
                .andExpect(jsonPath("$.reference").value("IT-991"))
                .andExpect(jsonPath("$.recordedBy", Matchers.containsString(acme.user(Role.COMPLIANCE_MANAGER).email())));
        read(Role.AUDITOR, "/api/v1/people/" + id)
                .andExpect(jsonPath("$.flags[0]", Matchers.startsWith("Late revocation")));
        read(Role.AUDITOR, "/api/v1/people/offboarding/late-revocations")
                .andExpect(jsonPath("$[0].email").value("leaver@example.test"))
                .andExpect(jsonPath("$[0].daysLate").value(3));
        assertThat(people.lateRevocations(acme.id(), TODAY)).singleElement()
                .satisfies(r -> assertThat(r.revokedOn()).isEqualTo(TODAY.minusDays(6)));
        post(Role.ADMIN, "/api/v1/people/" + id + "/checklist/access-revoked", "{}")
                .andExpect(status().isConflict());
        post(Role.ADMIN, "/api/v1/people/" + id + "/checklist/policy_acknowledgement",
                "{\"completedOn\": \"" + TODAY.plusDays(1) + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("completedOn"));
        post(Role.ADMIN, "/api/v1/people/" + id + "/checklist/coffee", "{}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("item"));
        mvc.perform(delete("/api/v1/people/" + id + "/checklist/access-revoked").header("Authorization",
                acme.bearer(Role.ADMIN))).andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/people/" + id + "/checklist/access-revoked").header("Authorization",
                acme.bearer(Role.ADMIN))).andExpect(status().isNotFound());
        read(Role.VIEWER, "/api/v1/people/" + id + "/checklist")
                .andExpect(jsonPath("$.offboarding[0].status").value("OVERDUE"));
        assertThat(activity.recent(acme.id(), "person-checklist", id, 10)).extracting(ActivityEntry::action)
                .containsExactly("cleared access-revoked", "recorded access-revoked");

        String stayer = create(person("Stayer", "stayer@example.test", TODAY.minusDays(3), null, null));
        post(Role.ADMIN, "/api/v1/people/" + stayer + "/checklist/access-revoked", "{}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("item"));
        post(Role.ADMIN, "/api/v1/people/" + stayer + "/checklist/access-provisioned", "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.completedOn").value(TODAY.toString()))
                .andExpect(jsonPath("$.status").value("DONE"));
    }

    @Test
    void trainingAndBackgroundChecksCompleteTheOnboardingItemsAndOverdueTrainingIsListed() throws Exception {
        String ada = create(person("Ada", "ada@example.test", TODAY.minusDays(60), null, null));
        String bob = create(person("Bob", "bob@example.test", TODAY.minusDays(10), null, null));
        String cy = create(person("Cy", "cy@example.test", TODAY.minusYears(3), null, null));
        create(person("Gone", "gone@example.test", TODAY.minusYears(3), TODAY.minusDays(1), null));
        post(Role.ADMIN, "/api/v1/people/" + cy + "/training",
                "{\"course\": \"Security Awareness\", \"completedOn\": \"" + TODAY.minusYears(1).minusDays(2) + "\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.expiresOn").value(TODAY.minusDays(2).toString()));
        assertThat(people.overdueTraining(acme.id(), TODAY)).extracting(TrainingDue::email, TrainingDue::dueOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ada@example.test", TODAY.minusDays(30)),
                        org.assertj.core.groups.Tuple.tuple("cy@example.test", TODAY.minusDays(2)));
        read(Role.AUDITOR, "/api/v1/people/training/overdue").andExpect(jsonPath("$[*].email",
                Matchers.contains("ada@example.test", "cy@example.test")));

        String record = json.readTree(post(Role.COMPLIANCE_MANAGER, "/api/v1/people/" + ada + "/training",
                "{\"course\": \"Security Awareness\", \"completedOn\": \"" + TODAY.minusDays(20) + "\"}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();
        post(Role.ADMIN, "/api/v1/people/" + ada + "/training",
                "{\"course\": \"security awareness\", \"completedOn\": \"" + TODAY.minusDays(20) + "\"}")
                .andExpect(status().isConflict());
        post(Role.ADMIN, "/api/v1/people/" + ada + "/training", "{\"completedOn\": \"" + TODAY.plusDays(2) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("course", "completedOn")));
        read(Role.VIEWER, "/api/v1/people/" + ada + "/checklist")
                .andExpect(jsonPath("$.onboarding[1].status").value("DONE_LATE"))
                .andExpect(jsonPath("$.onboarding[1].daysLate").value(10))
                .andExpect(jsonPath("$.onboarding[1].derivedFrom", Matchers.containsString("Security Awareness")));
        assertThat(people.overdueTraining(acme.id(), TODAY)).extracting(TrainingDue::email)
                .containsExactly("cy@example.test");

        post(Role.ADMIN, "/api/v1/people/" + bob + "/background-checks", """
                {"completedOn": "%s", "result": "CONSIDER", "provider": "Example Screening",
                 "findings": "must never be stored"}""".formatted(TODAY.minusDays(15)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.result").value("CONSIDER"))
                .andExpect(jsonPath("$.provider").value("Example Screening"))
                .andExpect(jsonPath("$.findings").doesNotExist());
        post(Role.ADMIN, "/api/v1/people/" + bob + "/background-checks", "{\"result\": \"MAYBE\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("result"));
        post(Role.ADMIN, "/api/v1/people/" + bob + "/background-checks", "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("completedOn", "result")));
        read(Role.VIEWER, "/api/v1/people/" + bob + "/background-checks")
                .andExpect(jsonPath("$", Matchers.hasSize(1)));
        read(Role.VIEWER, "/api/v1/people/" + bob + "/checklist")
                .andExpect(jsonPath("$.onboarding[2].status").value("DONE"))
                .andExpect(jsonPath("$.onboarding[2].completedOn").value(TODAY.minusDays(15).toString()));

        mvc.perform(delete("/api/v1/people/" + ada + "/training/" + record).header("Authorization",
                acme.bearer(Role.ADMIN))).andExpect(status().isNoContent());
        read(Role.VIEWER, "/api/v1/people/" + ada + "/training").andExpect(jsonPath("$").isEmpty());
        assertThat(activity.recent(acme.id(), "training-record", record, 10)).extracting(ActivityEntry::action)
                .containsExactly("deleted", "created");
    }

    @Test
    void aTrainingImportIsAllOrNothing() throws Exception {
        create(person("Ada", "ada@example.test", TODAY.minusDays(60), null, null));
        String body = "email,course,completed_on\nada@example.test,Security Awareness," + TODAY.minusDays(3) + "\n";
        csv(Role.ADMIN, "/api/v1/people/training/import", body + "ghost@example.test,Security Awareness,"
                + TODAY.minusDays(3) + "\n")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        assertThat(people.overdueTraining(acme.id(), TODAY)).hasSize(1);
        csv(Role.COMPLIANCE_MANAGER, "/api/v1/people/training/import", body)
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1));
        mvc.perform(multipart("/api/v1/people/training/import").file(new MockMultipartFile("file", "t.csv", "text/csv",
                        body.getBytes(StandardCharsets.UTF_8))).header("Authorization", acme.bearer(Role.ADMIN)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.unchanged").value(1));
        assertThat(people.overdueTraining(acme.id(), TODAY)).isEmpty();
    }

    @Test
    void aPopulationIsExtractedWithItsRecordAndTheCsvIsExactlyTheHashedBytes() throws Exception {
        LocalDate from = TODAY.minusDays(90);
        create(person("In period", "in@example.test", TODAY.minusDays(30), null, null));
        create(person("Edge", "edge@example.test", from, null, null));
        create(person("Before", "before@example.test", from.minusDays(1), null, null));
        String path = "/api/v1/people/populations/new-hires?from=" + from + "&to=" + TODAY;
        JsonNode first = json.readTree(read(Role.AUDITOR, path)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("NEW_HIRES"))
                .andExpect(jsonPath("$.columns[0]").value("email"))
                .andExpect(jsonPath("$.rows[*].email", Matchers.contains("edge@example.test", "in@example.test")))
                .andExpect(jsonPath("$.extraction.rowCount").value(2))
                .andExpect(jsonPath("$.extraction.extractedBy", Matchers.containsString(acme.user(Role.AUDITOR).email())))
                .andExpect(jsonPath("$.extraction.filter", Matchers.containsString("start_date")))
                .andExpect(jsonPath("$.csv").doesNotExist())
                .andReturn().getResponse().getContentAsString());
        String sha = first.get("extraction").get("sha256").asString();
        byte[] bytes = read(Role.VIEWER, "/api/v1/people/populations/new-hires.csv?from=" + from + "&to=" + TODAY)
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv")))
                .andExpect(header().string("X-Assayer-Sha256", sha))
                .andExpect(header().string("X-Assayer-Row-Count", "2"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(Hashing.sha256Hex(bytes)).isEqualTo(sha);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith(
                "email,name,title,department,manager_email,start_date,end_date,employment_type\nedge@example.test,Edge,");
        String extractionId = first.get("extraction").get("id").asString();
        assertThat(activity.recent(acme.id(), "people-population", extractionId, 5)).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("extracted");
            assertThat(a.actorId()).isEqualTo(acme.user(Role.AUDITOR).userId());
            assertThat(a.after()).contains(sha);
        });
        read(Role.AUDITOR, "/api/v1/people/populations").andExpect(jsonPath("$", Matchers.hasSize(2)))
                .andExpect(jsonPath("$[*].sha256", Matchers.everyItem(Matchers.is(sha))));

        create(person("Later", "later@example.test", TODAY.minusDays(1), null, null));
        read(Role.AUDITOR, path).andExpect(jsonPath("$.extraction.rowCount").value(3))
                .andExpect(jsonPath("$.extraction.sha256", Matchers.not(sha)));

        String t = create(person("Trainee", "trainee@example.test", TODAY.minusYears(2), TODAY.minusDays(2), null));
        post(Role.ADMIN, "/api/v1/people/" + t + "/training",
                "{\"course\": \"Security, Awareness\", \"completedOn\": \"" + TODAY.minusDays(5) + "\"}")
                .andExpect(status().isCreated());
        read(Role.AUDITOR, "/api/v1/people/populations/terminations?from=" + from + "&to=" + TODAY)
                .andExpect(jsonPath("$.rows[*].email", Matchers.contains("trainee@example.test")));
        byte[] training = read(Role.AUDITOR, "/api/v1/people/populations/training-completions.csv?from=" + from
                + "&to=" + TODAY).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(training, StandardCharsets.UTF_8)).startsWith(
                "training_id,email,name,course,completed_on,expires_on\n").contains("\"Security, Awareness\"")
                .contains(TODAY.minusDays(5).plusYears(1).toString());

        read(Role.AUDITOR, "/api/v1/people/populations/new-hires?from=" + TODAY + "&to=" + from)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("to"));
        read(Role.AUDITOR, "/api/v1/people/populations/new-hires?to=" + TODAY)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
        read(Role.AUDITOR, "/api/v1/people/populations/contractors?from=" + from + "&to=" + TODAY)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("kind"));
    }

    @Test
    void everyEndpointFollowsTheRoleMatrix() throws Exception {
        String id = create(person("Leaver", "leaver@example.test", TODAY.minusYears(1), TODAY.minusDays(3), null));
        String range = "?from=" + TODAY.minusYears(1) + "&to=" + TODAY;
        int n = 0;
        people.addTraining(acme.admin(), UUID.fromString(id), "Baseline", TODAY.minusDays(1));
        for (Role role : TestOrg.ROLES) {
            n++;
            int read = role.can(Permission.CONTROL_READ) ? 200 : 403;
            boolean writer = role.can(Permission.ENGAGEMENT_WRITE);
            for (String path : List.of("/api/v1/people", "/api/v1/people/" + id, "/api/v1/people/" + id + "/checklist",
                    "/api/v1/people/" + id + "/training", "/api/v1/people/" + id + "/background-checks",
                    "/api/v1/people/training/overdue", "/api/v1/people/offboarding/late-revocations",
                    "/api/v1/people/populations", "/api/v1/people/populations/new-hires" + range,
                    "/api/v1/people/populations/terminations.csv" + range)) {
                read(role, path).andExpect(status().is(read));
            }
            post(role, "/api/v1/people", person("By " + role, "p" + n + "@example.test", TODAY, null, null))
                    .andExpect(status().is(writer ? 201 : 403));
            long version = people.get(acme.admin(), UUID.fromString(id)).version();
            mvc.perform(put("/api/v1/people/" + id).header("Authorization", acme.bearer(role))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(person("Leaver " + n, "leaver@example.test", TODAY.minusYears(1), TODAY.minusDays(3),
                                    null).replace("{", "{\"version\": " + version + ", ")))
                    .andExpect(status().is(writer ? 200 : 403));
            csv(role, "/api/v1/people/import", "name,email,start_date\nImp " + n + ",imp" + n + "@example.test,2026-01-01\n")
                    .andExpect(status().is(writer ? 200 : 403));
            csv(role, "/api/v1/people/training/import", "email,course,completed_on\nleaver@example.test,Course " + n
                    + "," + TODAY.minusDays(5) + "\n").andExpect(status().is(writer ? 200 : 403));
            post(role, "/api/v1/people/" + id + "/checklist/equipment-returned", "{}")
                    .andExpect(status().is(writer ? 200 : 403));
            mvc.perform(delete("/api/v1/people/" + id + "/checklist/equipment-returned")
                    .header("Authorization", acme.bearer(role))).andExpect(status().is(writer ? 204 : 403));
            String training = post(role, "/api/v1/people/" + id + "/training",
                    "{\"course\": \"Own " + n + "\", \"completedOn\": \"" + TODAY + "\"}")
                    .andExpect(status().is(writer ? 201 : 403)).andReturn().getResponse().getContentAsString();
            String check = post(role, "/api/v1/people/" + id + "/background-checks",
                    "{\"completedOn\": \"" + TODAY + "\", \"result\": \"CLEAR\"}")
                    .andExpect(status().is(writer ? 201 : 403)).andReturn().getResponse().getContentAsString();
            String someTraining = people.training(acme.admin(), UUID.fromString(id)).getFirst().id().toString();
            String someCheck = writer ? json.readTree(check).get("id").asString()
                    : people.addBackgroundCheck(acme.admin(), UUID.fromString(id),
                            new BackgroundCheckDraft(TODAY, BackgroundCheckResult.CLEAR, null)).id().toString();
            mvc.perform(delete("/api/v1/people/" + id + "/training/" + (writer ? json.readTree(training).get("id")
                            .asString() : someTraining)).header("Authorization", acme.bearer(role)))
                    .andExpect(status().is(writer ? 204 : 403));
            mvc.perform(delete("/api/v1/people/" + id + "/background-checks/" + someCheck)
                    .header("Authorization", acme.bearer(role))).andExpect(status().is(writer ? 204 : 403));
        }
        long writers = TestOrg.ROLES.stream().filter(r -> r.can(Permission.ENGAGEMENT_WRITE)).count();
        assertThat(writers).isPositive().isLessThan(TestOrg.ROLES.size());
        assertThat(count(acme.id())).isEqualTo(1 + 2 * writers);
        mvc.perform(get("/api/v1/people")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/people/populations/new-hires.csv" + range)).andExpect(status().isUnauthorized());
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorChangeThePersonOrItsRecords() throws Exception {
        String id = create(person("Ada", "ada@example.test", TODAY.minusDays(40), TODAY.minusDays(2), null));
        String training = json.readTree(post(Role.ADMIN, "/api/v1/people/" + id + "/training",
                "{\"course\": \"Security Awareness\", \"completedOn\": \"" + TODAY.minusDays(5) + "\"}")
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        String check = json.readTree(post(Role.ADMIN, "/api/v1/people/" + id + "/background-checks",
                "{\"completedOn\": \"" + TODAY.minusDays(50) + "\", \"result\": \"CLEAR\"}")
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        post(Role.ADMIN, "/api/v1/people/" + id + "/checklist/access-revoked", "{}").andExpect(status().isOk());

        TestOrg other = TestOrg.create(identity);
        String bearer = other.bearer(Role.ADMIN);
        for (String path : List.of("/api/v1/people/" + id, "/api/v1/people/" + id + "/checklist",
                "/api/v1/people/" + id + "/training", "/api/v1/people/" + id + "/background-checks")) {
            mvc.perform(get(path).header("Authorization", bearer)).andExpect(status().isNotFound());
        }
        mvc.perform(put("/api/v1/people/" + id).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                        .content(person("Hijacked", "ada@example.test", TODAY, null, null).replace("{", "{\"version\": 0, ")))
                .andExpect(status().isNotFound());
        post(other, Role.ADMIN, "/api/v1/people/" + id + "/checklist/policy-acknowledgement", "{}")
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/people/" + id + "/checklist/access-revoked").header("Authorization", bearer))
                .andExpect(status().isNotFound());
        post(other, Role.ADMIN, "/api/v1/people/" + id + "/training",
                "{\"course\": \"X\", \"completedOn\": \"" + TODAY + "\"}").andExpect(status().isNotFound());
        post(other, Role.ADMIN, "/api/v1/people/" + id + "/background-checks",
                "{\"completedOn\": \"" + TODAY + "\", \"result\": \"CLEAR\"}").andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/people/" + id + "/training/" + training).header("Authorization", bearer))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/people/" + id + "/background-checks/" + check).header("Authorization", bearer))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/people").header("Authorization", bearer)).andExpect(jsonPath("$").isEmpty());
        String range = "?from=" + TODAY.minusYears(1) + "&to=" + TODAY;
        for (String kind : List.of("new-hires", "terminations", "training-completions")) {
            mvc.perform(get("/api/v1/people/populations/" + kind + range).header("Authorization", bearer))
                    .andExpect(jsonPath("$.rows").isEmpty());
        }
        // their imports cannot see our roster: our person is no manager and no trainee of theirs
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/people/import")
                        .header("Authorization", bearer).contentType("text/csv")
                        .content("name,email,manager_email,start_date\nBo,bo@example.test,ada@example.test,2026-01-01\n"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("manager_email"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/people/training/import")
                        .header("Authorization", bearer).contentType("text/csv")
                        .content("email,course,completed_on\nada@example.test,X," + TODAY + "\n"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("email"));
        assertThat(people.findByEmail(other.id(), "ada@example.test")).isEmpty();
        assertThat(people.get(acme.admin(), UUID.fromString(id)).name()).isEqualTo("Ada");
        assertThat(people.training(acme.admin(), UUID.fromString(id))).hasSize(1);
        assertThat(people.backgroundChecks(acme.admin(), UUID.fromString(id))).hasSize(1);
        assertThat(people.checklist(acme.admin(), UUID.fromString(id)).offboarding().getFirst().completedOn()).isNotNull();
        assertThat(activity.recent(other.id(), "person", id, 10)).isEmpty();
    }

    @Test
    void changesAreRecordedInTheActivityLogAndTheChainHolds() throws Exception {
        String id = create(person("Ada", "ada@example.test", TODAY.minusDays(40), null, null));
        mvc.perform(put("/api/v1/people/" + id).header("Authorization", acme.bearer(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content(person("Ada L", "ada@example.test", TODAY.minusDays(40), null, null)
                        .replace("{", "{\"version\": 0, "))).andExpect(status().isOk());
        String check = json.readTree(post(Role.ADMIN, "/api/v1/people/" + id + "/background-checks",
                "{\"completedOn\": \"" + TODAY.minusDays(50) + "\", \"result\": \"CLEAR\", \"provider\": \"P\"}")
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        List<ActivityEntry> log = activity.recent(acme.id(), "person", id, 10);
        assertThat(log).extracting(ActivityEntry::action).containsExactly("updated", "created");
        assertThat(log.get(0).before()).contains("\"Ada\"");
        assertThat(log.get(0).after()).contains("Ada L");
        assertThat(activity.recent(acme.id(), "background-check", check, 10)).singleElement()
                .satisfies(a -> assertThat(a.after()).contains("CLEAR"));
        assertThat(activity.verify(acme.id()).ok()).isTrue();
    }
}
