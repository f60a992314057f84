package dev.assayer.fieldwork.requests;

import static dev.assayer.fieldwork.RequestStatus.ACCEPTED;
import static dev.assayer.fieldwork.RequestStatus.FLAGGED;
import static dev.assayer.fieldwork.RequestStatus.OPEN;
import static dev.assayer.fieldwork.RequestStatus.RESUBMITTED;
import static dev.assayer.fieldwork.RequestStatus.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.assayer.fieldwork.RequestDraft;
import dev.assayer.fieldwork.RequestStatus;
import dev.assayer.fieldwork.internal.requests.RequestCsv;
import dev.assayer.fieldwork.internal.requests.RequestRules;
import dev.assayer.fieldwork.internal.requests.RequestRules.Action;
import dev.assayer.fieldwork.internal.requests.RequestRules.Fields;
import dev.assayer.fieldwork.internal.requests.RequestRules.Owner;
import dev.assayer.fieldwork.internal.requests.RequestRules.Valid;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The request list's rules without a database: the workflow, refs, due dates, validation and CSV import. */
class RequestRulesTest {

    static final UUID AC04 = UUID.randomUUID();
    static final UUID HR01 = UUID.randomUUID();
    static final Owner LEAD = new Owner(UUID.randomUUID(), "IT Lead", "it-lead@example.test", "Control owner", true);
    static final Owner WATCHER = new Owner(UUID.randomUUID(), "Watcher", "viewer@example.test", "Viewer", false);

    /** A client with criteria CC6.1–CC6.3 and CC1.4, controls AC-04 and HR-01, and two members. */
    static final RequestRules.Lookups LOOKUPS = new RequestRules.Lookups() {
        final Set<String> criteria = Set.of("CC6.1", "CC6.2", "CC6.3", "CC1.4");
        final Map<String, UUID> controls = Map.of("AC-04", AC04, "HR-01", HR01);

        @Override
        public String clientName() {
            return "Acme";
        }

        @Override
        public String criterionKind() {
            return "SOC 2 criterion";
        }

        @Override
        public Optional<String> criterion(String id) {
            String c = id.strip().toUpperCase(Locale.ROOT);
            return criteria.contains(c) ? Optional.of(c) : Optional.empty();
        }

        @Override
        public Optional<UUID> control(String idOrRef) {
            return Optional.ofNullable(controls.get(idOrRef.strip().toUpperCase(Locale.ROOT)));
        }

        @Override
        public Optional<Owner> owner(UUID userId) {
            return List.of(LEAD, WATCHER).stream().filter(o -> o.id().equals(userId)).findFirst();
        }

        @Override
        public Optional<Owner> ownerByEmail(String email) {
            return List.of(LEAD, WATCHER).stream().filter(o -> o.email().equalsIgnoreCase(email)).findFirst();
        }
    };

    static final LocalDate TODAY = LocalDate.of(2026, 5, 10);

    // ------------------------------------------------------------------------------ workflow

    @Test
    void theWorkflowMovesForwardOnly() {
        assertThat(RequestRules.next("PBC-001", OPEN, Action.SUBMIT)).isEqualTo(SUBMITTED);
        assertThat(RequestRules.next("PBC-001", SUBMITTED, Action.FLAG)).isEqualTo(FLAGGED);
        assertThat(RequestRules.next("PBC-001", FLAGGED, Action.SUBMIT)).isEqualTo(RESUBMITTED);
        assertThat(RequestRules.next("PBC-001", RESUBMITTED, Action.FLAG)).isEqualTo(FLAGGED);
        assertThat(RequestRules.next("PBC-001", RESUBMITTED, Action.ACCEPT)).isEqualTo(ACCEPTED);
        assertThat(RequestRules.next("PBC-001", SUBMITTED, Action.ACCEPT)).isEqualTo(ACCEPTED);
    }

    @Test
    void everyOtherMoveIsAConflictThatSaysWhatTheRequestWaitsFor() {
        record Move(RequestStatus from, Action action) {
        }
        List<Move> illegal = List.of(new Move(OPEN, Action.ACCEPT), new Move(OPEN, Action.FLAG),
                new Move(FLAGGED, Action.ACCEPT), new Move(FLAGGED, Action.FLAG), new Move(SUBMITTED, Action.SUBMIT),
                new Move(RESUBMITTED, Action.SUBMIT), new Move(ACCEPTED, Action.SUBMIT), new Move(ACCEPTED, Action.ACCEPT),
                new Move(ACCEPTED, Action.FLAG));
        for (Move m : illegal) {
            assertThatThrownBy(() -> RequestRules.next("PBC-007", m.from(), m.action()))
                    .as(m.toString()).isInstanceOf(ApiProblem.class)
                    .hasMessageContaining("PBC-007")
                    .extracting(e -> ((ApiProblem) e).status()).isEqualTo(409);
        }
        assertThatThrownBy(() -> RequestRules.next("PBC-007", OPEN, Action.ACCEPT))
                .hasMessageContaining("only a submitted or resubmitted request can be accepted")
                .hasMessageContaining("waits for the client's answer");
        assertThatThrownBy(() -> RequestRules.next("PBC-007", ACCEPTED, Action.SUBMIT))
                .hasMessageContaining("accepted, which is final");
    }

