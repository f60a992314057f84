package dev.assayer.vendor.internal;

import dev.assayer.engagement.ReportType;
import dev.assayer.shared.ApiProblem;
import dev.assayer.vendor.ReportKind;
import dev.assayer.vendor.ReviewDraft;
import dev.assayer.vendor.VendorCuec;
import dev.assayer.vendor.VendorDraft;
import dev.assayer.vendor.VendorStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The domain rules of vendors and vendor report reviews, free of Spring and SQL. Every problem is
 * reported at once, each naming its field (JSON path).
 */
public final class VendorRules {

    static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    private VendorRules() {
    }

    /**
     * Validates and normalizes a vendor draft.
     *
     * @param isMember whether a user id is a member of the organization (the owner)
     * @param isEngagement whether an engagement id belongs to the organization
     */
    public static VendorDraft normalize(VendorDraft d, VendorStatus currentStatus, Predicate<UUID> isMember,
            Predicate<UUID> isEngagement) {
        if (d == null) {
            throw ApiProblem.invalidField("body", "a vendor is required");
        }
        Check c = new Check();
        String ref = c.text("ref", d.ref(), 40, false);
        if (ref != null && !REF.matcher(ref).matches()) {
            c.add("ref", "use letters, digits, '.', '_' or '-' (e.g. VND-7)");
        }
        String name = c.text("name", d.name(), Check.SHORT_TEXT, true);
        String service = c.text("serviceProvided", d.serviceProvided(), Check.LONG_TEXT, false);
        List<String> data = c.items("dataAccessed", d.dataAccessed(), Check.SHORT_TEXT);
        if (d.tier() == null) {
            c.add("tier", "is required (TIER_1, TIER_2 or TIER_3)");
        }
        if (d.ownerId() != null && !isMember.test(d.ownerId())) {
            c.add("ownerId", "is not a member of this organization");
        }
        if (d.contractStart() != null && d.contractEnd() != null && d.contractEnd().isBefore(d.contractStart())) {
            c.add("contractEnd", "must not be before contractStart (" + d.contractStart() + ")");
        }
        List<String> csocs = c.items("csocs", d.csocs(), Check.LONG_TEXT);
        List<UUID> engagements = new ArrayList<>();
        for (int i = 0; i < d.engagementIds().size(); i++) {
            UUID id = d.engagementIds().get(i);
            if (id == null || !isEngagement.test(id)) {
                c.add("engagementIds[" + i + "]", "no engagement " + id + " in this organization");
            } else if (!engagements.contains(id)) {
                engagements.add(id);
            }
        }
        if (d.subservice()) {
            if (d.subserviceMethod() == null) {
                c.add("subserviceMethod", "is required for a subservice organization (CARVE_OUT or INCLUSIVE)");
            }
        } else {
            if (d.subserviceMethod() != null) {
                c.add("subserviceMethod", "applies only to subservice organizations (set subservice to true)");
            }
            if (!csocs.isEmpty()) {
                c.add("csocs", "apply only to subservice organizations (set subservice to true)");
            }
            if (!engagements.isEmpty()) {
                c.add("engagementIds", "only subservice organizations are linked to engagements");
            }
        }
        c.throwIfAny();
        VendorStatus status = d.status() != null ? d.status() : currentStatus;
        return new VendorDraft(ref, name, service, data, d.tier(), d.ownerId(), d.contractStart(), d.contractEnd(),
                d.subservice(), d.subserviceMethod(), csocs, engagements, status);
    }

