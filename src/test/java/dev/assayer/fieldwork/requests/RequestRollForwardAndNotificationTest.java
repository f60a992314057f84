package dev.assayer.fieldwork.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementGrant;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 4 §2: roll-forward to the next period's engagement, and in-app notifications scoped to each side. */
class RequestRollForwardAndNotificationTest extends RequestFixture {

    static final LocalDate DUE = LocalDate.now().plusDays(20);

    static String target(Object engagementId) {
        return "{\"targetEngagementId\": \"" + engagementId + "\"}";
    }

    @Test
    void rollForwardCopiesTheListToAnEngagementTheFirmMayWorkIn() throws Exception {
        UUID q2 = evidence.recordLink(acme.admin(), EvidenceMetadata.of("Q2 review", START.plusDays(30)),
                "https://example.test/q2").id();
        String a = created("User access review", END.minusDays(10), ownerEmail()).get("id").asString();
        String b = created("Change tickets", END.plusDays(15), null).get("id").asString();
        submit(a, acme.bearer(Role.CONTROL_OWNER), "{\"evidenceIds\": [\"" + q2 + "\"], \"note\": \"here\"}")
                .andExpect(status().isOk());
        call(post(base() + "/" + b + "/comments"), in.bearer(Role.AUDIT_STAFF), "{\"body\": \"Q3 only\"}")
                .andExpect(status().isCreated());
        String url = base() + "/roll-forward";
        String staff = in.bearer(Role.AUDIT_STAFF);

        // no grant to the next engagement yet: it cannot be reached
        call(post(url), staff, target(next.id())).andExpect(status().isNotFound());
        call(post(url), staff, target(audited.id())).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("targetEngagementId"));
        call(post(url), staff, "{}").andExpect(status().isBadRequest());
        TestOrg stranger = TestOrg.create(identity);
        Engagement strangers = engagements.create(stranger.admin(), type2("Stranger", START, END));
        access.grant(stranger.admin(), strangers.id(), firm.id(), null, null);
        call(post(url), staff, target(strangers.id())).andExpect(status().isNotFound());

        EngagementGrant nextGrant = access.grant(acme.admin(), next.id(), firm.id(), null, null);
        long shift = ChronoUnit.DAYS.between(END, NEXT_END);
        JsonNode result = read(call(post(url), staff, target(next.id())).andExpect(status().isCreated()));
        assertThat(result.get("shiftDays").asLong()).isEqualTo(shift);
        assertThat(result.get("created")).hasSize(2);
        List<String> refs = new ArrayList<>();
        result.get("created").forEach(r -> {
            refs.add(r.get("ref").asString());
            assertThat(r.get("status").asString()).isEqualTo("OPEN");
            assertThat(r.get("engagementId").asString()).isEqualTo(next.id().toString());
            assertThat(r.get("evidenceIds")).isEmpty();
            assertThat(r.get("rolledFrom").asString()).endsWith(" of " + audited.name());
        });
        assertThat(refs).containsExactly("PBC-001", "PBC-002");
        JsonNode first = result.get("created").get(0);
        assertThat(first.get("dueDate").asString()).isEqualTo(END.minusDays(10).plusDays(shift).toString());
        assertThat(first.get("ownerEmail").asString()).isEqualTo(ownerEmail());
        assertThat(first.get("criteria").get(0).asString()).isEqualTo("CC6.2");
        assertThat(first.get("controlRefs").get(0).asString()).isEqualTo("AC-04");
        assertThat(first.get("rolledFromId").asString()).isEqualTo(a);

