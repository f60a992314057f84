package dev.assayer.fieldwork.testing;

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
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A client with three controls (monthly, per event, not applicable) and an engagement, and an audit
 * firm inside that engagement: the setting of every tests-of-controls test.
 */
record Audit(TestOrg client, TestFirm firm, Engagement engagement, TestFirm.Inside in, Control monthly,
        Control perEvent, Control notApplicable) {

    /** The audited period: six months that started five months ago (so the grant is still open). */
    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);

    static Audit create(IdentityService identity, EngagementService engagements, EngagementAccessService access,
            ControlService controls, ReportType type) {
        TestOrg client = TestOrg.create(identity);
        Control monthly = controls.create(client.admin(), new ControlDraft("AC-01", "Quarterly access review", null, null,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.MONTHLY, true, ImplementationStatus.IMPLEMENTED, List.of(),
                List.of()));
        Control perEvent = controls.create(client.admin(), new ControlDraft("HR-02", "New hires sign the code of conduct",
                null, null, Nature.MANUAL, ControlKind.PREVENTIVE, Frequency.PER_EVENT, true,
                ImplementationStatus.IMPLEMENTED, List.of(), List.of()));
        Control na = controls.create(client.admin(), new ControlDraft("PH-03", "Badge readers at the office", null, null,
                Nature.AUTOMATED, ControlKind.PREVENTIVE, Frequency.CONTINUOUS, false, ImplementationStatus.NOT_APPLICABLE,
                List.of(), List.of()));
        Engagement e = engagements.create(client.admin(), type == ReportType.TYPE2
                ? new EngagementDraft("SOC 2 Type II " + UUID.randomUUID(), Framework.SOC2, ReportType.TYPE2, null, START,
                        END, List.of(), null, null, null, null, null, null)
                : new EngagementDraft("SOC 2 Type I " + UUID.randomUUID(), Framework.SOC2, ReportType.TYPE1,
                        LocalDate.now().minusDays(10), null, null, List.of(), null, null, null, null, null, null));
        TestFirm firm = TestFirm.create(identity);
        return new Audit(client, firm, e, firm.inside(identity, access, client, e.id()), monthly, perEvent, na);
    }

    UUID id() {
        return engagement.id();
    }

    dev.assayer.shared.tenancy.CurrentUser staff() {
        return in.user(Role.AUDIT_STAFF);
    }

    dev.assayer.shared.tenancy.CurrentUser manager() {
        return in.user(Role.AUDIT_MANAGER);
    }

    dev.assayer.shared.tenancy.CurrentUser partner() {
        return in.user(Role.AUDIT_PARTNER);
    }
}
