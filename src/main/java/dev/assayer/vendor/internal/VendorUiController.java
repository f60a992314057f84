package dev.assayer.vendor.internal;

import dev.assayer.control.ControlService;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Member;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.vendor.CriticalityTier;
import dev.assayer.vendor.Opinion;
import dev.assayer.vendor.ReportKind;
import dev.assayer.vendor.ReviewDraft;
import dev.assayer.vendor.Vendor;
import dev.assayer.vendor.VendorCuec;
import dev.assayer.vendor.VendorDraft;
import dev.assayer.vendor.VendorReview;
import dev.assayer.vendor.VendorService;
import dev.assayer.vendor.VendorStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The vendor pages: register, new vendor form, detail with reviews and the CUEC mapping, review form. */
@Controller
class VendorUiController {

    static final int CUEC_ROWS = 5;

    private final VendorService vendors;
    private final EngagementService engagements;
    private final IdentityService identity;
    private final ControlService controls;

    VendorUiController(VendorService vendors, EngagementService engagements, IdentityService identity,
            ControlService controls) {
        this.vendors = vendors;
        this.engagements = engagements;
        this.identity = identity;
        this.controls = controls;
    }

    @GetMapping("/vendors")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("vendors", vendors.list(user));
        model.addAttribute("gaps", vendors.cuecGaps(user));
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        return "vendor/list";
    }

    @GetMapping("/vendors/new")
    String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        VendorForm form = new VendorForm();
        form.setTier("TIER_2");
        return form(user, model, form, null);
    }

    @PostMapping("/vendors")
    String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") VendorForm form, Model model,
            RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        try {
            Vendor created = vendors.create(user, form.toDraft());
            flash.addFlashAttribute("flash", "Vendor " + created.ref() + " created.");
            return "redirect:/vendors/" + created.id();
        } catch (ApiProblem p) {
            return form(user, model, form, p);
        }
    }

    @GetMapping("/vendors/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Vendor v = vendors.get(user, id);
        model.addAttribute("existing", v);
        return form(user, model, VendorForm.of(v), null);
    }

    @PostMapping("/vendors/{id}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute("form") VendorForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        model.addAttribute("existing", vendors.get(user, id));
        try {
            if (form.getVersion() == null) {
                throw ApiProblem.invalidField("version", "is required; reload the page and try again");
            }
            vendors.update(user, id, form.toDraft(), form.getVersion());
            flash.addFlashAttribute("flash", "Vendor saved.");
            return "redirect:/vendors/" + id;
        } catch (ApiProblem p) {
            return form(user, model, form, p);
        }
    }

    @GetMapping("/vendors/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        Vendor v = vendors.get(user, id);
        ReviewForm form = new ReviewForm();
        form.pad();
        return detail(user, model, v, form, null);
    }

    @PostMapping("/vendors/{id}/reviews")
    String addReview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @ModelAttribute("reviewForm") ReviewForm form, Model model, RedirectAttributes flash) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Vendor v = vendors.get(user, id);
        try {
            vendors.addReview(user, id, form.toDraft());
            flash.addFlashAttribute("flash", "Review recorded.");
            return "redirect:/vendors/" + id;
        } catch (ApiProblem p) {
            form.pad();
            return detail(user, model, v, form, p);
        }
    }

    private String detail(CurrentUser user, Model model, Vendor v, ReviewForm form, ApiProblem problem) {
        List<VendorReview> reviews = vendors.reviews(user, v.id());
        model.addAttribute("v", v);
        model.addAttribute("reviews", reviews);
        model.addAttribute("latest", reviews.isEmpty() ? null : reviews.getFirst());
        model.addAttribute("controlRefs", controls.refs(user.orgId()));
        model.addAttribute("owner", v.ownerId() == null ? null
                : identity.member(user.orgId(), v.ownerId()).map(Member::name).orElse(null));
        Map<UUID, String> engagementNames = new LinkedHashMap<>();
        v.engagementIds().forEach(e -> engagementNames.put(e,
                engagements.find(user.orgId(), e).map(Engagement::name).orElse(e.toString())));
        model.addAttribute("engagementNames", engagementNames);
        model.addAttribute("canWrite", user.can(Permission.ENGAGEMENT_WRITE));
        model.addAttribute("reviewForm", form);
        model.addAttribute("kinds", ReportKind.values());
        model.addAttribute("reportTypes", ReportType.values());
        model.addAttribute("opinions", Opinion.values());
        errors(model, problem);
        return "vendor/detail";
    }

    private String form(CurrentUser user, Model model, VendorForm form, ApiProblem problem) {
        model.addAttribute("form", form);
        model.addAttribute("tiers", CriticalityTier.values());
        model.addAttribute("statuses", VendorStatus.values());
        model.addAttribute("methods", SubserviceMethod.values());
        model.addAttribute("members", identity.members(user));
        model.addAttribute("engagements", engagements.list(user));
        errors(model, problem);
        return "vendor/form";
    }

    private static void errors(Model model, ApiProblem problem) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (problem != null) {
            problem.errors().forEach(e -> fieldErrors.putIfAbsent(e.field(), e.message()));
        }
        model.addAttribute("problem", problem);
        model.addAttribute("fieldErrors", fieldErrors);
    }

    /** The new-vendor form: lists are one item per line. */
    public static class VendorForm {
        private String ref;
        private String name;
        private String serviceProvided;
        private String dataAccessed;
        private String tier;
        private String ownerId;
        private String contractStart;
        private String contractEnd;
        private boolean subservice;
        private String subserviceMethod;
        private String csocs;
        private List<String> engagementIds = new ArrayList<>();
        private String status;
        private Long version;

        static VendorForm of(Vendor v) {
            VendorForm f = new VendorForm();
            f.ref = v.ref();
            f.name = v.name();
            f.serviceProvided = v.serviceProvided();
            f.dataAccessed = String.join("\n", v.dataAccessed());
            f.tier = v.tier().name();
            f.ownerId = v.ownerId() == null ? null : v.ownerId().toString();
            f.contractStart = v.contractStart() == null ? null : v.contractStart().toString();
            f.contractEnd = v.contractEnd() == null ? null : v.contractEnd().toString();
            f.subservice = v.subservice();
            f.subserviceMethod = v.subserviceMethod() == null ? null : v.subserviceMethod().name();
            f.csocs = String.join("\n", v.csocs());
            f.engagementIds = new ArrayList<>(v.engagementIds().stream().map(UUID::toString).toList());
            f.status = v.status().name();
            f.version = v.version();
            return f;
        }

        VendorDraft toDraft() {
            List<UUID> eng = new ArrayList<>();
            for (int i = 0; i < engagementIds.size(); i++) {
                UUID e = FormValues.uuid("engagementIds[" + i + "]", engagementIds.get(i));
                if (e != null) {
                    eng.add(e);
                }
            }
            return new VendorDraft(ref, name, serviceProvided, FormValues.lines(dataAccessed),
                    FormValues.enumValue("tier", CriticalityTier.class, tier), FormValues.uuid("ownerId", ownerId),
                    FormValues.date("contractStart", contractStart), FormValues.date("contractEnd", contractEnd),
                    subservice, subservice ? FormValues.enumValue("subserviceMethod", SubserviceMethod.class,
                            subserviceMethod) : null,
                    subservice ? FormValues.lines(csocs) : List.of(), subservice ? eng : List.of(),
                    FormValues.enumValue("status", VendorStatus.class, status));
        }

        public String getRef() { return ref; }
        public void setRef(String ref) { this.ref = ref; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getServiceProvided() { return serviceProvided; }
        public void setServiceProvided(String serviceProvided) { this.serviceProvided = serviceProvided; }
        public String getDataAccessed() { return dataAccessed; }
        public void setDataAccessed(String dataAccessed) { this.dataAccessed = dataAccessed; }
        public String getTier() { return tier; }
        public void setTier(String tier) { this.tier = tier; }
        public String getOwnerId() { return ownerId; }
        public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
        public String getContractStart() { return contractStart; }
        public void setContractStart(String contractStart) { this.contractStart = contractStart; }
        public String getContractEnd() { return contractEnd; }
        public void setContractEnd(String contractEnd) { this.contractEnd = contractEnd; }
        public boolean isSubservice() { return subservice; }
        public void setSubservice(boolean subservice) { this.subservice = subservice; }
        public String getSubserviceMethod() { return subserviceMethod; }
        public void setSubserviceMethod(String subserviceMethod) { this.subserviceMethod = subserviceMethod; }
        public String getCsocs() { return csocs; }
        public void setCsocs(String csocs) { this.csocs = csocs; }
        public List<String> getEngagementIds() { return engagementIds; }
        public void setEngagementIds(List<String> engagementIds) { this.engagementIds = engagementIds == null ? new ArrayList<>() : engagementIds; }
        public String getStatus() { return status; }
        public void setStatus(String status) { this.status = status; }
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }
    }

    /** The review form: CUECs are rows (ref, description, our control). */
    public static class ReviewForm {
        private String reportKind;
        private String reportType;
        private String periodStart;
        private String periodEnd;
        private String asOfDate;
        private String serviceAuditor;
        private String opinion;
        private String exceptions;
        private String exceptionsEffect;
        private List<CuecRow> cuecs = new ArrayList<>();
        private String bridgeLetterReceivedOn;
        private String bridgeLetterCoversUntil;
        private String reviewedOn;
        private String evidenceId;
        private String notes;

        void pad() {
            cuecs.removeIf(CuecRow::isBlank);
            int target = cuecs.size() + CUEC_ROWS;
            while (cuecs.size() < target) {
                cuecs.add(new CuecRow());
            }
        }

        ReviewDraft toDraft() {
            List<VendorCuec> rows = cuecs.stream().filter(r -> !r.isBlank())
                    .map(r -> new VendorCuec(r.ref, r.description, r.control, null)).toList();
            return new ReviewDraft(FormValues.enumValue("reportKind", ReportKind.class, reportKind),
                    FormValues.enumValue("reportType", ReportType.class, reportType),
                    FormValues.date("periodStart", periodStart), FormValues.date("periodEnd", periodEnd),
                    FormValues.date("asOfDate", asOfDate), serviceAuditor,
                    FormValues.enumValue("opinion", Opinion.class, opinion), FormValues.lines(exceptions),
                    exceptionsEffect, rows, FormValues.date("bridgeLetterReceivedOn", bridgeLetterReceivedOn),
                    FormValues.date("bridgeLetterCoversUntil", bridgeLetterCoversUntil),
                    FormValues.date("reviewedOn", reviewedOn), FormValues.uuid("evidenceId", evidenceId), notes);
        }

        public static class CuecRow {
            private String ref;
            private String description;
            private String control;

            boolean isBlank() {
                return (ref == null || ref.isBlank()) && (description == null || description.isBlank())
                        && (control == null || control.isBlank());
            }

            public String getRef() { return ref; }
            public void setRef(String ref) { this.ref = ref; }
            public String getDescription() { return description; }
            public void setDescription(String description) { this.description = description; }
            public String getControl() { return control; }
            public void setControl(String control) { this.control = control; }
        }

        public String getReportKind() { return reportKind; }
        public void setReportKind(String reportKind) { this.reportKind = reportKind; }
        public String getReportType() { return reportType; }
        public void setReportType(String reportType) { this.reportType = reportType; }
        public String getPeriodStart() { return periodStart; }
        public void setPeriodStart(String periodStart) { this.periodStart = periodStart; }
        public String getPeriodEnd() { return periodEnd; }
        public void setPeriodEnd(String periodEnd) { this.periodEnd = periodEnd; }
        public String getAsOfDate() { return asOfDate; }
        public void setAsOfDate(String asOfDate) { this.asOfDate = asOfDate; }
        public String getServiceAuditor() { return serviceAuditor; }
        public void setServiceAuditor(String serviceAuditor) { this.serviceAuditor = serviceAuditor; }
        public String getOpinion() { return opinion; }
        public void setOpinion(String opinion) { this.opinion = opinion; }
        public String getExceptions() { return exceptions; }
        public void setExceptions(String exceptions) { this.exceptions = exceptions; }
        public String getExceptionsEffect() { return exceptionsEffect; }
        public void setExceptionsEffect(String exceptionsEffect) { this.exceptionsEffect = exceptionsEffect; }
        public List<CuecRow> getCuecs() { return cuecs; }
        public void setCuecs(List<CuecRow> cuecs) { this.cuecs = cuecs == null ? new ArrayList<>() : cuecs; }
        public String getBridgeLetterReceivedOn() { return bridgeLetterReceivedOn; }
        public void setBridgeLetterReceivedOn(String v) { this.bridgeLetterReceivedOn = v; }
        public String getBridgeLetterCoversUntil() { return bridgeLetterCoversUntil; }
        public void setBridgeLetterCoversUntil(String v) { this.bridgeLetterCoversUntil = v; }
        public String getReviewedOn() { return reviewedOn; }
        public void setReviewedOn(String reviewedOn) { this.reviewedOn = reviewedOn; }
        public String getEvidenceId() { return evidenceId; }
        public void setEvidenceId(String evidenceId) { this.evidenceId = evidenceId; }
        public String getNotes() { return notes; }
        public void setNotes(String notes) { this.notes = notes; }
    }
}
