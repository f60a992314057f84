package dev.assayer.readiness.internal;

import dev.assayer.people.TrainingDue;
import dev.assayer.policy.Acknowledgement;
import dev.assayer.policy.AcknowledgementGap;
import dev.assayer.readiness.GapKind;
import dev.assayer.readiness.ReadinessCalculator.ProgramGapDef;
import dev.assayer.risk.Risk;
import dev.assayer.risk.RiskPosture;
import dev.assayer.vendor.CuecGap;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the program modules report (risk posture, policy acknowledgements, vendor CUECs,
 * overdue training) into {@link ProgramGapDef}s: the criteria each bears on, what to fix, a sentence
 * a person can act on and the page to do it on. Pure: no Spring, no SQL.
 *
 * <p>Which criteria, and why:
 * <ul>
 * <li>A missing or stale (older than 12 months) risk assessment: CC3.1–CC3.4. The approved
 * assessment is the evidence that objectives are set (CC3.1), risks identified and analysed (CC3.2),
 * fraud risk considered (CC3.3, fraud is a category of the register) and changes assessed (CC3.4,
 * as is change).</li>
 * <li>A risk treated by mitigation with no linked control: CC3.2 (the analysis must say how each
 * risk is responded to).</li>
 * <li>A published policy not acknowledged by everyone: CC2.2 (internal communication of
 * responsibilities); a code of conduct (starter template {@code code-of-conduct}) also CC1.1.</li>
 * <li>A vendor CUEC mapped to none of our controls: CC9.2 (vendor risk management).</li>
 * <li>Overdue security awareness training: CC1.4 (competence) and CC2.2.</li>
 * </ul>
 */
public final class ProgramGapRules {

    public static final List<String> RISK_ASSESSMENT_CRITERIA = List.of("CC3.1", "CC3.2", "CC3.3", "CC3.4");
    public static final List<String> RISK_TREATMENT_CRITERIA = List.of("CC3.2");
    public static final List<String> POLICY_CRITERIA = List.of("CC2.2");
    public static final List<String> CODE_OF_CONDUCT_CRITERIA = List.of("CC1.1", "CC2.2");
    public static final List<String> VENDOR_CRITERIA = List.of("CC9.2");
    public static final List<String> TRAINING_CRITERIA = List.of("CC1.4", "CC2.2");

    /** The starter template key of the code of conduct. */
    static final String CODE_OF_CONDUCT = "code-of-conduct";
    /** Up to this many outstanding people are named in a policy gap. */
    static final int NAMES_SHOWN = 5;

    private ProgramGapRules() {
    }

    /** RISK_ASSESSMENT_MISSING or RISK_ASSESSMENT_STALE (at most one), then one RISK_UNMITIGATED per risk. */
    public static List<ProgramGapDef> risk(RiskPosture posture, LocalDate today) {
        List<ProgramGapDef> out = new ArrayList<>();
        if (posture == null) {
            return out;
        }
        LocalDate latest = posture.latestAssessment();
        if (latest == null) {
            out.add(new ProgramGapDef(GapKind.RISK_ASSESSMENT_MISSING, RISK_ASSESSMENT_CRITERIA, "Risk assessment",
                    "no risk assessment has been approved yet: review the risk register and approve (sign off) "
                            + "an assessment", "/risks/assessments"));
        } else if (posture.stale()) {
            out.add(new ProgramGapDef(GapKind.RISK_ASSESSMENT_STALE, RISK_ASSESSMENT_CRITERIA,
                    "Risk assessment of " + latest,
                    "the latest approved risk assessment is dated " + latest + ", " + age(latest, today)
                            + " ago (more than 12 months): reassess the register and approve a new assessment",
                    "/risks/assessments"));
        }
        for (Risk r : posture.mitigatedWithoutControls()) {
            out.add(new ProgramGapDef(GapKind.RISK_UNMITIGATED, RISK_TREATMENT_CRITERIA, r.ref() + " " + r.title(),
                    "risk " + r.ref() + " '" + r.title() + "' is treated by mitigation but no control is linked to it: "
                            + "link the controls that mitigate it, or record another treatment",
                    "/risks/" + r.id()));
        }
        return out;
    }

    /** One POLICY_UNACKNOWLEDGED per published policy with outstanding acknowledgements. */
    public static List<ProgramGapDef> policies(List<AcknowledgementGap> gaps) {
        List<ProgramGapDef> out = new ArrayList<>(gaps.size());
        for (AcknowledgementGap g : gaps) {
            String subject = g.title() + " v" + g.versionNumber();
            int n = g.outstanding().size();
            StringBuilder m = new StringBuilder(subject).append(": ").append(n).append(" of ").append(g.expected())
                    .append(g.expected() == 1 ? " person has" : " people have").append(" not acknowledged");
            if (n <= NAMES_SHOWN) {
                m.append(" (").append(String.join(", ", g.outstanding().stream().map(Acknowledgement::name).toList()))
                        .append(')');
            }
            m.append("; remind them to acknowledge the published version");
            out.add(new ProgramGapDef(GapKind.POLICY_UNACKNOWLEDGED,
                    CODE_OF_CONDUCT.equals(g.template()) ? CODE_OF_CONDUCT_CRITERIA : POLICY_CRITERIA, subject,
                    m.toString(), "/policies/" + g.policyId()));
        }
        return out;
    }

    /** One VENDOR_CUEC_UNMAPPED per CUEC no control of ours covers. */
    public static List<ProgramGapDef> vendors(List<CuecGap> gaps) {
        List<ProgramGapDef> out = new ArrayList<>(gaps.size());
        for (CuecGap g : gaps) {
            String cuec = g.cuecRef() == null || g.cuecRef().isBlank() ? "a CUEC" : g.cuecRef();
            out.add(new ProgramGapDef(GapKind.VENDOR_CUEC_UNMAPPED, VENDOR_CRITERIA, g.vendorName() + ": " + cuec,
                    g.vendorName() + " (" + g.vendorRef() + ") expects us to operate " + cuec
                            + (g.description() == null || g.description().isBlank() ? "" : " '" + g.description() + "'")
                            + ", but none of our controls is mapped to it: map it to a control in the review of "
                            + "the vendor's report",
                    "/vendors/" + g.vendorId()));
        }
        return out;
    }

    /**
     * One TRAINING_OVERDUE per person; the people module's {@code reason} already says what is due
     * since when, the message adds for how long it has been overdue.
     */
    public static List<ProgramGapDef> training(List<TrainingDue> due, LocalDate today) {
        List<ProgramGapDef> out = new ArrayList<>(due.size());
        for (TrainingDue t : due) {
            String who = t.name() + (t.email() == null || t.email().isBlank() ? "" : " (" + t.email() + ")");
            String what = t.reason() == null || t.reason().isBlank() ? "security awareness training is overdue"
                    : t.reason();
            String late = t.dueOn() != null && today != null && t.dueOn().isBefore(today)
                    ? ", overdue for " + age(t.dueOn(), today) : "";
            out.add(new ProgramGapDef(GapKind.TRAINING_OVERDUE, TRAINING_CRITERIA, t.name(),
                    who + ": " + what + late + "; have the training completed and recorded",
                    t.personId() == null ? "/people" : "/people/" + t.personId()));
        }
        return out;
    }

    /** The age in whole months ("20 months", "1 month"), or in days when under a month ("12 days"). */
    static String age(LocalDate from, LocalDate to) {
        Period p = Period.between(from, to);
        long months = p.toTotalMonths();
        if (months < 1) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(from, to);
            return days == 1 ? "1 day" : days + " days";
        }
        return months == 1 ? "1 month" : months + " months";
    }
}
