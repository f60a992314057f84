package dev.assayer.demo.internal;

import dev.assayer.demo.internal.DemoContent.CuecPlan;
import dev.assayer.demo.internal.DemoContent.IncidentPlan;
import dev.assayer.demo.internal.DemoContent.PolicyPlan;
import dev.assayer.demo.internal.DemoContent.ProgramPlan;
import dev.assayer.demo.internal.DemoContent.ReviewPlan;
import dev.assayer.demo.internal.DemoContent.RiskAdjustment;
import dev.assayer.demo.internal.DemoContent.TimelinePlan;
import dev.assayer.demo.internal.DemoContent.VendorPlan;
import dev.assayer.engagement.Engagement;
import dev.assayer.incident.CustomerNotification;
import dev.assayer.incident.Incident;
import dev.assayer.incident.IncidentDraft;
import dev.assayer.incident.IncidentService;
import dev.assayer.policy.Policy;
import dev.assayer.policy.PolicyDraft;
import dev.assayer.policy.PolicyService;
import dev.assayer.policy.PolicyVersion;
import dev.assayer.policy.VersionStatus;
import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskAssessment;
import dev.assayer.risk.RiskDraft;
import dev.assayer.risk.RiskService;
import dev.assayer.risk.Treatment;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.vendor.ReviewDraft;
import dev.assayer.vendor.Vendor;
import dev.assayer.vendor.VendorCuec;
import dev.assayer.vendor.VendorDraft;
import dev.assayer.vendor.VendorService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo's compliance program ({@code demo/program.yaml}) through the program modules'
 * public services, inside the demo loader's transaction: adopts the starter risk library, adjusts
 * single risks and signs off the risk assessment; creates policies from the starter templates and
 * moves them through review, approval and publication, with acknowledgements by everyone but the
 * people named as outstanding; records vendors (the engagement's carve-out subservice organizations
 * with their report reviews and CUECs) and the incident register.
 */
@Component
@ConditionalOnProperty(name = "assayer.demo", havingValue = "true")
class DemoProgram {

    private final RiskService risks;
    private final PolicyService policies;
    private final VendorService vendors;
    private final IncidentService incidents;

    DemoProgram(RiskService risks, PolicyService policies, VendorService vendors, IncidentService incidents) {
        this.risks = risks;
        this.policies = policies;
        this.vendors = vendors;
        this.incidents = incidents;
    }

    /** What was loaded, for the printed summary. */
    record Loaded(int risks, RiskAssessment assessment, int policies, int published, int vendors, int incidents) {

        String summary() {
            return risks + " risks, " + policies + " policies (" + published + " published), " + vendors + " vendors, "
                    + incidents + (incidents == 1 ? " incident" : " incidents");
        }
    }

    /**
     * @param users     the demo sign-ins by user key
     * @param admin     approves policy versions (never their author)
     * @param manager   the compliance manager: adopts the risks, writes and publishes the policies, records vendors
     * @param filed     demo evidence files already uploaded, by file name → evidence id
     */
    Loaded load(ProgramPlan plan, DemoDates dates, Map<String, CurrentUser> users, CurrentUser admin,
            CurrentUser manager, Engagement engagement, Map<String, UUID> filed) {
        int riskCount = loadRisks(plan, dates, users, manager);
        RiskAssessment assessment = risks.approveAssessment(users.get(plan.risks().assessment().by()),
                dates.render(plan.risks().assessment().title()));
        int published = loadPolicies(plan.policies(), users, admin, manager);
        for (VendorPlan v : plan.vendors()) {
            loadVendor(v, dates, users, manager, engagement, filed);
        }
        for (IncidentPlan i : plan.incidents()) {
            loadIncident(i, dates, users);
        }
        return new Loaded(riskCount, assessment, plan.policies().size(), published, plan.vendors().size(),
                plan.incidents().size());
    }

