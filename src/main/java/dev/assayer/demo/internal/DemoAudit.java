package dev.assayer.demo.internal;

import dev.assayer.control.ControlService;
import dev.assayer.demo.internal.DemoContent.AuditPlan;
import dev.assayer.demo.internal.DemoContent.ControlTestPlan;
import dev.assayer.demo.internal.DemoContent.DeviationPlan;
import dev.assayer.demo.internal.DemoContent.PopulationPlan;
import dev.assayer.demo.internal.DemoContent.RequestPlan;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementGrant;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.DeviationDraft;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.ManualItem;
import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.RequestDraft;
import dev.assayer.fieldwork.RequestListService;
import dev.assayer.fieldwork.ResultDraft;
import dev.assayer.fieldwork.ResultOutcome;
import dev.assayer.fieldwork.SampleDetail;
import dev.assayer.fieldwork.SampleRequest;
import dev.assayer.fieldwork.TestAttribute;
import dev.assayer.fieldwork.TestItem;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestOfControlService;
import dev.assayer.fieldwork.TestPlan;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the service auditor's interim fieldwork ({@code demo/audit.yaml}): the demo admin grants
 * the audit firm access to the engagement; the firm's staff member opens it and, through the
 * fieldwork services, writes the request list (which the client answers with its evidence and the
 * auditor accepts or flags), imports the population of merged pull requests, selects a random
 * sample with a recorded seed and records part of a test of operating effectiveness on it, with
 * one deviation the client responds to.
 */
@Component
@ConditionalOnProperty(name = "assayer.demo", havingValue = "true")
class DemoAudit {

    private final EngagementAccessService access;
    private final IdentityService identity;
    private final RequestListService requests;
    private final PopulationService populations;
    private final TestOfControlService tests;
    private final ControlService controls;

    DemoAudit(EngagementAccessService access, IdentityService identity, RequestListService requests,
            PopulationService populations, TestOfControlService tests, ControlService controls) {
        this.access = access;
        this.identity = identity;
        this.requests = requests;
        this.populations = populations;
        this.tests = tests;
        this.controls = controls;
    }

    /** What was loaded, for the printed summary. */
    record Loaded(EngagementGrant grant, int requests, long populationRows, int sampleSize, int tests, int results,
            int deviations, int reviewed) {

        String summary() {
            return "audit firm access granted, " + requests + " requests, a population of " + populationRows
                    + " rows with a sample of " + sampleSize + (tests == 0 ? ""
                    : ", " + tests + (tests == 1 ? " test" : " tests") + " with " + results + " results, "
                            + deviations + (deviations == 1 ? " deviation" : " deviations") + " and " + reviewed
                            + " signed off by the reviewer");
        }
    }

    /**
     * @param admin    the client admin who grants the firm access
     * @param staff    the firm's staff member, in the firm (not yet inside the engagement)
     * @param manager  the firm's manager, in the firm, who reviews; null: nothing is reviewed
     * @param evidence the client's evidence by demo file name, and by "access-review: system"
     */
    Loaded load(AuditPlan plan, DemoDates dates, Map<String, CurrentUser> users, CurrentUser admin, CurrentUser staff,
            CurrentUser manager, Engagement engagement, Map<String, UUID> evidence) {
        UUID eid = engagement.id();
        EngagementGrant grant = access.grant(admin, eid, staff.orgId(), null, dates.render(plan.grant().note().strip()));
        CurrentUser auditor = identity.openEngagement(staff, grant.id());
        CurrentUser reviewer = manager == null ? null : identity.openEngagement(manager, grant.id());

        for (RequestPlan r : plan.requests()) {
            request(r, dates, users, auditor, eid, evidence);
        }

        PopulationPlan p = plan.population();
        byte[] csv = DemoChanges.csv(DemoContent.day(dates, p.from()), DemoContent.day(dates, p.to()), p.rows(),
                p.outside().stream().map(dates::resolve).toList(), p.generatorSeed(), p.repositories(), p.engineers());
        PopulationRecord population = populations.importPopulation(auditor, eid, new PopulationMetadata(p.name(),
                p.controls(), p.sourceSystem(), dates.render(p.query()), p.parameters(), p.extractedBy(),
                dates.instant(p.extractedAt()), DemoContent.day(dates, p.from()), DemoContent.day(dates, p.to()),
                DemoChanges.KEY_COLUMN, DemoChanges.DATE_COLUMN, "csv"), p.file(), new ByteArrayInputStream(csv));
        SampleDetail sample = populations.select(auditor, eid, population.id(), population.latestVersion(),
                SampleRequest.random(p.sample().size(), dates.render(p.sample().seed())));

        int[] counts = {0, 0, 0, 0}; // tests, results, deviations, reviewed
        if (plan.test() != null) {
            test(plan.test(), dates, users, auditor, reviewer, eid, sample, population.latest().rows(), counts);
        }
        for (ControlTestPlan t : plan.tests()) {
            test(t, dates, users, auditor, reviewer, eid, null, 0, counts);
        }
        return new Loaded(grant, plan.requests().size(), population.latest().rows(), sample.sample().size(), counts[0],
                counts[1], counts[2], counts[3]);
    }

