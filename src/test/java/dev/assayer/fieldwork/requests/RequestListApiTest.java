package dev.assayer.fieldwork.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** Issue 4 §2 over the API: who may do what on each side, the workflow, CSV import, edits and tenant isolation. */
class RequestListApiTest extends RequestFixture {

    static final LocalDate DUE = LocalDate.now().plusDays(20);

    @Test
    void everyFirmRoleCreatesRequestsAndNoClientRoleCan() throws Exception {
        for (var role : TestFirm.ROLES) {
            call(post(base()), in.bearer(role), requestJson("Access review by " + role, DUE, ownerEmail()))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.status").value("OPEN"))
                    .andExpect(jsonPath("$.ref").value(Matchers.startsWith("PBC-00")))
                    .andExpect(jsonPath("$.criteria[0]").value("CC6.2"))
                    .andExpect(jsonPath("$.controlRefs[0]").value("AC-04"))
                    .andExpect(jsonPath("$.controlIds[0]").value(ac04.id().toString()))
                    .andExpect(jsonPath("$.ownerEmail").value(ownerEmail()))
                    .andExpect(jsonPath("$.firmName").value(firm.name()))
                    .andExpect(jsonPath("$.version").value(0));
        }
        for (Role role : TestOrg.ROLES) {
            call(post(base()), acme.bearer(role), requestJson("By the client", DUE, null))
                    .andExpect(status().isForbidden());
        }
        assertThat(stored(audited.id())).isEqualTo(3);
        JsonNode list = read(call(get(base()), in.bearer(Role.AUDIT_MANAGER), null).andExpect(status().isOk()));
        assertThat(list.get("requests")).extracting(n -> n.get("ref").asString())
                .containsExactly("PBC-001", "PBC-002", "PBC-003");
        assertThat(list.get("counts").get("OPEN").asLong()).isEqualTo(3);
        assertThat(list.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void clientRolesThatAnswerRequestsSeeTheListAndTheOthersDoNot() throws Exception {
        created("Access review", DUE, ownerEmail());
        for (Role role : TestOrg.ROLES) {
            ResultActions r = call(get(base()), acme.bearer(role), null);
            if (role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER || role == Role.CONTROL_OWNER) {
                r.andExpect(status().isOk()).andExpect(jsonPath("$.requests", Matchers.hasSize(1)));
            } else {
                r.andExpect(status().isForbidden());
            }
        }
        for (var role : TestFirm.ROLES) {
            call(get(base()), in.bearer(role), null).andExpect(status().isOk());
        }
    }

    @Test
    void validationNamesEveryBadFieldAndStoresNothing() throws Exception {
        TestOrg stranger = TestOrg.create(identity);
        call(post(base()), in.bearer(Role.AUDIT_STAFF), """
                {"ref": "bad ref!", "title": " ", "criteria": ["CC9.9"], "controls": ["NOPE-1"],
                 "ownerEmail": "%s"}""".formatted(stranger.admin().email()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("ref", "title", "criteria",
                        "controls", "ownerEmail", "dueDate")));
        call(post(base()), in.bearer(Role.AUDIT_STAFF), requestJson("Viewer owner", DUE, acme.user(Role.VIEWER).email()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("ownerEmail"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("cannot answer requests")));
        call(post(base()), in.bearer(Role.AUDIT_STAFF), "{\"title\": \"Nothing mapped\", \"dueDate\": \"" + DUE + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("criteria"));
        assertThat(stored(audited.id())).isZero();
    }

    @Test
    void theWorkflowRunsBothSidesAndRecordsEveryStep() throws Exception {
        EvidenceItem inPeriod = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Q2 access review",
                START.plusDays(40), "AC-04"), "https://example.test/q2");
        EvidenceItem before = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Last year's review",
                START.minusDays(100)), "https://example.test/old");
        String id = created("User access review", DUE, ownerEmail()).get("id").asString();
        String owner = acme.bearer(Role.CONTROL_OWNER);

