package dev.assayer.readiness;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The readiness of one engagement: an overall figure, one figure per category, every in-scope
 * requirement with its mapped controls and their evidence, and every gap with the reason. A figure
 * is {@code ready / total} in-scope requirements (percent rounded down, so 100% means all ready);
 * the requirements listed are exactly the ones counted. {@code gaps} are the gaps of all
 * requirements (a program gap appears once per requirement it holds back); {@code programGaps} lists
 * each gap of the compliance program once, with the requirements it held back.
 */
public record ReadinessReport(
        Subject engagement,
        LocalDate referenceDate,
        Figure overall,
        List<CategoryFigure> categories,
        List<RequirementReadiness> requirements,
        List<Gap> gaps,
        List<Exclusion> excluded,
        ControlSummary controlSummary,
        List<ProgramGap> programGaps) {

    /** The engagement the report is about; {@code window.start} is null for a Type I (as-of date). */
    public record Subject(UUID id, String name, String framework, String reportType, Window window) {
    }

    /** The period evidence must fall in: Type II {@code start – end}; Type I only the as-of date {@code end}. */
    public record Window(LocalDate start, LocalDate end) {

        public boolean asOfDate() {
            return start == null;
        }

        /** "2026-06-01 – 2026-11-30" or "as of 2026-06-30". */
        public String describe() {
            if (end == null) {
                return "no period set";
            }
            return start == null ? "as of " + end : start + " – " + end;
        }
    }

    /** {@code ready} of {@code total} requirements; {@code percent} rounded down (0 when total is 0). */
    public record Figure(int percent, int ready, int total) {

        public static Figure of(int ready, int total) {
            return new Figure(total == 0 ? 0 : (int) (ready * 100L / total), ready, total);
        }
    }

    /** The figure of one category (SECURITY, AVAILABILITY, …; for SOC 1 the objectives' category). */
    public record CategoryFigure(String code, String name, int percent, int ready, int total) {
    }

    /** One in-scope criterion or control objective. {@code ref} is what people read (CC6.1, CO-3). */
    public record RequirementReadiness(String id, String ref, String title, String category, RequirementState state,
            List<ControlReadiness> controls, List<Gap> gaps) {
    }

    /**
     * A control as it bears on one requirement: its status, owner, evidence tally, whether it is
     * fully ready (implemented, owned, valid evidence) and its gaps. Controls marked not applicable are
     * listed for transparency but never counted ({@code counted = false}, no gaps).
     */
    public record ControlReadiness(UUID id, String ref, String title, String status, UUID ownerId, String owner,
            boolean keyControl, boolean counted, boolean ready, EvidenceCounts evidence, List<Gap> gaps) {
    }

    /** The evidence of one control, as counted against the engagement's window and the reference date. */
    public record EvidenceCounts(int valid, int outsideWindow, int expired, int withdrawn, LocalDate latestEffective,
            LocalDate nextRenewal, UUID latestValidId, String latestValidTitle) {

        public static final EvidenceCounts NONE = new EvidenceCounts(0, 0, 0, 0, null, null, null, null);
    }

    /**
     * One reason a requirement is not ready. {@code requirement} is the requirement's ref,
     * {@code control} the control's ref (null for {@link GapKind#NO_CONTROL} and for program gaps);
     * {@code message} is a sentence a person can act on and {@code link} the page where it is fixed
     * (the control, the controls of the requirement, or the risk, policy, vendor or person).
     */
    public record Gap(GapKind kind, String requirementId, String requirement, UUID controlId, String control,
            String message, String link) {
    }

    /**
     * A gap of the compliance program (risk assessment, policy acknowledgements, vendor CUECs,
     * training), listed once. {@code criteria} are the SOC 2 criteria it bears on; {@code heldBack}
     * the in-scope requirements of this engagement it kept from being READY (empty for a SOC 1
     * engagement, where program gaps are listed but count against no objective). {@code subject} names
     * what to fix, {@code message} says what is wrong and what to do, {@code link} where to do it.
     */
    public record ProgramGap(GapKind kind, List<String> criteria, List<String> heldBack, String subject,
            String message, String link) {
    }

    /** A criterion declared not relevant for the engagement, with the declared reason. */
    public record Exclusion(String id, String title, String reason) {
    }

    /**
     * Counts over the organization's controls. {@code applicable} excludes NOT_APPLICABLE controls;
     * {@code implemented}, {@code withOwner}, {@code withValidEvidence} and {@code fullyReady} count
     * applicable controls; {@code unmapped} are applicable controls mapped to no in-scope requirement;
     * {@code byStatus} counts all controls per implementation status.
     */
    public record ControlSummary(int total, int applicable, int notApplicable, int implemented, int withOwner,
            int withValidEvidence, int fullyReady, int unmapped, Map<String, Integer> byStatus) {
    }
}
