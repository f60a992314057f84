package dev.assayer.demo.internal;

import dev.assayer.accessreview.AccessReview;
import dev.assayer.accessreview.AccessReviewDraft;
import dev.assayer.accessreview.AccessReviewService;
import dev.assayer.accessreview.AccountFilter;
import dev.assayer.accessreview.Decision;
import dev.assayer.accessreview.DecisionDraft;
import dev.assayer.accessreview.ReviewAccount;
import dev.assayer.demo.internal.DemoContent.AccessReviewPlan;
import dev.assayer.demo.internal.DemoContent.DecisionPlan;
import dev.assayer.demo.internal.DemoContent.PeopleDefaults;
import dev.assayer.demo.internal.DemoContent.PeoplePlan;
import dev.assayer.demo.internal.DemoContent.PersonPlan;
import dev.assayer.people.BackgroundCheckDraft;
import dev.assayer.people.BackgroundCheckResult;
import dev.assayer.people.ChecklistItem;
import dev.assayer.people.PeopleService;
import dev.assayer.people.Person;
import dev.assayer.shared.tenancy.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo's personnel roster and access reviews ({@code demo/people.yaml}) through the
 * People and Access review services: imports the HR export and the learning platform's training
 * completions, records background checks and the onboarding and offboarding checklist items, then
 * runs the access review campaigns — account lists imported, decisions by the assigned reviewers
 * (the owners' managers), remediation tasks done, and the completed campaign signed off, which
 * files it as evidence.
 */
@Component
@ConditionalOnProperty(name = "assayer.demo", havingValue = "true")
class DemoPeople {

    private final PeopleService people;
    private final AccessReviewService reviews;

    DemoPeople(PeopleService people, AccessReviewService reviews) {
        this.people = people;
        this.reviews = reviews;
    }

    /**
     * What was loaded, for the printed summary. {@code reviewEvidence}: the evidence id each
     * signed-off campaign filed, by system.
     */
    record Loaded(int people, int leavers, int trainingRecords, int accessReviews, int signedOff,
            Map<String, UUID> reviewEvidence) {

        String summary() {
            return people + " people on the roster (" + leavers + " leavers), " + trainingRecords + " training records, "
                    + accessReviews + " access reviews (" + signedOff + " signed off)";
        }
    }

    Loaded load(DemoContent content, DemoDates dates, Map<String, CurrentUser> users) {
        PeoplePlan plan = content.people();
        CurrentUser by = users.get(plan.by());
        people.importRoster(by, rosterCsv(content, dates));
        StringBuilder training = new StringBuilder("email,course,completed_on\n");
        int trainingRecords = trainingCsv(content, dates, training);
        people.importTraining(by, training.toString());

        Map<String, Person> roster = new HashMap<>();
        people.roster(by.orgId()).forEach(p -> roster.put(p.email(), p));
        PeopleDefaults defaults = plan.defaults();
        int leavers = 0;
        for (PersonPlan p : plan.people()) {
            Person person = roster.get(content.email(p.email()));
            LocalDate start = DemoContent.day(dates, p.start());
            LocalDate checked = p.check() == null ? start.minusDays(defaults.checkBeforeStart()) : dates.resolve(p.check());
            people.addBackgroundCheck(by, person.id(), new BackgroundCheckDraft(checked, BackgroundCheckResult.CLEAR,
                    defaults.checkProvider()));
            if (!p.pending(ChecklistItem.POLICY_ACKNOWLEDGEMENT)) {
                people.recordItem(by, person.id(), ChecklistItem.POLICY_ACKNOWLEDGEMENT, start, null);
            }
            if (!p.pending(ChecklistItem.ACCESS_PROVISIONED)) {
                LocalDate provisioned = p.provisioned() == null ? start : dates.resolve(p.provisioned());
                people.recordItem(by, person.id(), ChecklistItem.ACCESS_PROVISIONED, provisioned, p.ticket());
            }
            if (p.offboarding() != null) {
                leavers++;
                people.recordItem(by, person.id(), ChecklistItem.ACCESS_REVOKED, dates.resolve(p.offboarding().revoked()),
                        p.offboarding().revokedRef());
                people.recordItem(by, person.id(), ChecklistItem.EQUIPMENT_RETURNED,
                        dates.resolve(p.offboarding().returned()), p.offboarding().returnedRef());
            }
        }

        Map<UUID, CurrentUser> byUserId = new HashMap<>();
        users.values().forEach(u -> byUserId.put(u.userId(), u));
        Map<String, UUID> evidence = new HashMap<>();
        for (AccessReviewPlan r : plan.accessReviews()) {
            AccessReview review = accessReview(r, dates, users.get(r.by()), byUserId);
            if (review.evidenceId() != null) {
                evidence.put(review.system(), review.evidenceId());
            }
        }
        return new Loaded(plan.people().size(), leavers, trainingRecords, plan.accessReviews().size(), evidence.size(),
                Map.copyOf(evidence));
    }

    /** The HR export: one line per person, managers by e-mail. */
    static String rosterCsv(DemoContent content, DemoDates dates) {
        StringBuilder csv = new StringBuilder("name,email,title,department,manager_email,start_date,end_date,employment_type\n");
        for (PersonPlan p : content.people().people()) {
            csv.append(String.join(",", cell(p.name()), cell(content.email(p.email())), cell(p.title()),
                    cell(p.department()), p.manager() == null ? "" : cell(content.email(p.manager())),
                    DemoContent.day(dates, p.start()).toString(), p.end() == null ? "" : dates.resolve(p.end()).toString(),
                    p.type() == null ? "employee" : p.type().name().toLowerCase(java.util.Locale.ROOT))).append('\n');
        }
        return csv.toString();
    }

    /**
     * The learning platform's completions (see people.yaml): the new-starter course, last year's and
     * this year's annual course. Appends the lines and returns how many.
     */
    static int trainingCsv(DemoContent content, DemoDates dates, StringBuilder csv) {
        PeopleDefaults d = content.people().defaults();
        String thisYear = d.annualCourse().replace("{{YEAR}}", Integer.toString(dates.year()));
        String lastYear = d.annualCourse().replace("{{YEAR}}", Integer.toString(dates.year() - 1));
        LocalDate lastCampaign = dates.resolve("P+40").minusYears(1);
        int lines = 0;
        for (PersonPlan p : content.people().people()) {
            String email = content.email(p.email());
            LocalDate start = DemoContent.day(dates, p.start());
            if (!p.pending(ChecklistItem.SECURITY_TRAINING)) {
                csv.append(line(email, d.newStarterCourse(), start.plusDays(d.trainingAfterStart())));
                lines++;
            }
            LocalDate annual = p.annual() == null ? null : dates.resolve(p.annual());
            LocalDate previous = annual == null ? lastCampaign : annual.minusYears(1);
            if (!previous.isBefore(start.plusDays(d.trainingAfterStart() + 30L))) {
                csv.append(line(email, lastYear, previous));
                lines++;
            }
            if (annual != null) {
                csv.append(line(email, thisYear, annual));
                lines++;
            }
        }
        return lines;
    }

    private static String line(String email, String course, LocalDate on) {
        return cell(email) + "," + cell(course) + "," + on + "\n";
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** One campaign: created, accounts imported, decided by each account's reviewer, tasks done, signed off. */
    private AccessReview accessReview(AccessReviewPlan r, DemoDates dates, CurrentUser owner,
            Map<UUID, CurrentUser> byUserId) {
        AccessReview review = reviews.create(owner, new AccessReviewDraft(r.system(), dates.resolve(r.asOf()),
                dates.resolve(r.due()), r.description() == null ? null : r.description().strip(), r.controls()));
        reviews.importAccounts(owner, review.id(), r.file(), dates.render(r.accounts()).getBytes(StandardCharsets.UTF_8));
        Map<String, DecisionPlan> planned = new HashMap<>();
        r.decisions().forEach(d -> planned.put(d.account(), d));
        for (ReviewAccount a : reviews.accounts(owner, review.id(), AccountFilter.all())) {
            DecisionPlan d = planned.get(a.account());
            if (d == null && !r.keepOthers()) {
                continue;
            }
            CurrentUser reviewer = byUserId.getOrDefault(a.reviewerId(), owner);
            Decision decision = d == null ? Decision.KEEP : d.decision();
            String justification = d == null || d.justification() == null ? null : dates.render(d.justification().strip());
            String self = a.email() != null && a.email().equalsIgnoreCase(reviewer.email())
                    ? "Nobody else in " + owner.orgName() + " can review this access; confirmed with the Head of Security."
                    : null;
            ReviewAccount decided = reviews.decide(reviewer, review.id(), a.id(), new DecisionDraft(decision, justification,
                    d == null ? null : d.newEntitlement(), self, null));
            if (decided.task() != null && d != null && d.done() != null) {
                reviews.completeTask(owner, review.id(), decided.task().id(), dates.resolve(d.done()), d.ticket(), null);
            }
        }
        return r.signOff() ? reviews.signOff(owner, review.id()) : reviews.get(owner, review.id());
    }
}
