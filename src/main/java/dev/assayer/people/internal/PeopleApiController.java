package dev.assayer.people.internal;

import dev.assayer.people.BackgroundCheck;
import dev.assayer.people.BackgroundCheckDraft;
import dev.assayer.people.BackgroundCheckResult;
import dev.assayer.people.Checklist;
import dev.assayer.people.ChecklistEntry;
import dev.assayer.people.ChecklistItem;
import dev.assayer.people.EmploymentType;
import dev.assayer.people.ImportSummary;
import dev.assayer.people.LateRevocation;
import dev.assayer.people.PeopleFilter;
import dev.assayer.people.PeoplePopulation;
import dev.assayer.people.PeopleService;
import dev.assayer.people.PersonDraft;
import dev.assayer.people.PersonStatus;
import dev.assayer.people.PopulationExtraction;
import dev.assayer.people.PopulationKind;
import dev.assayer.people.RosterEntry;
import dev.assayer.people.TrainingDue;
import dev.assayer.people.TrainingRecord;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * /api/v1/people: the roster (list with filters, create 201, read, replace with the edited
 * {@code version}, CSV import), each person's checklists, training and background checks, the
 * training import, and the populations for fieldwork as JSON or as the exact CSV whose SHA-256
 * the extraction records.
 */
@RestController
@RequestMapping("/api/v1/people")
class PeopleApiController {

    record PersonRequest(String name, String email, String jobTitle, String department, String managerEmail,
            LocalDate startDate, LocalDate endDate, EmploymentType employmentType, Long version) {

        PersonDraft draft() {
            return new PersonDraft(name, email, jobTitle, department, managerEmail, startDate, endDate, employmentType);
        }
    }

    /** Records a checklist item as done; {@code completedOn} defaults to today. */
    record CompletionRequest(LocalDate completedOn, String reference) {
    }

    record TrainingRequest(String course, LocalDate completedOn) {
    }

    /** A background check: date, result, provider. There is deliberately no field for findings. */
    record BackgroundCheckRequest(LocalDate completedOn, BackgroundCheckResult result, String provider) {
    }

    private final PeopleService people;

    PeopleApiController(PeopleService people) {
        this.people = people;
    }

