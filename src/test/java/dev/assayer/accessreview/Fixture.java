package dev.assayer.accessreview;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One organization ready for an access review: control AC-04, a roster (seeded straight into the
 * people module's table) and a six-account list for "GitHub" whose owners cover every assignment
 * rule: alice and bob report to the control owner (bob left before the as-of date), carol has no
 * manager, dave's manager is not a member, erin is not on the roster, and the compliance manager
 * owns the account "cm-admin" (a self-review when the compliance manager decides it).
 */
record Fixture(TestOrg acme, Control control, String csv) {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    static final LocalDate DUE = LocalDate.of(2026, 7, 31);

    static Fixture create(TestOrg acme, ControlService controls, JdbcClient jdbc) {
        Control c = controls.create(acme.admin(), new ControlDraft("AC-04", "Quarterly user access review", null, null,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, true, ImplementationStatus.IMPLEMENTED,
                List.of(), List.of()));
        String owner = acme.user(Role.CONTROL_OWNER).email();
        String cm = acme.user(Role.COMPLIANCE_MANAGER).email();
        person(jdbc, acme.id(), owner, "Casey Owner", null, null);
        person(jdbc, acme.id(), cm, "Morgan Compliance", null, null);
        person(jdbc, acme.id(), "alice@acme.test", "Alice Adams", owner, null);
        person(jdbc, acme.id(), "bob@acme.test", "Bob Brown", owner, LocalDate.of(2026, 6, 15));
        person(jdbc, acme.id(), "carol@acme.test", "Carol Chen", null, null);
        person(jdbc, acme.id(), "dave@acme.test", "Dave Diaz", "outsider@acme.test", null);
        String csv = """
                account,email,name,entitlement,last_login,status
                alice,alice@acme.test,Alice Adams,admin,2026-06-01,active
                bob,bob@acme.test,Bob Brown,write,2026-05-01,active
                carol,carol@acme.test,Carol Chen,read,,active
                dave,dave@acme.test,Dave Diaz,read,never,active
                erin,erin@acme.test,Erin Evans,admin,2026-06-20T08:00:00Z,active
                cm-admin,%s,Morgan Compliance,owner,2026-06-29,active
                """.formatted(cm);
        return new Fixture(acme, c, csv);
    }

    static void person(JdbcClient jdbc, UUID orgId, String email, String name, String manager, LocalDate end) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO person (id, org_id, email, name, manager_email, start_date, end_date, employment_type, "
                        + "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'EMPLOYEE', 0, ?, ?)")
                .params(UUID.randomUUID(), orgId, email.toLowerCase(), name, manager, LocalDate.of(2020, 1, 1), end, now,
                        now)
                .update();
    }

    byte[] csvBytes() {
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    String campaignJson(String system) {
        return """
                {"system": "%s", "asOfDate": "%s", "dueDate": "%s", "description": "Org members and outside collaborators",
                 "controlIds": ["AC-04"]}""".formatted(system, AS_OF, DUE);
    }

    AccessReviewDraft draft(String system) {
        return new AccessReviewDraft(system, AS_OF, DUE, null, List.of("AC-04"));
    }
}
