package dev.assayer.packaging;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceMetadata;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.SampleDetail;
import dev.assayer.fieldwork.SampleRequest;
import dev.assayer.identity.IdentityService;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A realistic Type II engagement: two controls mapped to criteria, evidence inside the period
 * (a file with provenance, a second file with a covered period, a link), evidence outside the
 * period and withdrawn evidence (both must stay out of the package), an audit firm inside the
 * engagement with a population and a seeded sample.
 */
record PackageFixture(TestOrg client, TestFirm firm, TestFirm.Inside in, Engagement engagement, EvidenceItem review,
        EvidenceItem config, EvidenceItem link, EvidenceItem outside, EvidenceItem withdrawn, PopulationRecord population,
        SampleDetail sample) {

    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);

    static PackageFixture create(IdentityService identity, EngagementService engagements, EngagementAccessService access,
            ControlService controls, EvidenceService evidence, PopulationService populations) {
        TestOrg client = TestOrg.create(identity);
        Control ac = controls.create(client.admin(), new ControlDraft("AC-01", "Quarterly access review", null, null,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.2", "CC6.3"), List.of()));
        controls.create(client.admin(), new ControlDraft("CHG-01", "Changes are reviewed before merge", null, null,
                Nature.AUTOMATED, ControlKind.PREVENTIVE, Frequency.PER_EVENT, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC8.1"), List.of()));
        Engagement e = engagements.create(client.admin(), new EngagementDraft("SOC 2 Type II " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, START, END, List.of(), null, null, null, null, null, null));

        var cm = client.user(dev.assayer.shared.tenancy.Role.COMPLIANCE_MANAGER);
        EvidenceItem review = evidence.upload(cm, new EvidenceMetadata("Q2 access review (AWS)", "Signed by the CTO",
                List.of("AC-01"), START.plusDays(40), null, null, null, "A. Ops, platform team",
                CollectionMethod.SYSTEM_EXPORT, "AWS IAM"), "access review Q2 (final).csv", "text/csv",
                stream("user,decision\nalice,keep\nbob,revoke\n"));
        EvidenceItem config = evidence.upload(cm, new EvidenceMetadata("Branch protection settings", null,
                List.of("CHG-01"), null, START.minusMonths(1), START.plusMonths(2), null, null, null, "GitHub"),
                "branch-protection.json", "application/json", stream("{\"required_reviews\": 1}\n"));
        EvidenceItem link = evidence.recordLink(cm, new EvidenceMetadata("Change tickets board", null,
                List.of("CHG-01"), END.minusDays(3), null, null, null, null, null, "Jira"), "https://jira.example.test/CHG");
        EvidenceItem outside = evidence.upload(cm, EvidenceMetadata.of("Last year's review", START.minusYears(1),
                "AC-01"), "old-review.csv", "text/csv", stream("user,decision\ncarol,keep\n"));
        EvidenceItem withdrawn = evidence.upload(cm, EvidenceMetadata.of("Wrong file", START.plusDays(10), "AC-01"),
                "wrong.txt", "text/plain", stream("uploaded by mistake\n"));
        withdrawn = evidence.withdraw(client.admin(), withdrawn.id(), "Uploaded the wrong file");

        TestFirm firm = TestFirm.create(identity);
        TestFirm.Inside in = firm.inside(identity, access, client, e.id());
        var staff = in.user(dev.assayer.shared.tenancy.Role.AUDIT_STAFF);
        StringBuilder csv = new StringBuilder("id,merged_on,author\n");
        for (int i = 1; i <= 40; i++) {
            csv.append("PR-").append(i).append(',').append(START.plusDays(i * 4L)).append(",dev").append(i % 5).append('\n');
        }
        PopulationRecord pop = populations.importPopulation(staff, e.id(), new PopulationMetadata("Changes merged to main",
                List.of("CHG-01"), "GitHub", "gh pr list --state merged --base main", "period start to end",
                "J. Diaz, platform lead", Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), START,
                END, "id", "merged_on", null), "merged prs.csv", stream(csv.toString()));
        SampleDetail sample = populations.select(staff, e.id(), pop.id(), 1, SampleRequest.random(5, "pkg-2026"));
        return new PackageFixture(client, firm, in, e, review, config, link, outside, withdrawn, pop, sample);
    }

    static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    UUID id() {
        return engagement.id();
    }

    String url() {
        return "/api/v1/engagements/" + engagement.id() + "/evidence-package";
    }
}