    /** The next free VND-n given the refs in use. */
    public static String nextRef(List<String> used) {
        int max = 0;
        for (String r : used) {
            if (r != null && r.toUpperCase(Locale.ROOT).matches("VND-\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(r.substring(4)));
            }
        }
        return "VND-" + (max + 1);
    }

    /**
     * Validates and normalizes a report review.
     *
     * @param resolveControl one of our controls by ref or id, empty when there is none
     * @param isEvidence whether an evidence item id exists in the organization (and may be read)
     */
    public static ReviewDraft normalizeReview(ReviewDraft d, LocalDate today,
            Function<String, Optional<UUID>> resolveControl, Predicate<UUID> isEvidence) {
        if (d == null) {
            throw ApiProblem.invalidField("body", "a review is required");
        }
        Check c = new Check();
        ReportKind kind = d.reportKind();
        if (kind == null) {
            c.add("reportKind", "is required (SOC1, SOC2, SOC3, ISO27001 or OTHER)");
        }
        ReportType type = d.reportType();
        LocalDate start = d.periodStart();
        LocalDate end = d.periodEnd();
        LocalDate asOf = d.asOfDate();
        if (kind != null && kind.typed()) {
            if (type == null) {
                c.add("reportType", "is required for a " + kind.label() + " report (TYPE1 or TYPE2)");
            } else if (type == ReportType.TYPE1) {
                if (asOf == null) {
                    c.add("asOfDate", "is required for a Type I report");
                }
                start = null;
                end = null;
            } else {
                if (start == null) {
                    c.add("periodStart", "is required for a Type II report");
                }
                if (end == null) {
                    c.add("periodEnd", "is required for a Type II report");
                }
                asOf = null;
            }
        } else if (kind != null && type != null) {
            c.add("reportType", "applies only to SOC 1 and SOC 2 reports");
        }
        if (start != null && end != null && end.isBefore(start)) {
            c.add("periodEnd", "must not be before periodStart (" + start + ")");
        }
        String auditor = c.text("serviceAuditor", d.serviceAuditor(), Check.SHORT_TEXT, false);
        if (kind != null && kind.hasOpinion() && d.opinion() == null) {
            c.add("opinion", "is required for a " + kind.label() + " report (UNMODIFIED, QUALIFIED, ADVERSE or DISCLAIMER)");
        }
        List<String> exceptions = c.items("exceptions", d.exceptions(), Check.LONG_TEXT);
        String effect = c.text("exceptionsEffect", d.exceptionsEffect(), Check.LONG_TEXT, false);
        if (!exceptions.isEmpty() && effect == null) {
            c.add("exceptionsEffect", "is required when exceptions are noted: say how they affect us");
        }
        List<VendorCuec> cuecs = cuecs(c, d.cuecs(), resolveControl);
        LocalDate bridgeOn = d.bridgeLetterReceivedOn();
        LocalDate bridgeUntil = d.bridgeLetterCoversUntil();
        if (bridgeOn != null && bridgeUntil == null) {
            c.add("bridgeLetterCoversUntil", "is required when a bridge letter was received");
        }
        if (bridgeUntil != null && bridgeOn == null) {
            c.add("bridgeLetterReceivedOn", "is required when a bridge letter covers a date");
        }
        LocalDate reportEnd = end != null ? end : asOf;
        if (bridgeUntil != null && reportEnd != null && !bridgeUntil.isAfter(reportEnd)) {
            c.add("bridgeLetterCoversUntil", "must be after the report's period end or as-of date (" + reportEnd + ")");
        }
        LocalDate reviewedOn = d.reviewedOn() != null ? d.reviewedOn() : today;
        if (reviewedOn.isAfter(today)) {
            c.add("reviewedOn", "must not be in the future");
        }
        if (d.evidenceId() != null && !isEvidence.test(d.evidenceId())) {
            c.add("evidenceId", "no evidence item " + d.evidenceId() + " in this organization");
        }
        String notes = c.text("notes", d.notes(), Check.LONG_TEXT, false);
        c.throwIfAny();
        return new ReviewDraft(kind, kind.typed() ? type : null, start, end, asOf, auditor, d.opinion(), exceptions,
                effect, cuecs, bridgeOn, bridgeUntil, reviewedOn, d.evidenceId(), notes);
    }

    private static List<VendorCuec> cuecs(Check c, List<VendorCuec> list, Function<String, Optional<UUID>> resolve) {
        List<VendorCuec> out = new ArrayList<>();
        if (list.size() > Check.MAX_ITEMS) {
            c.add("cuecs", "at most " + Check.MAX_ITEMS + " entries");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            VendorCuec q = list.get(i);
            String p = "cuecs[" + i + "]";
            if (q == null) {
                c.add(p, "must not be null");
                continue;
            }
            String ref = c.text(p + ".ref", q.ref(), 40, false);
            if (ref == null) {
                ref = "CUEC-" + (i + 1);
            }
            if (!seen.add(ref.toLowerCase(Locale.ROOT))) {
                c.add(p + ".ref", "duplicate reference '" + ref + "'");
            }
            String description = c.text(p + ".description", q.description(), Check.LONG_TEXT, true);
            String control = c.text(p + ".control", q.control(), 60, false);
            UUID controlId = null;
            if (control != null) {
                controlId = resolve.apply(control).orElse(null);
                if (controlId == null) {
                    c.add(p + ".control", "no control '" + control + "' in your control library");
                }
            }
            out.add(new VendorCuec(ref, description, control, controlId));
        }
        return out;
    }

    /** The CUECs no control of ours covers. */
    public static List<VendorCuec> gaps(List<VendorCuec> cuecs) {
        return cuecs.stream().filter(VendorCuec::gap).toList();
    }

    /** Warnings about a vendor's assurance, computed when read. */
    public static List<String> warnings(boolean socRequired, boolean hasSocReview, boolean overdue, LocalDate due,
            VendorStatus status) {
        if (status != VendorStatus.ACTIVE) {
            return List.of();
        }
        List<String> w = new ArrayList<>();
        if (socRequired && !hasSocReview) {
            w.add("Tier 1 vendors need a reviewed SOC 1 or SOC 2 report; none is recorded.");
        }
        if (overdue) {
            w.add("The vendor review was due on " + due + ".");
        }
        return List.copyOf(w);
    }
}
