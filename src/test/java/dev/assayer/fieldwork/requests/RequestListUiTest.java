package dev.assayer.fieldwork.requests;

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

import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.Notification;
import dev.assayer.fieldwork.RequestDraft;
import dev.assayer.fieldwork.RequestFilter;
import dev.assayer.fieldwork.RequestStatus;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

/** The request list pages for both sides, and the notifications page. */
class RequestListUiTest extends RequestFixture {

    static final LocalDate DUE = LocalDate.now().plusDays(20);

    String page() {
        return "/engagements/" + audited.id() + "/requests";
    }

    InformationRequest request(String title, LocalDate due, CurrentUser owner) {
        return requests.create(in.user(Role.AUDIT_STAFF), audited.id(), new RequestDraft(null, title, null,
                List.of("CC6.2"), List.of("AC-04"), owner == null ? null : owner.userId(), null, due));
    }

    @Test
    void theAuditorCreatesAndImportsFromTheListPage() throws Exception {
        CurrentUser staff = in.user(Role.AUDIT_STAFF);
        mvc.perform(get(page()).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"create-request\""),
                        Matchers.containsString("id=\"import-csv\""), Matchers.containsString("name=\"_csrf\""),
                        Matchers.containsString("ref,title,description,criteria,controls,owner_email,due_date"),
                        Matchers.containsString(acme.user(Role.CONTROL_OWNER).name()),
                        Matchers.containsString("id=\"no-roll-forward-target\""))));
        String location = mvc.perform(post(page()).with(as(staff)).with(csrf()).param("title", "User access review")
                        .param("criteria", "CC6.2, CC6.3").param("controls", "AC-04")
                        .param("ownerId", acme.user(Role.CONTROL_OWNER).userId().toString()).param("dueDate", DUE.toString()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern(page() + "/*"))
                .andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(requests.get(staff, audited.id(), id).request().criteria()).containsExactly("CC6.2", "CC6.3");
        mvc.perform(post(page()).with(as(staff)).with(csrf()).param("title", " ").param("dueDate", "tomorrow"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was saved"),
                        Matchers.containsString("is not a date"))));

        MockMultipartFile file = new MockMultipartFile("file", "pbc.csv", "text/csv",
                ("title,criteria,due_date\nFirewall rules,CC6.6," + DUE + "\n").getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart(page() + "/import").file(file).with(as(staff)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(page()))
                .andExpect(flash().attribute("flash", "1 request imported."));
        mvc.perform(multipart(page() + "/import").with(as(staff)).with(csrf())
                        .param("csv", "title,criteria,due_date\nBad one,CC9.9,31/12/2026\n"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Nothing was imported"),
                        Matchers.containsString("id=\"import-error-lines\""), Matchers.containsString("CC9.9"),
                        Matchers.containsString("31/12/2026"))));
        assertThat(requests.list(staff, audited.id(), RequestFilter.all()).requests()).extracting(InformationRequest::ref)
                .containsExactlyInAnyOrder("PBC-001", "PBC-002");
    }

    @Test
    void theClientAnswersAndTheAuditorReviewsOnTheDetailPage() throws Exception {
        CurrentUser owner = acme.user(Role.CONTROL_OWNER);
        EvidenceItem inPeriod = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Q2 access review",
                START.plusDays(40)), "https://example.test/q2");
        EvidenceItem old = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Old access review",
                START.minusDays(90)), "https://example.test/old");
        InformationRequest late = request("Late request", LocalDate.now().minusDays(1), owner);
        InformationRequest r = request("User access review", DUE, owner);
        request("Someone else's", DUE, acme.user(Role.COMPLIANCE_MANAGER));
        String detail = page() + "/" + r.id();

        mvc.perform(get(page()).with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Late request"),
                        Matchers.containsString("gap-row"), Matchers.containsString(">Overdue<"),
                        Matchers.not(Matchers.containsString("id=\"create-request\"")),
                        Matchers.not(Matchers.containsString("id=\"import-csv\"")))));
        mvc.perform(get(page()).param("show", "mine").with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("User access review"),
                        Matchers.not(Matchers.containsString("Someone else")))));
        mvc.perform(get(page()).param("show", "overdue").with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString(late.title()),
                        Matchers.not(Matchers.containsString("User access review")))));
        mvc.perform(get(page()).with(as(acme.user(Role.VIEWER)))).andExpect(status().isForbidden());

        mvc.perform(get(detail).with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"submit-request\""),
                        Matchers.containsString("id=\"link-" + inPeriod.id() + "\""),
                        Matchers.not(Matchers.containsString("id=\"accept-request\"")))));
        mvc.perform(post(detail + "/submit").with(as(owner)).with(csrf()).param("version", "0"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Nothing was saved")));
        mvc.perform(post(detail + "/submit").with(as(owner)).with(csrf()).param("version", "0")
                        .param("evidenceIds", inPeriod.id().toString(), old.id().toString()).param("note", "Both attached"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(detail));

        CurrentUser manager = in.user(Role.AUDIT_MANAGER);
        mvc.perform(get(detail).with(as(manager))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"accept-request\""),
                        Matchers.containsString("id=\"flag-request\""), Matchers.containsString("name=\"reason\""),
                        Matchers.containsString("Q2 access review"), Matchers.containsString("outside the audited period"),
                        Matchers.not(Matchers.containsString("Old access review")),
                        Matchers.not(Matchers.containsString("id=\"submit-request\"")))));
        mvc.perform(post(detail + "/flag").with(as(manager)).with(csrf()).param("reason", " "))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("tell the client")));
        mvc.perform(post(detail + "/flag").with(as(manager)).with(csrf()).param("reason", "Listing missing"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(detail + "/accept").with(as(manager)).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("only a submitted or resubmitted")));
        mvc.perform(get(detail).with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Listing missing"),
                        Matchers.containsString("Resubmit"))));

        mvc.perform(post(detail + "/comments").with(as(owner)).with(csrf()).param("body", "Uploading it today"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(detail + "/comments").with(as(manager)).with(csrf()).param("body", "Thank you"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(detail).with(as(acme.user(Role.ADMIN)))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Uploading it today"),
                        Matchers.containsString("Thank you"), Matchers.containsString("id=\"request-history\""))));
        assertThat(requests.get(owner, audited.id(), r.id()).request().status()).isEqualTo(RequestStatus.FLAGGED);
        // the client cannot act on the auditor's side from the pages either
        mvc.perform(post(detail + "/accept").with(as(acme.admin())).with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void theAuditorEditsAnOpenRequestAndRollsTheListForward() throws Exception {
        CurrentUser staff = in.user(Role.AUDIT_STAFF);
        InformationRequest r = request("Access review", DUE, null);
        mvc.perform(get(page() + "/" + r.id() + "/edit").with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"save-request\"")));
        mvc.perform(post(page() + "/" + r.id()).with(as(staff)).with(csrf()).param("version", "0")
                        .param("title", "Access review Q1-Q2").param("criteria", "CC6.2").param("dueDate", DUE.toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(page() + "/" + r.id()).with(as(staff)).with(csrf()).param("version", "0")
                        .param("title", "Stale").param("criteria", "CC6.2").param("dueDate", DUE.toString()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("changed by someone else")));

        access.grant(acme.admin(), next.id(), firm.id(), null, null);
        mvc.perform(get(page()).with(as(staff))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"roll-forward\""),
                        Matchers.containsString(next.name()))));
        mvc.perform(post(page() + "/roll-forward").with(as(staff)).with(csrf()).param("targetEngagementId", next.id().toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", Matchers.startsWith("1 request rolled forward")));
        assertThat(stored(next.id())).isEqualTo(1);
    }

    @Test
    void theNotificationsPageListsAndMarksRead() throws Exception {
        CurrentUser owner = acme.user(Role.CONTROL_OWNER);
        InformationRequest r = request("User access review", DUE, owner);
        mvc.perform(get("/notifications").with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"unread-count\">1<"),
                        Matchers.containsString("New request " + r.ref()), Matchers.containsString("Mark as read"))));
        Notification n = requests.notifications(owner).notifications().getFirst();
        mvc.perform(post("/notifications/" + n.id() + "/read").param("open", "1").with(as(owner)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(page() + "/" + r.id()));
        mvc.perform(get("/notifications").with(as(owner))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"unread-count\">0<"),
                        Matchers.containsString(">Read<"))));
        mvc.perform(get("/notifications").with(as(in.user(Role.AUDIT_STAFF)))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("No notifications.")));
        mvc.perform(post("/notifications/" + n.id() + "/read").with(as(acme.admin())).with(csrf()))
                .andExpect(status().isNotFound());
    }
}