        submit(id, owner, "{}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("evidenceIds"));
        submit(id, owner, """
                {"evidenceIds": ["%s", "%s"], "note": "Both reviews attached"}""".formatted(inPeriod.id(), before.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.evidenceIds", Matchers.hasSize(2)));

        // the auditor sees the in-period item, and the other one only as "outside the audited period"
        detail(id, in.bearer(Role.AUDIT_STAFF)).andExpect(status().isOk())
                .andExpect(jsonPath("$.evidence[0].visible").value(true))
                .andExpect(jsonPath("$.evidence[0].title").value("Q2 access review"))
                .andExpect(jsonPath("$.evidence[1].visible").value(false))
                .andExpect(jsonPath("$.evidence[1].title").doesNotExist())
                .andExpect(jsonPath("$.evidence[1].note").value("outside the audited period"));
        detail(id, acme.bearer(Role.COMPLIANCE_MANAGER)).andExpect(status().isOk())
                .andExpect(jsonPath("$.evidence[1].visible").value(true))
                .andExpect(jsonPath("$.evidence[1].title").value("Last year's review"));

        // a flag needs a reason
        flag(id, in.bearer(Role.AUDIT_STAFF), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reason"));
        flag(id, in.bearer(Role.AUDIT_STAFF), "The listing the review used is missing")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("FLAGGED"))
                .andExpect(jsonPath("$.lastFlagReason").value("The listing the review used is missing"));
        accept(id, in.bearer(Role.AUDIT_MANAGER)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("only a submitted or resubmitted request")));
        submit(id, acme.bearer(Role.ADMIN), "{\"note\": \"Listing added to the evidence\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RESUBMITTED"));
        submit(id, owner, "{\"note\": \"again\"}").andExpect(status().isConflict());
        accept(id, in.bearer(Role.AUDIT_MANAGER)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACCEPTED"));
        accept(id, in.bearer(Role.AUDIT_MANAGER)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("final")));
        flag(id, in.bearer(Role.AUDIT_PARTNER), "late thought").andExpect(status().isConflict());
        JsonNode d = read(detail(id, acme.bearer(Role.CONTROL_OWNER)).andExpect(status().isOk()));
        call(put(base() + "/" + id), in.bearer(Role.AUDIT_STAFF), requestJson("Changed", DUE, null)
                .replace("{", "{\"version\": " + d.get("request").get("version").asLong() + ", "))
                .andExpect(status().isConflict());

        assertThat(d.get("history")).extracting(h -> h.get("action").asString())
                .containsExactly("created", "submitted", "flagged", "resubmitted", "accepted");
        assertThat(d.get("history")).extracting(h -> h.get("side").asString())
                .containsExactly("AUDITOR", "CLIENT", "AUDITOR", "CLIENT", "AUDITOR");
        assertThat(d.get("history").get(2).get("note").asString()).isEqualTo("The listing the review used is missing");
        assertThat(d.get("history").get(1).get("actor").asString()).contains(acme.user(Role.CONTROL_OWNER).email());
        assertThat(d.get("history").get(4).get("actor").asString()).contains(firm.name());
        List<String> logged = jdbc.sql("SELECT action FROM activity_entry WHERE org_id = ? AND entity_type = "
                + "'information-request' AND entity_id = ? ORDER BY seq").params(acme.id(), id).query(String.class).list();
        assertThat(logged).containsExactly("created", "submitted", "flagged", "resubmitted", "accepted");
    }

