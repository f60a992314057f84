package dev.assayer.people;

import static dev.assayer.testing.SignedIn.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

class PeopleUiTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired PeopleService people;
    @Autowired MockMvc mvc;

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    TestOrg acme;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
    }

    static MockMultipartFile file(String name, String text) {
        return new MockMultipartFile("file", name, "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRosterIsImportedListedFilteredAndAPersonsChecklistsAreRecorded() throws Exception {
        String export = """
                Full Name,Work Email,Job Title,Department,Manager Email,Hire Date,Termination Date,Worker Type
                Grace Hopper,grace@example.test,CTO,Engineering,,%s,,Full-time
                Ada Lovelace,ada@example.test,Engineer,Engineering,grace@example.test,%s,,employee
                Linus Leaver,linus@example.test,Analyst,Finance,grace@example.test,%s,%s,contractor
                """.formatted(TODAY.minusYears(4), TODAY.minusDays(5), TODAY.minusYears(1), TODAY.minusDays(8));
        mvc.perform(multipart("/people/import").file(file("hr.csv", export)).with(as(acme.user(Role.COMPLIANCE_MANAGER)))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/people"))
                .andExpect(flash().attribute("flash", "Imported the roster from hr.csv: 3 created, 0 updated, 0 unchanged."));
        mvc.perform(get("/people").with(as(acme.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Grace Hopper"),
                        Matchers.containsString("Ada Lovelace"), Matchers.containsString("Linus Leaver"),
                        Matchers.containsString("id=\"roster-import\""), Matchers.containsString("id=\"training-import\""),
                        Matchers.containsString("manager_email"), Matchers.containsString("href=\"/people\""),
                        Matchers.containsString("<a href=\"/people\" aria-current=\"page\" class=\"active\">People</a>"),
                        Matchers.containsString("Access revocation overdue"))));
        mvc.perform(get("/people").param("status", "TERMINATED").with(as(acme.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("<td>linus@example.test</td>"),
                        Matchers.not(Matchers.containsString("<td>ada@example.test</td>")))));
        mvc.perform(get("/people").param("department", "Engineering").with(as(acme.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("<td>ada@example.test</td>"),
                        Matchers.not(Matchers.containsString("<td>linus@example.test</td>")))));

        UUID linus = people.findByEmail(acme.id(), "linus@example.test").orElseThrow().id();
        mvc.perform(post("/people/" + linus + "/checklist/access-revoked").with(as(acme.admin())).with(csrf())
                        .param("completedOn", TODAY.minusDays(2).toString()).param("reference", "IT-77"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/people/" + linus + "#checklists"));
        mvc.perform(post("/people/" + linus + "/training").with(as(acme.admin())).with(csrf())
                        .param("course", "Security Awareness").param("completedOn", TODAY.minusMonths(6).toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/people/" + linus + "/background-checks").with(as(acme.admin())).with(csrf())
                        .param("completedOn", TODAY.minusYears(1).minusDays(20).toString()).param("result", "CLEAR")
                        .param("provider", "Example Screening"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/people/" + linus + "/training").with(as(acme.admin())).with(csrf())
                        .param("course", "Future").param("completedOn", TODAY.plusDays(3).toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", Matchers.containsString("in the future")));
        mvc.perform(get("/people/" + linus).with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Linus Leaver"),
                        Matchers.containsString("id=\"onboarding\""), Matchers.containsString("id=\"offboarding\""),
                        Matchers.containsString("Late revocation: access revoked 5 days"), Matchers.containsString("IT-77"),
                        Matchers.containsString("Security Awareness"), Matchers.containsString("Example Screening"),
                        Matchers.containsString("From training record"),
                        Matchers.not(Matchers.containsString("id=\"training-form\"")),
                        Matchers.not(Matchers.containsString("id=\"record-policy-acknowledgement\"")))));
        mvc.perform(get("/people/" + linus).with(as(acme.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"training-form\""),
                        Matchers.containsString("id=\"record-policy-acknowledgement\""),
                        Matchers.containsString("id=\"clear-access-revoked\""))));
        mvc.perform(post("/people/" + linus + "/checklist/access-revoked/clear").with(as(acme.admin())).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(people.checklist(acme.admin(), linus).offboarding().getFirst().completedOn()).isNull();
    }

    @Test
    void aBadImportListsEveryLineAndFieldAndImportsNothing() throws Exception {
        mvc.perform(multipart("/people/import").file(file("bad.csv", """
                        name,email,start_date,end_date,manager_email
                        Ada,ada@example.test,2026-01-05,2025-12-31,
                        Bob,bob@example.test,05/01/2026,,
                        Cy,cy@example.test,2026-01-05,,ghost@example.test
                        """)).with(as(acme.admin())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was imported from bad.csv."),
                        Matchers.containsString("id=\"import-error-rows\""), Matchers.containsString(">end_date<"),
                        Matchers.containsString(">start_date<"), Matchers.containsString(">manager_email<"),
                        Matchers.containsString("neither on the roster nor in this file"))));
        assertThat(people.roster(acme.id())).isEmpty();
        mvc.perform(multipart("/people/training/import").file(file("t.csv", "email,course,completed_on\n"
                        + "ghost@example.test,Security,2026-01-01\n")).with(as(acme.admin())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was imported from t.csv."),
                        Matchers.containsString("not on the roster"))));
    }

    @Test
    void theFormCreatesAndEditsWithTheVersionAndKeepsValuesOnErrors() throws Exception {
        mvc.perform(get("/people/new").with(as(acme.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"person-form\""),
                        Matchers.containsString("name=\"_csrf\""), Matchers.containsString("for=\"managerEmail\""))));
        mvc.perform(post("/people").with(as(acme.admin())).with(csrf()).param("name", "Ada")
                        .param("email", "ada@example.test").param("startDate", "05/01/2026").param("endDate", "nope"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("is not a date"), Matchers.containsString("endDate"),
                        Matchers.containsString("value=\"ada@example.test\""))));
        String location = mvc.perform(post("/people").with(as(acme.user(Role.COMPLIANCE_MANAGER))).with(csrf())
                        .param("name", "Ada").param("email", "ada@example.test").param("jobTitle", "Engineer")
                        .param("startDate", TODAY.minusDays(3).toString()).param("employmentType", "CONTRACTOR"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/people/*"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring("/people/".length()));
        assertThat(people.get(acme.admin(), id).employmentType()).isEqualTo(EmploymentType.CONTRACTOR);
        mvc.perform(get("/people/" + id + "/edit").with(as(acme.admin())))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("value=\"Engineer\""),
                        Matchers.containsString("name=\"version\""))));
        mvc.perform(post("/people/" + id).with(as(acme.admin())).with(csrf()).param("version", "0").param("name", "Ada L")
                        .param("email", "ada@example.test").param("startDate", TODAY.minusDays(3).toString())
                        .param("endDate", TODAY.toString()).param("employmentType", "CONTRACTOR"))
                .andExpect(status().is3xxRedirection());
        assertThat(people.get(acme.admin(), id).endDate()).isEqualTo(TODAY);
        mvc.perform(post("/people/" + id).with(as(acme.admin())).with(csrf()).param("version", "0").param("name", "Stale")
                        .param("email", "ada@example.test").param("startDate", TODAY.minusDays(3).toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("changed by someone else")));
        assertThat(people.get(acme.admin(), id).name()).isEqualTo("Ada L");
    }

    @Test
    void readersSeeNoFormsAndCannotChangeAnythingAndOtherOrganizationsGetNotFound() throws Exception {
        RosterEntry p = people.create(acme.admin(), new PersonDraft("Ada", "ada@example.test", null, null, null,
                TODAY.minusDays(3), null, null));
        mvc.perform(get("/people").with(as(acme.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Ada"),
                        Matchers.not(Matchers.containsString("id=\"roster-import\"")),
                        Matchers.not(Matchers.containsString("id=\"new-person\"")))));
        mvc.perform(get("/people/new").with(as(acme.user(Role.CONTROL_OWNER)))).andExpect(status().isForbidden());
        mvc.perform(multipart("/people/import").file(file("hr.csv", "name,email,start_date\nX,x@example.test,2026-01-01\n"))
                .with(as(acme.user(Role.VIEWER))).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/people/" + p.id() + "/checklist/access-provisioned").with(as(acme.user(Role.AUDITOR)))
                .with(csrf())).andExpect(status().isForbidden());
        assertThat(people.roster(acme.id())).hasSize(1);
        TestOrg other = TestOrg.create(identity);
        mvc.perform(get("/people/" + p.id()).with(as(other.admin()))).andExpect(status().isNotFound());
        mvc.perform(post("/people/" + p.id() + "/training").with(as(other.admin())).with(csrf())
                .param("course", "X").param("completedOn", TODAY.toString())).andExpect(status().isNotFound());
        mvc.perform(get("/people").with(as(other.admin())))
                .andExpect(content().string(Matchers.not(Matchers.containsString(p.id().toString()))));
    }

    @Test
    void thePopulationsPageShowsTheRecordAndTheDownloadIsTheHashedBytes() throws Exception {
        people.create(acme.admin(), new PersonDraft("Ada", "ada@example.test", null, null, null, TODAY.minusDays(3),
                null, null));
        LocalDate from = TODAY.minusMonths(3);
        String page = mvc.perform(get("/people/populations").param("kind", "new-hires").param("from", from.toString())
                        .param("to", TODAY.toString()).with(as(acme.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"extraction-record\""),
                        Matchers.containsString("ada@example.test"), Matchers.containsString("id=\"download-csv\""))))
                .andReturn().getResponse().getContentAsString();
        byte[] csv = mvc.perform(get("/people/populations/new-hires.csv").param("from", from.toString())
                        .param("to", TODAY.toString()).with(as(acme.user(Role.AUDITOR))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        String sha = Hashing.sha256Hex(csv);
        assertThat(page).contains(sha);
        mvc.perform(get("/people/populations").param("kind", "new-hires").param("from", TODAY.toString())
                        .param("to", from.toString()).with(as(acme.user(Role.VIEWER))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was extracted"),
                        Matchers.containsString("id=\"extractions\""))));
    }
}