    @Test
    void onlyRequestsWaitingForTheClientCanBeEdited() {
        RequestRules.requireEditable("PBC-1", OPEN);
        RequestRules.requireEditable("PBC-1", FLAGGED);
        for (RequestStatus s : List.of(SUBMITTED, RESUBMITTED, ACCEPTED)) {
            assertThatThrownBy(() -> RequestRules.requireEditable("PBC-1", s)).isInstanceOf(ApiProblem.class)
                    .extracting(e -> ((ApiProblem) e).status()).isEqualTo(409);
        }
    }

    @Test
    void overdueAndDueSoon() {
        assertThat(RequestRules.overdue(OPEN, TODAY.minusDays(1), TODAY)).isTrue();
        assertThat(RequestRules.overdue(SUBMITTED, TODAY.minusDays(1), TODAY)).isTrue();
        assertThat(RequestRules.overdue(ACCEPTED, TODAY.minusDays(1), TODAY)).isFalse();
        assertThat(RequestRules.overdue(OPEN, TODAY, TODAY)).isFalse();
        assertThat(RequestRules.dueSoon(OPEN, TODAY, TODAY)).isTrue();
        assertThat(RequestRules.dueSoon(FLAGGED, TODAY.plusDays(7), TODAY)).isTrue();
        assertThat(RequestRules.dueSoon(OPEN, TODAY.plusDays(8), TODAY)).isFalse();
        assertThat(RequestRules.dueSoon(SUBMITTED, TODAY.plusDays(1), TODAY)).isFalse();
        assertThat(RequestRules.dueSoon(OPEN, TODAY.minusDays(1), TODAY)).isFalse();
    }

