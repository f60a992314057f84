package dev.assayer.risk.internal;

import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.RiskDraft;
import dev.assayer.risk.Treatment;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.FormValues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The create and edit form of a risk, bound from request parameters as text. Controls are refs
 * (or ids) separated by commas, semicolons or spaces. A value that cannot be read is a 400 naming
 * the field, shown on the form.
 */
public class RiskForm {

    private String title;
    private String description;
    private String category;
    private String threat;
    private String vulnerability;
    private String affectedAssets;
    private List<String> soc2Categories = new ArrayList<>(List.of("SECURITY"));
    private String ownerId;
    private String reviewDate;
    private String inherentLikelihood;
    private String inherentImpact;
    private String residualLikelihood;
    private String residualImpact;
    private String treatment = Treatment.MITIGATE.name();
    private String acceptanceApproverId;
    private String acceptanceReason;
    private String acceptanceExpires;
    private String treatmentNotes;
    private String controls;
    private Long version;

    static RiskForm of(Risk r) {
        RiskForm f = new RiskForm();
        f.title = r.title();
        f.description = r.description();
        f.category = r.category().name();
        f.threat = r.threat();
        f.vulnerability = r.vulnerability();
        f.affectedAssets = r.affectedAssets();
        f.soc2Categories = new ArrayList<>(r.soc2Categories());
        f.ownerId = r.ownerId() == null ? null : r.ownerId().toString();
        f.reviewDate = r.reviewDate() == null ? null : r.reviewDate().toString();
        f.inherentLikelihood = String.valueOf(r.inherent().likelihood());
        f.inherentImpact = String.valueOf(r.inherent().impact());
        f.residualLikelihood = String.valueOf(r.residual().likelihood());
        f.residualImpact = String.valueOf(r.residual().impact());
        f.treatment = r.treatment().name();
        f.acceptanceApproverId = r.acceptanceApproverId() == null ? null : r.acceptanceApproverId().toString();
        f.acceptanceReason = r.acceptanceReason();
        f.acceptanceExpires = r.acceptanceExpires() == null ? null : r.acceptanceExpires().toString();
        f.treatmentNotes = r.treatmentNotes();
        f.controls = String.join(", ", r.controlRefs());
        f.version = r.version();
        return f;
    }

    RiskDraft toDraft() {
        return new RiskDraft(title, description, FormValues.choice("category", category, RiskCategory.class), threat, vulnerability,
                affectedAssets, soc2Categories, uuid("ownerId", ownerId), FormValues.date("reviewDate", reviewDate),
                number("inherentLikelihood", inherentLikelihood), number("inherentImpact", inherentImpact),
                number("residualLikelihood", residualLikelihood), number("residualImpact", residualImpact),
                FormValues.choice("treatment", treatment, Treatment.class), uuid("acceptanceApproverId", acceptanceApproverId),
                acceptanceReason, FormValues.date("acceptanceExpires", acceptanceExpires), treatmentNotes, ids(controls));
    }

    static List<String> ids(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Integer number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(field, "'" + text + "' is not a whole number");
        }
    }

    private static UUID uuid(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "'" + text + "' is not a member id");
        }
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getThreat() { return threat; }
    public void setThreat(String threat) { this.threat = threat; }
    public String getVulnerability() { return vulnerability; }
    public void setVulnerability(String vulnerability) { this.vulnerability = vulnerability; }
    public String getAffectedAssets() { return affectedAssets; }
    public void setAffectedAssets(String affectedAssets) { this.affectedAssets = affectedAssets; }
    public List<String> getSoc2Categories() { return soc2Categories; }
    public void setSoc2Categories(List<String> c) { this.soc2Categories = c == null ? new ArrayList<>() : c; }
    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
    public String getReviewDate() { return reviewDate; }
    public void setReviewDate(String reviewDate) { this.reviewDate = reviewDate; }
    public String getInherentLikelihood() { return inherentLikelihood; }
    public void setInherentLikelihood(String v) { this.inherentLikelihood = v; }
    public String getInherentImpact() { return inherentImpact; }
    public void setInherentImpact(String v) { this.inherentImpact = v; }
    public String getResidualLikelihood() { return residualLikelihood; }
    public void setResidualLikelihood(String v) { this.residualLikelihood = v; }
    public String getResidualImpact() { return residualImpact; }
    public void setResidualImpact(String v) { this.residualImpact = v; }
    public String getTreatment() { return treatment; }
    public void setTreatment(String treatment) { this.treatment = treatment; }
    public String getAcceptanceApproverId() { return acceptanceApproverId; }
    public void setAcceptanceApproverId(String v) { this.acceptanceApproverId = v; }
    public String getAcceptanceReason() { return acceptanceReason; }
    public void setAcceptanceReason(String v) { this.acceptanceReason = v; }
    public String getAcceptanceExpires() { return acceptanceExpires; }
    public void setAcceptanceExpires(String v) { this.acceptanceExpires = v; }
    public String getTreatmentNotes() { return treatmentNotes; }
    public void setTreatmentNotes(String v) { this.treatmentNotes = v; }
    public String getControls() { return controls; }
    public void setControls(String controls) { this.controls = controls; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