    private void request(RequestPlan r, DemoDates dates, Map<String, CurrentUser> users, CurrentUser auditor, UUID eid,
            Map<String, UUID> evidence) {
        InformationRequest created = requests.create(auditor, eid, new RequestDraft(r.ref(), r.title(),
                r.description() == null ? null : r.description().strip(), r.criteria(), r.controls(),
                users.get(r.owner()).userId(), null, dates.resolve(r.due())));
        if (r.answer() == null) {
            return;
        }
        List<UUID> linked = new ArrayList<>();
        for (String e : r.answer().evidence()) {
            String key = e.startsWith(DemoContent.AnswerPlan.ACCESS_REVIEW)
                    ? DemoContent.AnswerPlan.ACCESS_REVIEW + e.substring(DemoContent.AnswerPlan.ACCESS_REVIEW.length()).strip()
                    : e;
            UUID id = evidence.get(key);
            if (id == null) {
                throw new IllegalStateException("demo request " + r.ref() + ": no evidence '" + e + "' was loaded");
            }
            linked.add(id);
        }
        requests.submit(users.get(r.answer().by()), eid, created.id(), linked,
                r.answer().note() == null ? null : dates.render(r.answer().note().strip()), null);
        if (r.accept() != null) {
            requests.accept(auditor, eid, created.id(), dates.render(r.accept().strip()), null);
        } else if (r.flag() != null) {
            requests.flag(auditor, eid, created.id(), dates.render(r.flag().strip()), null);
        }
    }

    /**
     * Plans a test of operating effectiveness — on the sample, or on the plan's listed items when
     * {@code sample} is null — records its results, and, when the plan says so, the auditor's own
     * conclusion and wording, the preparer's sign-off and the reviewer's.
     */
    private void test(ControlTestPlan t, DemoDates dates, Map<String, CurrentUser> users, CurrentUser auditor,
            CurrentUser reviewer, UUID eid, SampleDetail sample, long populationRows, int[] counts) {
        UUID controlId = controls.resolve(auditor.orgId(), t.control())
                .orElseThrow(() -> new IllegalStateException("demo test: no control " + t.control()));
        List<ManualItem> listed = t.items().stream()
                .map(i -> new ManualItem(dates.render(i.key()), dates.render(i.description().strip()))).toList();
        TestSizing sizing = sample != null ? TestSizing.byFrequency(ControlFrequency.EVENT_DRIVEN, populationRows)
                : TestSizing.byFrequency(t.frequency(), t.frequency() == ControlFrequency.EVENT_DRIVEN
                        ? t.populationSize() : null);
        TestOfControl test = tests.create(auditor, eid, controlId, TestKind.OPERATING_EFFECTIVENESS, new TestPlan(
                t.procedures(), t.attributes(), dates.render(t.populationDescription().strip()),
                sample == null ? null : sample.sample().id(), listed, sizing));
        counts[0]++;
        List<TestItem> items = test.items().stream().filter(i -> sample == null || !i.manual()).toList();
        int tested = sample == null ? items.size() : t.tested();
        DeviationPlan d = t.deviation();
        for (int i = 0; i < tested && i < items.size(); i++) {
            TestItem item = items.get(i);
            for (TestAttribute a : t.attributes()) {
                boolean fails = d != null && d.item() == i + 1 && d.attribute().equals(a.code());
                tests.recordResult(auditor, eid, test.id(), new ResultDraft(item.row(), item.key(), a.code(),
                        fails ? ResultOutcome.FAIL : ResultOutcome.PASS, fails ? d.note().strip() : null, List.of(), null,
                        null));
                counts[1]++;
            }
        }
        List<Deviation> deviations = tests.deviations(auditor, eid, test.id());
        counts[2] += deviations.size();
        if (d != null && !deviations.isEmpty()) {
            Deviation dev = deviations.getFirst();
            dev = tests.updateDeviation(auditor, eid, test.id(), dev.id(), new DeviationDraft(d.note().strip(),
                    d.cause() == null ? null : d.cause().strip(), d.nature(), null), dev.version());
            if (d.response() != null) {
                tests.respond(users.get(d.response().by()), eid, dev.id(), d.response().text().strip(), dev.version());
            }
        }
        if (t.conclusion() == null) {
            return;
        }
        TestOfControl current = tests.get(auditor, eid, test.id());
        current = tests.conclude(auditor, eid, test.id(), t.conclusion(), dates.render(t.wording().strip()),
                current.version());
        current = tests.signOffAsPreparer(auditor, eid, test.id(), current.version());
        if (t.reviewed() && reviewer != null) {
            tests.signOffAsReviewer(reviewer, eid, test.id(), current.version());
            counts[3]++;
        }
    }
}
