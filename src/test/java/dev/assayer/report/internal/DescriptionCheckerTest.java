package dev.assayer.report.internal;

import static dev.assayer.report.internal.ReportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.engagement.ComponentType;
import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemComponent;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.report.DescriptionCheck;
import dev.assayer.report.DescriptionCheck.Item;
import dev.assayer.report.DescriptionCheck.Status;
import dev.assayer.report.ReportKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptionCheckerTest {

    final DescriptionChecker checker = new DescriptionChecker();

    @Test
    void aCompleteEngagementPassesEveryItem() {
        Engagement e = completeEngagement(Framework.SOC2, ReportType.TYPE2);
        var check = check(facts(e, ReportKind.SOC2_TYPE2, scope("CC6.1", "CC8.1"),
                List.of(control("AC-01", "Access review", "CC6.1"), control("CH-01", "Change review", "CC8.1")), List.of()));
        assertThat(check.items()).extracting(Item::code).containsExactly("DC1", "DC2", "DC3", "DC4", "DC5", "DC6", "DC7",
                "DC8", "DC9");
        assertThat(check.items()).allSatisfy(i -> assertThat(i.status()).as(i.code() + " " + i.problems()).isEqualTo(Status.PRESENT));
        assertThat(check.complete()).isTrue();
    }

    @Test
    void aDeliberatelyIncompleteEngagementFlagsEachMissingItemWithWhereToFixIt() {
        Engagement e = engagement(Framework.SOC2, ReportType.TYPE2, null, List.of(), List.of(), List.of());
        ReportFacts f = new ReportFacts("Acme", e, ReportKind.SOC2_TYPE2, 0, NOW, scope("CC6.1", "CC8.1"), List.of(),
                List.of(), List.of(), List.of(), List.of(), null, null, null);
        var check = check(f);
        for (String dc : List.of("DC1", "DC2", "DC3", "DC5", "DC6", "DC7", "DC8", "DC9")) {
            assertThat(check.item(dc).status()).as(dc).isEqualTo(Status.MISSING);
            assertThat(check.item(dc).problems()).as(dc).isNotEmpty();
            assertThat(check.item(dc).fixUrl()).as(dc).startsWith("/");
        }
        assertThat(check.item("DC1").fixUrl()).isEqualTo("/engagements/" + e.id() + "/edit#servicesProvided");
        assertThat(check.item("DC3").problems()).contains("No system components", "No system boundaries");
        assertThat(check.item("DC7").fixUrl()).isEqualTo("/vendors");
        assertThat(check.item("DC5").problems()).containsExactly("No control is mapped to any criterion in scope");
        // DC4: no significant incident is not a gap in itself, but it is said
        assertThat(check.item("DC4").status()).isEqualTo(Status.PRESENT);
        assertThat(check.item("DC4").problems().getFirst()).contains("No incident is marked significant");
        // and an engagement without a period cannot pick its incidents
        Engagement noDates = new Engagement(e.id(), e.name(), e.framework(), e.reportType(), null, null, null,
                e.categories(), e.status(), null, null, List.of(), List.of(), List.of(), List.of(), 0, NOW, NOW);
        assertThat(check(new ReportFacts("Acme", noDates, ReportKind.SOC2_TYPE2, 0, NOW, f.scope(), List.of(), List.of(),
                List.of(), List.of(), List.of(), null, null, null)).item("DC4").status()).isEqualTo(Status.MISSING);
    }

    @Test
    void thinItemsSayWhatIsThin() {
        SystemDescription thin = new SystemDescription("Acme", "Payroll.", List.of("Uptime"), null,
                List.of(new SystemComponent(ComponentType.SOFTWARE, "Engine", null)));
        Engagement e = engagement(Framework.SOC2, ReportType.TYPE2, thin,
                List.of(new SubserviceOrganization("AWS", "Hosting", SubserviceMethod.CARVE_OUT, List.of(), List.of())),
                List.of(new Cuec("CUEC-1", "Manage users", List.of())),
                List.of(new ExcludedCriterion("CC6.4", "n/a")));
        ReportFacts f = new ReportFacts("Acme", e, ReportKind.SOC2_TYPE2, 0, NOW, scope("CC6.1", "CC8.1"),
                List.of(control("AC-01", "Access review", "CC6.1")), List.of(), List.of(incident("INC-1", null)),
                e.subserviceOrganizations(), List.of(change("New queue")), null, null, null);
        var check = check(f);
        for (String dc : List.of("DC1", "DC2", "DC3", "DC4", "DC5", "DC6", "DC7", "DC8")) {
            assertThat(check.item(dc).status()).as(dc).isEqualTo(Status.THIN);
        }
        assertThat(check.item("DC1").problems().getFirst()).contains("1 words");
        assertThat(check.item("DC3").problems()).contains("No component of type infrastructure, people, procedures, data",
                "No description for Engine", "No system boundaries");
        assertThat(check.item("DC4").problems()).containsExactly("No response summary for significant incident INC-1");
        assertThat(check.item("DC5").problems()).containsExactly("1 criteria without a control: CC8.1");
        assertThat(check.item("DC7").problems()).contains("No complementary subservice organization controls for carved-out AWS");
        assertThat(check.item("DC9").status()).isEqualTo(Status.PRESENT);
    }

    @Test
    void socOneReadsObjectivesAndTypeOneHasNoChanges() {
        Engagement e = completeEngagement(Framework.SOC1, ReportType.TYPE1);
        var check = check(facts(e, ReportKind.SOC1_TYPE1, scope("BP-PAY-1"),
                List.of(soc1Control("PR-01", "Payroll changes approved", "BP-PAY-1")), List.of()));
        assertThat(check.item("DC5").status()).isEqualTo(Status.PRESENT);
        assertThat(check.item("DC5").title()).isEqualTo("Control objectives and related controls");
        assertThat(check.item("DC8").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(check.item("DC9").status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(check.complete()).isTrue();
    }

    DescriptionCheck check(ReportFacts f) {
        return new DescriptionCheck(f.engagement().id(), f.engagement().framework().label(),
                f.engagement().reportType().label(), checker.check(f));
    }
}