    private int loadRisks(ProgramPlan plan, DemoDates dates, Map<String, CurrentUser> users, CurrentUser manager) {
        risks.adoptStarterLibrary(manager);
        List<Risk> register = risks.list(manager);
        Map<String, Risk> byKey = new HashMap<>();
        register.stream().filter(r -> r.starterKey() != null).forEach(r -> byKey.put(r.starterKey(), r));
        for (RiskAdjustment a : plan.risks().adjust()) {
            Risk r = byKey.get(a.key());
            if (r == null) {
                throw new IllegalStateException("demo risk " + a.key() + " is not in the starter risk library");
            }
            List<String> controls = new ArrayList<>(r.controlIds().stream().map(UUID::toString).toList());
            controls.addAll(a.controls());
            Treatment treatment = a.treatment() == null ? r.treatment() : a.treatment();
            boolean accept = treatment == Treatment.ACCEPT;
            int likelihood = a.residual().isEmpty() ? r.residual().likelihood() : a.residual().get(0);
            int impact = a.residual().isEmpty() ? r.residual().impact() : a.residual().get(1);
            UUID owner = a.owner() == null ? r.ownerId() : users.get(a.owner()).userId();
            risks.update(manager, r.id(), new RiskDraft(r.title(), r.description(), r.category(), r.threat(),
                    r.vulnerability(), r.affectedAssets(), r.soc2Categories(), owner, r.reviewDate(),
                    r.inherent().likelihood(), r.inherent().impact(), likelihood, impact, treatment,
                    accept ? users.get(a.approver()).userId() : null, accept ? a.reason().strip() : null,
                    accept ? dates.resolve(a.expires()) : null,
                    a.notes() == null ? r.treatmentNotes() : a.notes().strip(), controls), r.version());
        }
        return register.size();
    }

    /** Returns how many policies were published. */
    private int loadPolicies(List<PolicyPlan> plans, Map<String, CurrentUser> users, CurrentUser admin,
            CurrentUser manager) {
        int published = 0;
        for (PolicyPlan p : plans) {
            UUID owner = p.owner() == null ? null : users.get(p.owner()).userId();
            Policy policy = policies.createFromTemplate(manager, p.template(),
                    new PolicyDraft(null, null, owner, p.controls(), null));
            if (p.status() == VersionStatus.DRAFT) {
                continue;
            }
            policies.submit(manager, policy.id(), 1);
            if (p.status() == VersionStatus.IN_REVIEW) {
                continue;
            }
            PolicyVersion version = policies.approve(admin, policy.id(), 1, null);
            if (p.status() == VersionStatus.APPROVED) {
                continue;
            }
            policies.publish(manager, policy.id(), 1);
            published++;
            for (Map.Entry<String, CurrentUser> u : users.entrySet()) {
                if (u.getValue().role() != Role.AUDITOR && !p.outstanding().contains(u.getKey())) {
                    policies.acknowledge(u.getValue(), version.id());
                }
            }
        }
        return published;
    }

    private void loadVendor(VendorPlan v, DemoDates dates, Map<String, CurrentUser> users, CurrentUser manager,
            Engagement engagement, Map<String, UUID> filed) {
        boolean subservice = v.subservice() != null;
        Vendor vendor = vendors.create(manager, new VendorDraft(null, v.name(), v.service().strip(), v.data(), v.tier(),
                v.owner() == null ? null : users.get(v.owner()).userId(), dates.resolve(v.contractStart()), null,
                subservice, v.subservice(), v.csocs(), subservice ? List.of(engagement.id()) : List.of(), null));
        ReviewPlan r = v.review();
        if (r == null) {
            return;
        }
        List<VendorCuec> cuecs = new ArrayList<>();
        for (CuecPlan c : r.cuecs()) {
            cuecs.add(new VendorCuec(c.ref(), c.text(), c.control(), null));
        }
        vendors.addReview(users.get(r.by()), vendor.id(), new ReviewDraft(r.kind(), r.type(),
                r.period().isEmpty() ? null : dates.resolve(r.period().get(0)),
                r.period().isEmpty() ? null : dates.resolve(r.period().get(1)), null, r.auditor(), r.opinion(),
                r.exceptions().stream().map(String::strip).toList(), r.effect() == null ? null : r.effect().strip(), cuecs,
                null, null, dates.resolve(r.on()), r.memo() == null ? null : filed.get(r.memo()),
                r.notes() == null ? null : r.notes().strip()));
    }

    private void loadIncident(IncidentPlan i, DemoDates dates, Map<String, CurrentUser> users) {
        CurrentUser by = users.get(i.by());
        Instant notified = dates.instant(i.notified());
        Incident incident = incidents.create(by, new IncidentDraft(i.ref(), i.title(), dates.instant(i.detected()),
                i.reportedBy(), i.severity(), i.significant(), i.systems(), i.data(), strip(i.response()),
                strip(i.rootCause()), strip(i.lessons()), new CustomerNotification(notified != null, notified,
                        i.notifiedHow()), i.status(), i.controls(), List.of()));
        for (TimelinePlan t : i.timeline()) {
            incidents.addTimelineEntry(by, incident.id(), dates.instant(t.at()), t.text().strip());
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
