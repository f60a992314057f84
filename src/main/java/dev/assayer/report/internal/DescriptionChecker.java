package dev.assayer.report.internal;

import dev.assayer.engagement.ComponentType;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemComponent;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.incident.Incident;
import dev.assayer.report.DescriptionCheck;
import dev.assayer.report.DescriptionCheck.Item;
import dev.assayer.report.DescriptionCheck.Status;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The description checker (issue 6 §1): per description criterion DC1–DC9, whether the
 * engagement's recorded facts are PRESENT, THIN or MISSING, what is missing, and where to fix it.
 * Pure: no Spring, no SQL.
 *
 * <p>SOC 2 engagements get the DC 200 list. SOC 1 engagements get the same nine items read for a
 * SOC 1 description: DC5 checks the organization's control objectives and their controls instead
 * of criteria, and DC8 (criteria not relevant) is NOT_APPLICABLE because a SOC 1 description has
 * no trust services criteria to exclude. DC9 (changes during the period) is NOT_APPLICABLE to
 * Type I reports, which describe the system as of a date.
 *
 * <p>Thresholds for THIN, chosen to catch a placeholder rather than to grade prose: a services
 * text of fewer than {@value #MIN_SERVICE_WORDS} words; fewer than {@value #MIN_COMMITMENTS}
 * commitments; component types without any component, components without a description, or no
 * boundaries; significant incidents without a response summary; criteria in scope with no
 * control; CUECs without related criteria; carved-out subservice organizations without CSOCs;
 * exclusions whose reason is shorter than {@value #MIN_REASON_WORDS} words.
 */
public final class DescriptionChecker {

    static final int MIN_SERVICE_WORDS = 20;
    static final int MIN_COMMITMENTS = 2;
    static final int MIN_REASON_WORDS = 4;

    public List<Item> check(ReportFacts f) {
        Engagement e = f.engagement();
        String edit = "/engagements/" + e.id() + "/edit";
        SystemDescription d = e.system() == null ? SystemDescription.empty() : e.system();
        boolean soc1 = f.kind().objectives();
        List<Item> out = new ArrayList<>();

        // DC1 services provided
        List<String> p = new ArrayList<>();
        Status s;
        if (blank(d.servicesProvided())) {
            s = Status.MISSING;
            p.add("No description of the services provided");
        } else if (words(d.servicesProvided()) < MIN_SERVICE_WORDS) {
            s = Status.THIN;
            p.add("The services text has " + words(d.servicesProvided()) + " words; describe the services, who uses "
                    + "them and how they are delivered (at least " + MIN_SERVICE_WORDS + " words)");
        } else {
            s = Status.PRESENT;
        }
        out.add(new Item("DC1", "Types of services provided", s, p, edit + "#servicesProvided", "Edit the services"));

        // DC2 commitments and system requirements
        p = new ArrayList<>();
        List<String> commitments = d.commitments().stream().filter(c -> !blank(c)).toList();
        if (commitments.isEmpty()) {
            s = Status.MISSING;
            p.add("No principal service commitments or system requirements");
        } else if (commitments.size() < MIN_COMMITMENTS) {
            s = Status.THIN;
            p.add("Only " + commitments.size() + " commitment recorded; name the commitments made to customers and "
                    + "the system requirements that support them");
        } else {
            s = Status.PRESENT;
        }
        out.add(new Item("DC2", "Principal service commitments and system requirements", s, p, edit + "#commitments",
                "Edit the commitments"));

        // DC3 components and boundaries
        p = new ArrayList<>();
        Set<ComponentType> present = d.components().stream().map(SystemComponent::type)
                .filter(t -> t != null).collect(Collectors.toCollection(() -> EnumSet.noneOf(ComponentType.class)));
        if (d.components().isEmpty()) {
            p.add("No system components");
        } else {
            List<String> absent = new ArrayList<>();
            for (ComponentType t : ComponentType.values()) {
                if (!present.contains(t)) {
                    absent.add(t.name().toLowerCase(Locale.ROOT));
                }
            }
            if (!absent.isEmpty()) {
                p.add("No component of type " + String.join(", ", absent));
            }
            long untyped = d.components().stream().filter(c -> c.type() == null).count();
            if (untyped > 0) {
                p.add(untyped + (untyped == 1 ? " component has" : " components have") + " no type");
            }
            List<String> bare = d.components().stream().filter(c -> blank(c.description()))
                    .map(SystemComponent::name).toList();
            if (!bare.isEmpty()) {
                p.add("No description for " + String.join(", ", bare));
            }
        }
        if (blank(d.boundaries())) {
            p.add("No system boundaries");
        }
        s = d.components().isEmpty() && blank(d.boundaries()) ? Status.MISSING : p.isEmpty() ? Status.PRESENT : Status.THIN;
        out.add(new Item("DC3", "System components and boundaries", s, p, edit + "#component-rows",
                "Edit the components and boundaries"));

        // DC4 significant incidents
        p = new ArrayList<>();
        if (e.windowEnd() == null) {
            s = Status.MISSING;
            p.add("The engagement has no " + (e.reportType() == ReportType.TYPE2 ? "period" : "as-of date")
                    + ", so the incidents to describe cannot be chosen");
        } else {
            List<String> bare = f.significantIncidents().stream()
                    .filter(i -> blank(i.responseSummary())).map(Incident::ref).toList();
            if (!bare.isEmpty()) {
                s = Status.THIN;
                p.add("No response summary for significant " + (bare.size() == 1 ? "incident " : "incidents ")
                        + String.join(", ", bare));
            } else {
                s = Status.PRESENT;
                if (f.significantIncidents().isEmpty()) {
                    p.add("No incident is marked significant in the incident register for this "
                            + (e.reportType() == ReportType.TYPE2 ? "period" : "date")
                            + "; the description will say so. Check that none is missing.");
                }
            }
        }
        out.add(new Item("DC4", "Significant incidents", s, p, "/incidents?significant=true", "Open the incident register"));

        // DC5 criteria (or control objectives) and related controls
        p = new ArrayList<>();
        List<String> uncovered = f.scope().stream().map(ReportFacts.ScopeItem::id)
                .filter(id -> f.controlsFor(id).isEmpty()).toList();
        if (f.scope().isEmpty()) {
            s = Status.MISSING;
            p.add(soc1 ? "No control objectives are defined" : "No criteria in scope");
        } else if (uncovered.size() == f.scope().size()) {
            s = Status.MISSING;
            p.add("No control is mapped to any " + (soc1 ? "control objective" : "criterion") + " in scope");
        } else if (!uncovered.isEmpty()) {
            s = Status.THIN;
            p.add(uncovered.size() + (soc1 ? " control objectives" : " criteria") + " without a control: "
                    + abbreviate(uncovered));
        } else {
            s = Status.PRESENT;
        }
        out.add(new Item("DC5", soc1 ? "Control objectives and related controls" : "Applicable criteria and related controls",
                s, p, soc1 ? "/objectives" : "/controls", soc1 ? "Open the control objectives" : "Open the controls"));

        // DC6 CUECs
        p = new ArrayList<>();
        if (e.cuecs().isEmpty()) {
            s = Status.MISSING;
            p.add("No complementary user entity controls (if user entities need none, the description must say so)");
        } else {
            List<String> bare = e.cuecs().stream().filter(c -> c.relatedCriteria().isEmpty() || blank(c.description()))
                    .map(c -> blank(c.ref()) ? "(no ref)" : c.ref()).toList();
            s = bare.isEmpty() ? Status.PRESENT : Status.THIN;
            if (!bare.isEmpty()) {
                p.add("No description or related " + (soc1 ? "objectives" : "criteria") + " for " + String.join(", ", bare));
            }
        }
        out.add(new Item("DC6", "Complementary user entity controls", s, p, edit + "#cuec-rows", "Edit the CUECs"));

        // DC7 subservice organizations and CSOCs
        p = new ArrayList<>();
        if (f.subservices().isEmpty()) {
            s = Status.MISSING;
            p.add("No subservice organization recorded on the engagement or in the vendor register (if there is "
                    + "none, the description must say so)");
        } else {
            List<String> bare = f.subservices().stream()
                    .filter(x -> x.method() == SubserviceMethod.CARVE_OUT && x.csocs().isEmpty())
                    .map(SubserviceOrganization::name).toList();
            List<String> noServices = f.subservices().stream().filter(x -> blank(x.servicesProvided()))
                    .map(SubserviceOrganization::name).toList();
            if (!bare.isEmpty()) {
                p.add("No complementary subservice organization controls for carved-out " + String.join(", ", bare));
            }
            if (!noServices.isEmpty()) {
                p.add("No services described for " + String.join(", ", noServices));
            }
            s = p.isEmpty() ? Status.PRESENT : Status.THIN;
        }
        out.add(new Item("DC7", "Subservice organizations and complementary subservice organization controls", s, p,
                "/vendors", "Open the vendor register (or the engagement's subservice organizations)"));

        // DC8 criteria not relevant
        p = new ArrayList<>();
        if (soc1) {
            s = Status.NOT_APPLICABLE;
            p.add("A SOC 1 description has no trust services criteria to exclude");
        } else {
            List<String> weak = e.criteriaNotRelevant().stream().filter(x -> words(x.reason()) < MIN_REASON_WORDS)
                    .map(ExcludedCriterion::criterionId).toList();
            if (e.criteriaNotRelevant().isEmpty() && !uncovered.isEmpty()) {
                s = Status.MISSING;
                p.add("No criterion is marked not relevant, yet " + uncovered.size() + " in scope have no control: "
                        + "map a control, or record why each is not relevant (" + abbreviate(uncovered) + ")");
            } else if (!weak.isEmpty()) {
                s = Status.THIN;
                p.add("Give a reason of at least " + MIN_REASON_WORDS + " words for " + String.join(", ", weak));
            } else {
                s = Status.PRESENT;
            }
        }
        out.add(new Item("DC8", "Criteria not relevant to the system, and why", s, p, edit + "#excluded-rows",
                "Edit the criteria not relevant"));

        // DC9 changes during the period
        p = new ArrayList<>();
        if (e.reportType() != ReportType.TYPE2) {
            s = Status.NOT_APPLICABLE;
            p.add("A Type I report describes the system as of a date");
        } else if (f.changes().isEmpty()) {
            s = Status.MISSING;
            p.add("No changes to the system are recorded for the period (record each change, significant or not; "
                    + "the description lists the significant ones)");
        } else {
            List<String> bare = f.changes().stream().filter(c -> blank(c.description()) || blank(c.area()))
                    .map(c -> String.valueOf(c.changedOn())).toList();
            s = bare.isEmpty() ? Status.PRESENT : Status.THIN;
            if (!bare.isEmpty()) {
                p.add("No area or description for the changes of " + String.join(", ", bare));
            }
        }
        out.add(new Item("DC9", "Significant changes during the period", s, p, "/engagements/" + e.id() + "/changes",
                "Record the changes in the period"));
        return out;
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 12 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 12)) + " and " + (ids.size() - 12) + " more";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static int words(String s) {
        return blank(s) ? 0 : s.strip().split("\\s+").length;
    }
}