    @GetMapping
    List<RosterEntry> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String status, @RequestParam(required = false) String department,
            @RequestParam(required = false) String q) {
        return people.list(user, new PeopleFilter(FormValues.choice("status", status, PersonStatus.class), department, q));
    }

    @PostMapping
    ResponseEntity<RosterEntry> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) PersonRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        RosterEntry created = people.create(user, required(body).draft());
        return ResponseEntity.created(URI.create("/api/v1/people/" + created.id())).body(created);
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportSummary importMultipart(@AuthenticationPrincipal CurrentUser user, @RequestPart("file") MultipartFile file)
            throws IOException {
        user.require(Permission.ENGAGEMENT_WRITE);
        return people.importRoster(user, new String(file.getBytes(), StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain", "application/csv", "application/octet-stream"})
    ImportSummary importBody(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) byte[] body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return people.importRoster(user, body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/training/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportSummary importTrainingMultipart(@AuthenticationPrincipal CurrentUser user,
            @RequestPart("file") MultipartFile file) throws IOException {
        user.require(Permission.ENGAGEMENT_WRITE);
        return people.importTraining(user, new String(file.getBytes(), StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/training/import",
            consumes = {"text/csv", "text/plain", "application/csv", "application/octet-stream"})
    ImportSummary importTrainingBody(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) byte[] body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        return people.importTraining(user, body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    @GetMapping("/training/overdue")
    List<TrainingDue> overdueTraining(@AuthenticationPrincipal CurrentUser user) {
        return people.overdueTraining(user);
    }

    @GetMapping("/offboarding/late-revocations")
    List<LateRevocation> lateRevocations(@AuthenticationPrincipal CurrentUser user) {
        return people.lateRevocations(user);
    }

    @GetMapping("/populations")
    List<PopulationExtraction> extractions(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "50") int limit) {
        return people.extractions(user, limit);
    }

    @GetMapping("/populations/{kind}")
    PeoplePopulation population(@AuthenticationPrincipal CurrentUser user, @PathVariable String kind,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        user.require(Permission.CONTROL_READ);
        return people.population(user, kind(kind), FormValues.date("from", from), FormValues.date("to", to));
    }

    @GetMapping("/populations/{kind}.csv")
    ResponseEntity<byte[]> populationCsv(@AuthenticationPrincipal CurrentUser user, @PathVariable String kind,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        user.require(Permission.CONTROL_READ);
        PeoplePopulation p = people.population(user, kind(kind), FormValues.date("from", from), FormValues.date("to", to));
        return csv(p);
    }

    @GetMapping("/{id}")
    RosterEntry get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return people.get(user, id);
    }

    @PutMapping("/{id}")
    RosterEntry update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) PersonRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        PersonRequest request = required(body);
        if (request.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/people/" + id + ")");
        }
        return people.update(user, id, request.draft(), request.version());
    }

    @GetMapping("/{id}/checklist")
    Checklist checklist(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return people.checklist(user, id);
    }

    @PostMapping("/{id}/checklist/{item}")
    ChecklistEntry recordItem(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable String item, @RequestBody(required = false) CompletionRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        CompletionRequest r = body == null ? new CompletionRequest(null, null) : body;
        return people.recordItem(user, id, item(item), r.completedOn(), r.reference());
    }

    @DeleteMapping("/{id}/checklist/{item}")
    ResponseEntity<Void> clearItem(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable String item) {
        user.require(Permission.ENGAGEMENT_WRITE);
        people.clearItem(user, id, item(item));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/training")
    List<TrainingRecord> training(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return people.training(user, id);
    }

    @PostMapping("/{id}/training")
    ResponseEntity<TrainingRecord> addTraining(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) TrainingRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        TrainingRequest r = body == null ? new TrainingRequest(null, null) : body;
        TrainingRecord created = people.addTraining(user, id, r.course(), r.completedOn());
        return ResponseEntity.created(URI.create("/api/v1/people/" + id + "/training")).body(created);
    }

    @DeleteMapping("/{id}/training/{trainingId}")
    ResponseEntity<Void> deleteTraining(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID trainingId) {
        user.require(Permission.ENGAGEMENT_WRITE);
        people.deleteTraining(user, id, trainingId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/background-checks")
    List<BackgroundCheck> backgroundChecks(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return people.backgroundChecks(user, id);
    }

    @PostMapping("/{id}/background-checks")
    ResponseEntity<BackgroundCheck> addBackgroundCheck(@AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id, @RequestBody(required = false) BackgroundCheckRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        BackgroundCheckRequest r = body == null ? new BackgroundCheckRequest(null, null, null) : body;
        BackgroundCheck created = people.addBackgroundCheck(user, id,
                new BackgroundCheckDraft(r.completedOn(), r.result(), r.provider()));
        return ResponseEntity.created(URI.create("/api/v1/people/" + id + "/background-checks")).body(created);
    }

    @DeleteMapping("/{id}/background-checks/{checkId}")
    ResponseEntity<Void> deleteBackgroundCheck(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID checkId) {
        user.require(Permission.ENGAGEMENT_WRITE);
        people.deleteBackgroundCheck(user, id, checkId);
        return ResponseEntity.noContent().build();
    }

    /** The population's CSV bytes, with the extraction's record in headers. */
    static ResponseEntity<byte[]> csv(PeoplePopulation p) {
        PopulationExtraction x = p.extraction();
        String name = p.kind().slug() + "-" + p.from() + "-to-" + p.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header("X-Assayer-Extraction-Id", x.id().toString())
                .header("X-Assayer-Sha256", x.sha256())
                .header("X-Assayer-Row-Count", String.valueOf(x.rowCount()))
                .body(p.csv());
    }

    static PopulationKind kind(String text) {
        PopulationKind k = PopulationKind.parse(text);
        if (k == null) {
            throw ApiProblem.invalidField("kind", "'" + text + "' is not a population (one of new-hires, terminations, "
                    + "training-completions)");
        }
        return k;
    }

    static ChecklistItem item(String text) {
        ChecklistItem i = ChecklistItem.parse(text);
        if (i == null) {
            throw ApiProblem.invalidField("item", "'" + text + "' is not a checklist item (one of "
                    + String.join(", ", java.util.Arrays.stream(ChecklistItem.values()).map(ChecklistItem::slug).toList())
                    + ")");
        }
        return i;
    }

    private static PersonRequest required(PersonRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON person is required");
        }
        return body;
    }
}