        // the copies carry no evidence and no comments; the originals are untouched
        TestFirm.Inside inNext = firm.enter(identity, nextGrant);
        String copyB = result.get("created").get(1).get("id").asString();
        call(get("/api/v1/engagements/" + next.id() + "/requests/" + copyB), inNext.bearer(Role.AUDIT_STAFF), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.comments", Matchers.hasSize(0)))
                .andExpect(jsonPath("$.history[0].action").value("rolled-forward"))
                .andExpect(jsonPath("$.history[0].note").value(Matchers.containsString("PBC-002 of " + audited.name())));
        detail(a, staff).andExpect(jsonPath("$.request.status").value("SUBMITTED"));
        assertThat(stored(next.id())).isEqualTo(2);

        // a second roll-forward would clash on the refs: nothing is copied
        call(post(url), staff, target(next.id())).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("PBC-001, PBC-002")));
        assertThat(stored(next.id())).isEqualTo(2);
    }

    JsonNode notifications(String bearer) throws Exception {
        return read(call(get("/api/v1/notifications"), bearer, null).andExpect(status().isOk()));
    }

    List<String> kinds(String bearer) throws Exception {
        List<String> out = new ArrayList<>();
        notifications(bearer).get("notifications").forEach(n -> out.add(n.get("kind").asString()));
        return out;
    }

    @Test
    void eachSideIsNotifiedOfTheOthersStepsAndOnlyThose() throws Exception {
        String ownerBearer = acme.bearer(Role.CONTROL_OWNER);
        String id = created("User access review", DUE, ownerEmail()).get("id").asString();
        assertThat(kinds(ownerBearer)).containsExactly("REQUEST_CREATED");
        assertThat(kinds(acme.bearer(Role.COMPLIANCE_MANAGER))).isEmpty();
        assertThat(kinds(in.bearer(Role.AUDIT_STAFF))).isEmpty();

        submit(id, ownerBearer, "{\"note\": \"attached\"}").andExpect(status().isOk());
        for (var role : TestFirm.ROLES) {
            assertThat(kinds(in.bearer(role))).as(role.name()).containsExactly("REQUEST_SUBMITTED");
        }
        assertThat(kinds(in.secondBearer())).containsExactly("REQUEST_SUBMITTED");
        assertThat(kinds(ownerBearer)).containsExactly("REQUEST_CREATED");

        flag(id, in.bearer(Role.AUDIT_MANAGER), "Listing missing").andExpect(status().isOk());
        JsonNode owners = notifications(ownerBearer);
        assertThat(owners.get("unread").asLong()).isEqualTo(2);
        assertThat(owners.get("notifications").get(0).get("kind").asString()).isEqualTo("REQUEST_FLAGGED");
        assertThat(owners.get("notifications").get(0).get("message").asString()).contains("Listing missing");
        assertThat(owners.get("notifications").get(0).get("link").asString())
                .isEqualTo("/engagements/" + audited.id() + "/requests/" + id);

        call(post(base() + "/" + id + "/comments"), acme.bearer(Role.ADMIN), "{\"body\": \"Uploading it today\"}")
                .andExpect(status().isCreated());
        assertThat(kinds(in.bearer(Role.AUDIT_STAFF))).containsExactly("REQUEST_COMMENTED", "REQUEST_SUBMITTED");
        // the commenter is not notified of their own comment, the other client members are not either
        assertThat(kinds(acme.bearer(Role.ADMIN))).isEmpty();
        call(post(base() + "/" + id + "/comments"), in.bearer(Role.AUDIT_STAFF), "{\"body\": \"Thanks\"}")
                .andExpect(status().isCreated());
        assertThat(kinds(ownerBearer)).containsExactly("REQUEST_COMMENTED", "REQUEST_FLAGGED", "REQUEST_CREATED");
        assertThat(kinds(in.bearer(Role.AUDIT_STAFF))).containsExactly("REQUEST_COMMENTED", "REQUEST_SUBMITTED");

        // another client, another firm inside the same engagement, and the firm outside the engagement see none
        TestOrg stranger = TestOrg.create(identity);
        assertThat(kinds(stranger.bearer(Role.ADMIN))).isEmpty();
        TestFirm rival = TestFirm.create(identity);
        TestFirm.Inside rivalIn = rival.inside(identity, access, acme, audited.id());
        assertThat(kinds(rivalIn.bearer(Role.AUDIT_PARTNER))).isEmpty();
        assertThat(kinds("Bearer " + identity.issueToken(firm.user(Role.AUDIT_STAFF), "t").token())).isEmpty();
        TestFirm.Inside inNext = firm.inside(identity, access, acme, next.id());
        assertThat(kinds(inNext.bearer(Role.AUDIT_STAFF))).isEmpty();
    }

    @Test
    void requestsWithoutAnOwnerNotifyEveryoneWhoAnswersAndReadStateIsPerPerson() throws Exception {
        String csv = "title,criteria,due_date\nFirewall rules,CC6.6," + DUE + "\nBackups,A1.2," + DUE + "\n";
        mvc.perform(post(base() + "/import").header("Authorization", in.bearer(Role.AUDIT_STAFF))
                .contentType("text/csv").content(csv)).andExpect(status().isOk());
        for (Role role : TestOrg.ROLES) {
            List<String> kinds = kinds(acme.bearer(role));
            if (role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER || role == Role.CONTROL_OWNER) {
                assertThat(kinds).as(role.name()).containsExactly("REQUESTS_ADDED");
            } else {
                assertThat(kinds).as(role.name()).isEmpty();
            }
        }
        JsonNode n = notifications(acme.bearer(Role.ADMIN)).get("notifications").get(0);
        assertThat(n.get("message").asString()).contains("2 new requests").contains("PBC-001, PBC-002");
        String nid = n.get("id").asString();

        // reading is personal: the admin reads it, the compliance manager still has it unread
        call(post("/api/v1/notifications/" + nid + "/read"), acme.bearer(Role.ADMIN), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.read").value(true));
        call(post("/api/v1/notifications/" + nid + "/read"), acme.bearer(Role.ADMIN), null).andExpect(status().isOk());
        assertThat(notifications(acme.bearer(Role.ADMIN)).get("unread").asLong()).isZero();
        assertThat(notifications(acme.bearer(Role.ADMIN)).get("notifications").get(0).get("read").asBoolean()).isTrue();
        assertThat(notifications(acme.bearer(Role.COMPLIANCE_MANAGER)).get("unread").asLong()).isEqualTo(1);
        // nobody else can touch it
        call(post("/api/v1/notifications/" + nid + "/read"), acme.bearer(Role.VIEWER), null).andExpect(status().isNotFound());
        call(post("/api/v1/notifications/" + nid + "/read"), in.bearer(Role.AUDIT_STAFF), null)
                .andExpect(status().isNotFound());
        call(post("/api/v1/notifications/" + nid + "/read"), TestOrg.create(identity).bearer(Role.ADMIN), null)
                .andExpect(status().isNotFound());
        call(post("/api/v1/notifications/read-all"), acme.bearer(Role.COMPLIANCE_MANAGER), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.marked").value(1));
        assertThat(notifications(acme.bearer(Role.COMPLIANCE_MANAGER)).get("unread").asLong()).isZero();
        assertThat(requests.unreadNotifications(acme.user(Role.CONTROL_OWNER))).isEqualTo(1);
    }

    @Test
    void changingTheOwnerNotifiesTheNewOwner() throws Exception {
        JsonNode r = created("Access review", DUE, null);
        String body = requestJson("Access review", DUE, acme.user(Role.COMPLIANCE_MANAGER).email())
                .replace("{", "{\"version\": 0, ");
        call(put(base() + "/" + r.get("id").asString()),
                in.bearer(Role.AUDIT_STAFF), body).andExpect(status().isOk());
        assertThat(kinds(acme.bearer(Role.COMPLIANCE_MANAGER))).containsExactly("REQUEST_ASSIGNED", "REQUEST_CREATED");
        assertThat(kinds(acme.bearer(Role.CONTROL_OWNER))).containsExactly("REQUEST_CREATED");
    }
}