    @Test
    void independenceNeitherSideDoesTheOthersPartAndNothingIsDeleted() throws Exception {
        EvidenceItem item = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Q2 access review",
                START.plusDays(40)), "https://example.test/q2");
        JsonNode r = created("User access review", DUE, ownerEmail());
        String id = r.get("id").asString();
        // the auditor can never answer for the client nor link client evidence
        for (var role : TestFirm.ROLES) {
            submit(id, in.bearer(role), "{\"evidenceIds\": [\"" + item.id() + "\"]}").andExpect(status().isForbidden());
        }
        submit(id, acme.bearer(Role.CONTROL_OWNER), "{\"evidenceIds\": [\"" + item.id() + "\"]}")
                .andExpect(status().isOk());
        // the client can never accept, flag, edit, import or roll forward the auditor's requests
        for (Role role : TestOrg.ROLES) {
            String bearer = acme.bearer(role);
            accept(id, bearer).andExpect(status().isForbidden());
            flag(id, bearer, "no").andExpect(status().isForbidden());
            call(put(base() + "/" + id), bearer, requestJson("Changed", DUE, null).replace("{", "{\"version\": 1, "))
                    .andExpect(status().isForbidden());
            mvc.perform(post(base() + "/import").header("Authorization", bearer).contentType("text/csv")
                    .content("title,due_date,criteria\nx,2026-01-01,CC6.1\n")).andExpect(status().isForbidden());
            call(post(base() + "/roll-forward"), bearer, "{\"targetEngagementId\": \"" + next.id() + "\"}")
                    .andExpect(status().isForbidden());
        }
        // there is no way to delete a request or a comment, for either side
        call(post(base() + "/" + id + "/comments"), in.bearer(Role.AUDIT_STAFF), "{\"body\": \"Thanks\"}")
                .andExpect(status().isCreated());
        for (String bearer : List.of(acme.bearer(Role.ADMIN), in.bearer(Role.AUDIT_PARTNER))) {
            call(delete(base() + "/" + id), bearer, null).andExpect(status().isMethodNotAllowed());
            call(delete(base() + "/" + id + "/comments"), bearer, null).andExpect(status().isMethodNotAllowed());
        }
        assertThat(stored(audited.id())).isEqualTo(1);
        detail(id, in.bearer(Role.AUDIT_STAFF)).andExpect(jsonPath("$.request.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.comments", Matchers.hasSize(1)));
    }

    @Test
    void onlyTheClientsOwnCurrentEvidenceCanBeLinked() throws Exception {
        TestOrg stranger = TestOrg.create(identity);
        EvidenceItem foreign = evidence.recordLink(stranger.admin(), EvidenceMetadata.of("Not Acme's",
                START.plusDays(10)), "https://example.test/x");
        EvidenceItem withdrawn = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Superseded",
                START.plusDays(10)), "https://example.test/y");
        evidence.withdraw(acme.admin(), withdrawn.id(), "replaced");
        String id = created("Access review", DUE, ownerEmail()).get("id").asString();
        submit(id, acme.bearer(Role.CONTROL_OWNER), """
                {"evidenceIds": ["%s", "%s"]}""".formatted(foreign.id(), withdrawn.id()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("evidenceIds[0]", "evidenceIds[1]")))
                .andExpect(jsonPath("$.errors[1].message").value(Matchers.containsString("withdrawn")));
        detail(id, acme.bearer(Role.CONTROL_OWNER)).andExpect(jsonPath("$.request.status").value("OPEN"));
    }

    @Test
    void editsNeedTheCurrentVersionAndTheRefStaysUnique() throws Exception {
        String first = created("Access review", DUE, ownerEmail()).get("id").asString();
        created("Change tickets", DUE, null);
        String body = requestJson("Access review, Q1 and Q2", DUE.plusDays(5), acme.user(Role.COMPLIANCE_MANAGER).email());
        call(put(base() + "/" + first), in.bearer(Role.AUDIT_STAFF), body).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
        call(put(base() + "/" + first), in.bearer(Role.AUDIT_STAFF), body.replace("{", "{\"version\": 0, "))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Access review, Q1 and Q2"))
                .andExpect(jsonPath("$.ref").value("PBC-001"))
                .andExpect(jsonPath("$.dueDate").value(DUE.plusDays(5).toString()))
                .andExpect(jsonPath("$.ownerEmail").value(acme.user(Role.COMPLIANCE_MANAGER).email()))
                .andExpect(jsonPath("$.version").value(1));
        call(put(base() + "/" + first), in.bearer(Role.AUDIT_MANAGER), body.replace("{", "{\"version\": 0, "))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        call(put(base() + "/" + first), in.bearer(Role.AUDIT_MANAGER), body.replace("{", "{\"version\": 1, \"ref\": \"pbc-002\", "))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("ref"));
    }

    @Test
    void csvImportIsAllOrNothingAndNamesEveryLineAndColumn() throws Exception {
        created("Existing", DUE, null);
        String bad = """
                ref,title,description,criteria,controls,owner_email,due_date
                PBC-010,Access review,,CC9.9,AC-04,%s,2026-04-15
                PBC-011,Change tickets,,CC6.1,CHG-99,,2026-04-15
                PBC-012,Backups,,CC6.1,,nobody@example.test,2026-04-15
                PBC-013,Onboarding,,CC1.4,,,15/04/2026
                PBC-010,Duplicate,,CC6.1,,,2026-04-15
                PBC-001,Clashes with an existing request,,CC6.1,,,2026-04-15
                """.formatted(ownerEmail());
        mvc.perform(post(base() + "/import").header("Authorization", in.bearer(Role.AUDIT_STAFF))
                        .contentType("text/csv").content(bad))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid import"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("nothing was imported")))
                .andExpect(jsonPath("$.errors[*].line", Matchers.contains(2, 3, 4, 5, 6, 7)))
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("criteria", "controls", "owner_email",
                        "due_date", "ref", "ref")));
        assertThat(stored(audited.id())).isEqualTo(1);

        String good = """
                title,criteria,controls,owner_email,due_date,description
                Population of new hires,CC1.4,HR-01,%s,%s,"HR export: name, start date"
                User access review,CC6.2;CC6.3,AC-04,,%s,
                """.formatted(ownerEmail(), DUE, DUE.plusDays(3));
        mvc.perform(post(base() + "/import").header("Authorization", in.bearer(Role.AUDIT_STAFF))
                        .contentType("text/csv").content(good))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.requests[*].ref", Matchers.contains("PBC-002", "PBC-003")))
                .andExpect(jsonPath("$.requests[0].description").value("HR export: name, start date"))
                .andExpect(jsonPath("$.requests[1].criteria", Matchers.contains("CC6.2", "CC6.3")));
        MockMultipartFile file = new MockMultipartFile("file", "pbc.csv", "text/csv",
                ("title,due_date,controls\nFirewall rules," + DUE + ",AC-04\n").getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart(base() + "/import").file(file).header("Authorization", in.bearer(Role.AUDIT_MANAGER)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.requests[0].ref").value("PBC-004"));
        assertThat(stored(audited.id())).isEqualTo(4);
    }

    @Test
    void anotherClientOrAnotherFirmCannotReachTheRequests() throws Exception {
        String id = created("Access review", DUE, ownerEmail()).get("id").asString();
        TestOrg stranger = TestOrg.create(identity);
        call(get(base()), stranger.bearer(Role.ADMIN), null).andExpect(status().isNotFound());
        detail(id, stranger.bearer(Role.ADMIN)).andExpect(status().isNotFound());
        submit(id, stranger.bearer(Role.CONTROL_OWNER), "{\"note\": \"x\"}").andExpect(status().isNotFound());
        call(post(base() + "/" + id + "/comments"), stranger.bearer(Role.ADMIN), "{\"body\": \"x\"}")
                .andExpect(status().isNotFound());
        // the stranger's own engagement does not hold the request either
        var strangers = engagements.create(stranger.admin(), type2("Stranger", START, END));
        call(get("/api/v1/engagements/" + strangers.id() + "/requests/" + id), stranger.bearer(Role.ADMIN), null)
                .andExpect(status().isNotFound());

        // a firm without a grant reaches nothing, neither from its firm nor with another engagement's grant
        TestFirm rival = TestFirm.create(identity);
        String rivalToken = "Bearer " + identity.issueToken(rival.user(Role.AUDIT_PARTNER), "t").token();
        call(get(base()), rivalToken, null).andExpect(status().isNotFound());
        detail(id, rivalToken).andExpect(status().isNotFound());
        call(post(base()), rivalToken, requestJson("x", DUE, null)).andExpect(status().isNotFound());
        TestFirm.Inside rivalInNext = rival.inside(identity, access, acme, next.id());
        call(get(base()), rivalInNext.bearer(Role.AUDIT_PARTNER), null).andExpect(status().isNotFound());
        // a second firm inside the same engagement sees only its own requests
        TestFirm.Inside rivalIn = rival.inside(identity, access, acme, audited.id());
        call(get(base()), rivalIn.bearer(Role.AUDIT_STAFF), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.requests", Matchers.hasSize(0)));
        detail(id, rivalIn.bearer(Role.AUDIT_STAFF)).andExpect(status().isNotFound());
        accept(id, rivalIn.bearer(Role.AUDIT_STAFF)).andExpect(status().isNotFound());
        // the firm's own auditors inside another engagement of the client do not see it either
        TestFirm.Inside inNext = firm.inside(identity, access, acme, next.id());
        detail(id, inNext.bearer(Role.AUDIT_STAFF)).andExpect(status().isNotFound());
    }

    @Test
    void theClientSeesDueOverdueAndItsOwnRequests() throws Exception {
        String overdue = created("Late one", LocalDate.now().minusDays(2), ownerEmail()).get("id").asString();
        created("Soon", LocalDate.now().plusDays(3), acme.user(Role.COMPLIANCE_MANAGER).email());
        created("Later", LocalDate.now().plusDays(30), null);
        String owner = acme.bearer(Role.CONTROL_OWNER);
        call(get(base()), owner, null).andExpect(status().isOk())
                .andExpect(jsonPath("$.overdue").value(1))
                .andExpect(jsonPath("$.dueSoon").value(1))
                .andExpect(jsonPath("$.requests[0].title").value("Late one"))
                .andExpect(jsonPath("$.requests[0].overdue").value(true))
                .andExpect(jsonPath("$.requests[1].dueSoon").value(true));
        call(get(base()).param("mine", "true"), owner, null)
                .andExpect(jsonPath("$.requests[*].title", Matchers.contains("Late one")));
        call(get(base()).param("overdue", "true"), acme.bearer(Role.ADMIN), null)
                .andExpect(jsonPath("$.requests[*].id", Matchers.contains(overdue)));
        call(get(base()).param("status", "SUBMITTED"), acme.bearer(Role.ADMIN), null)
                .andExpect(jsonPath("$.requests", Matchers.hasSize(0)))
                .andExpect(jsonPath("$.counts.OPEN").value(3));
    }

    @Test
    void bothSidesCommentAndTheThreadIsAppendOnly() throws Exception {
        String id = created("Access review", DUE, ownerEmail()).get("id").asString();
        String url = base() + "/" + id + "/comments";
        call(post(url), acme.bearer(Role.CONTROL_OWNER), "{\"body\": \"Which quarter?\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.side").value("CLIENT"));
        call(post(url), in.bearer(Role.AUDIT_STAFF), "{\"body\": \"Q2 please\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.side").value("AUDITOR"));
        call(post(url), in.bearer(Role.AUDIT_STAFF), "{\"body\": \"  \"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("body"));
        call(post(url), acme.bearer(Role.VIEWER), "{\"body\": \"hi\"}").andExpect(status().isForbidden());
        call(post(url), acme.bearer(Role.AUDITOR), "{\"body\": \"hi\"}").andExpect(status().isForbidden());
        call(get(url), acme.bearer(Role.VIEWER), null).andExpect(status().isForbidden());
        call(get(url), in.bearer(Role.AUDIT_PARTNER), null).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].body", Matchers.contains("Which quarter?", "Q2 please")))
                .andExpect(jsonPath("$[1].author").value(Matchers.containsString(firm.name())));
        call(put(url), in.bearer(Role.AUDIT_STAFF), "{\"body\": \"edited\"}").andExpect(status().isMethodNotAllowed());
    }
}