    @Test
    void refsContinueAfterTheHighestPbcNumber() {
        assertThat(RequestRules.nextRef(List.of())).isEqualTo("PBC-001");
        assertThat(RequestRules.nextRef(List.of("PBC-001", "pbc-009", "HR-100", "PBC-X"))).isEqualTo("PBC-010");
        assertThat(RequestRules.nextRef(List.of("PBC-999"))).isEqualTo("PBC-1000");
        assertThat(RequestRules.shiftDays(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 12, 31))).isEqualTo(365);
    }

    // ------------------------------------------------------------------------------ validation

    @Test
    void aValidDraftIsNormalized() {
        List<FieldError> errors = new ArrayList<>();
        Valid v = RequestRules.check(new RequestDraft(" PBC-010 ", " Access review ", null, List.of("cc6.1", "CC6.1 ", ""),
                List.of("ac-04", "AC-04"), LEAD.id(), null, TODAY), LOOKUPS, Fields.API,
                null, errors);
        assertThat(errors).isEmpty();
        assertThat(v.ref()).isEqualTo("PBC-010");
        assertThat(v.title()).isEqualTo("Access review");
        assertThat(v.criteria()).containsExactly("CC6.1");
        assertThat(v.controlIds()).containsExactly(AC04);
        assertThat(v.ownerId()).isEqualTo(LEAD.id());
    }

    @Test
    void everyBadFieldIsNamed() {
        List<FieldError> errors = new ArrayList<>();
        RequestRules.check(new RequestDraft("bad ref!", " ", "x".repeat(4001), List.of("CC9.9", "CC6.1"),
                List.of("NOPE-1"), WATCHER.id(), null, null), LOOKUPS, Fields.API, null, errors);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("ref", "title", "description",
                "criteria", "controls", "ownerId", "dueDate");
        assertThat(errors).filteredOn(e -> e.field().equals("criteria")).extracting(FieldError::message)
                .containsExactly("unknown SOC 2 criterion 'CC9.9'");
        assertThat(errors).filteredOn(e -> e.field().equals("controls")).extracting(FieldError::message)
                .containsExactly("no control of Acme has the ref or id 'NOPE-1'");
        assertThat(errors).filteredOn(e -> e.field().equals("ownerId")).extracting(FieldError::message).first()
                .asString().contains("is a viewer of Acme and cannot answer requests");

        errors.clear();
        RequestRules.check(new RequestDraft(null, "Mapped to nothing", null, List.of(), List.of(), UUID.randomUUID(),
                null, TODAY), LOOKUPS, Fields.API, null, errors);
        assertThat(errors).extracting(FieldError::field, FieldError::message).containsExactlyInAnyOrder(
                tuple("criteria", "map the request to at least one criterion or control"),
                tuple("ownerId", "is not a member of Acme"));
    }

    // ------------------------------------------------------------------------------ CSV

    static final String HEADER = "ref,title,description,criteria,controls,owner_email,due_date\n";

    List<Valid> importing(String csv, List<String> existing, List<FieldError> errors) {
        RequestCsv.Parsed parsed = RequestCsv.parse(csv);
        errors.addAll(parsed.errors());
        return RequestRules.checkImport(parsed.rows(), LOOKUPS, existing, errors);
    }

    @Test
    void aGoodFileGetsRefsForBlankOnesInFileOrder() {
        List<FieldError> errors = new ArrayList<>();
        List<Valid> rows = importing(HEADER
                + ",Population of new hires,\"HR export: name, start date\",CC1.4,HR-01,it-lead@example.test,2026-04-20\n"
                + "\n"
                + "PBC-007,User access review,,CC6.2; CC6.3,AC-04,,2026-04-15\n"
                + ",Firewall rules,,CC6.1,,,2026-05-01\n", List.of("PBC-002"), errors);
        assertThat(errors).isEmpty();
        assertThat(rows).extracting(Valid::ref).containsExactly("PBC-008", "PBC-007", "PBC-009");
        assertThat(rows.getFirst().description()).isEqualTo("HR export: name, start date");
        assertThat(rows.getFirst().ownerId()).isEqualTo(LEAD.id());
        assertThat(rows.get(1).criteria()).containsExactly("CC6.2", "CC6.3");
        assertThat(rows.get(1).dueDate()).isEqualTo(LocalDate.of(2026, 4, 15));
    }

    @Test
    void everyBadLineAndColumnIsReported() {
        List<FieldError> errors = new ArrayList<>();
        importing(HEADER
                + "PBC-001,Access review,,CC9.9,AC-04,it-lead@example.test,2026-04-15\n"       // line 2: criterion
                + "PBC-002,Change tickets,,CC6.1,CHG-99,it-lead@example.test,2026-04-15\n"   // line 3: control
                + "PBC-003,Backups,,CC6.1,,stranger@example.test,2026-04-15\n"               // line 4: owner
                + "PBC-004,Onboarding,,CC1.4,,viewer@example.test,15/04/2026\n"              // line 5: owner role, date
                + "pbc-001,Duplicate in file,,CC6.1,,,2026-04-15\n"                          // line 6: ref twice
                + "PBC-050,Already there,,CC6.1,,,2026-04-15\n"                              // line 7: ref exists
                + ",,,,,,\n"                                                                 // line 8: title, map, due
                + "PBC-009,Too,many,values,here,x,y,z\n", List.of("PBC-050"), errors);       // line 9: shape
        assertThat(errors).extracting(FieldError::line, FieldError::field).containsExactlyInAnyOrder(
                tuple(2, "criteria"), tuple(3, "controls"), tuple(4, "owner_email"), tuple(5, "owner_email"),
                tuple(5, "due_date"), tuple(6, "ref"), tuple(7, "ref"), tuple(8, "title"), tuple(8, "criteria"),
                tuple(8, "due_date"), tuple(9, null));
        assertThat(errors).filteredOn(e -> e.line() == 6).extracting(FieldError::message)
                .containsExactly("'pbc-001' is already used on line 2 of the file");
        assertThat(errors).filteredOn(e -> e.line() == 7).extracting(FieldError::message)
                .containsExactly("'PBC-050' is already a request of this engagement");
        assertThat(errors).filteredOn(e -> e.line() == 4).extracting(FieldError::message)
                .containsExactly("'stranger@example.test' is not a member of Acme");
        assertThat(errors).filteredOn(e -> e.line() == 5 && e.field().equals("due_date")).extracting(FieldError::message)
                .first().asString().contains("'15/04/2026' is not a date");
    }

    @Test
    void headerProblemsStopTheReadingAndLinesCountQuotedBreaks() {
        RequestCsv.Parsed bad = RequestCsv.parse("ref,titel,due date,Due_Date\nPBC-1,x,2026-01-01,2026-01-01\n");
        assertThat(bad.rows()).isEmpty();
        assertThat(bad.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("titel", "due_date", "title");
        assertThat(RequestCsv.parse("").errors()).extracting(FieldError::message).first().asString()
                .startsWith("the file is empty");
        assertThat(RequestCsv.parse(HEADER).errors()).extracting(FieldError::message)
                .containsExactly("the file has a header but no requests");

        RequestCsv.Parsed multi = RequestCsv.parse("\uFEFFTitle,Due Date,Criteria\n\"Two\nlines\",2026-01-01,CC6.1\n"
                + "Third,2026-01-02,CC6.1;CC6.2\n");
        assertThat(multi.errors()).isEmpty();
        assertThat(multi.rows()).extracting(RequestCsv.Row::line).containsExactly(2, 4);
        assertThat(multi.rows().get(1).criteria()).containsExactly("CC6.1", "CC6.2");
    }
}
