package dev.assayer.readiness;

import dev.assayer.readiness.ReadinessReport.CategoryFigure;
import dev.assayer.readiness.ReadinessReport.ControlReadiness;
import dev.assayer.readiness.ReadinessReport.ControlSummary;
import dev.assayer.readiness.ReadinessReport.EvidenceCounts;
import dev.assayer.readiness.ReadinessReport.Exclusion;
import dev.assayer.readiness.ReadinessReport.Figure;
import dev.assayer.readiness.ReadinessReport.Gap;
import dev.assayer.readiness.ReadinessReport.ProgramGap;
import dev.assayer.readiness.ReadinessReport.RequirementReadiness;
import dev.assayer.readiness.ReadinessReport.Subject;
import dev.assayer.readiness.ReadinessReport.Window;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Computes an engagement's {@link ReadinessReport} from plain data: the candidate requirements, the
 * ones declared not relevant, the organization's controls with their mappings, an evidence tally
 * per control, and the gaps of the compliance program that the other modules reported. No Spring,
 * no SQL; linear in requirements + mappings + program gaps × their criteria.
 *
 * <p>The rules, kept deliberately simple so every figure can be explained:
 * <ul>
 * <li>A control is <em>applicable</em> unless its status is NOT_APPLICABLE; inapplicable controls are
 * shown but never counted.</li>
 * <li>An applicable control is <em>fully ready</em> when it is IMPLEMENTED, has an owner and has at
 * least one valid evidence item (inside the window, not expired, not withdrawn).</li>
 * <li>A requirement is READY when at least one applicable mapped control is fully ready and no program
 * gap bears on it, PARTIAL when applicable controls are mapped but none is fully ready or a program gap
 * bears on it, GAP when none is mapped (a program gap does not change GAP).</li>
 * <li>A requirement's gaps say why it is not READY: NO_CONTROL, or the gaps of each applicable mapped
 * control (NOT_IMPLEMENTED, NO_OWNER, and one of NO_EVIDENCE, EVIDENCE_OUTSIDE_PERIOD,
 * EVIDENCE_EXPIRED), followed by the program gaps that bear on it. A requirement with a fully ready
 * control shows only its program gaps (none when READY); its controls still show theirs.</li>
 * <li>A program gap ({@link ProgramGapDef}: RISK_ASSESSMENT_MISSING, RISK_ASSESSMENT_STALE,
 * RISK_UNMITIGATED, POLICY_UNACKNOWLEDGED, VENDOR_CUEC_UNMAPPED, TRAINING_OVERDUE) names the SOC 2
 * criteria it bears on; it holds back each of them that is in scope and not declared not relevant.
 * Every program gap is listed once in {@code programGaps}, whatever it held back. For SOC 1
 * (control objectives) program gaps are listed but hold back no objective.</li>
 * <li>The evidence gap of a control without valid evidence: EVIDENCE_EXPIRED when any item is past its
 * renewal date, else EVIDENCE_OUTSIDE_PERIOD when any item is dated outside the window, else
 * NO_EVIDENCE (withdrawn items are not evidence).</li>
 * <li>A figure is ready requirements / in-scope requirements, percent rounded down.</li>
 * </ul>
 */
public final class ReadinessCalculator {

    /** A control's implementation status, as the control module defines it. */
    public enum ControlStatus {
        NOT_STARTED, IN_PROGRESS, IMPLEMENTED, NOT_APPLICABLE;

        String phrase() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    /** Whether requirements are Trust Services Criteria (SOC 2) or control objectives (SOC 1): wording only. */
    public enum RequirementKind {
        CRITERION("criterion", "criterion"), OBJECTIVE("control objective", "objective");

        private final String noun;
        /** The control list's filter parameter for this kind of requirement. */
        private final String parameter;

        RequirementKind(String noun, String parameter) {
            this.noun = noun;
            this.parameter = parameter;
        }
    }

    /** A category in display order: SECURITY "Security", … */
    public record CategoryDef(String code, String name) {
    }

    /** A candidate requirement: {@code id} is what controls map to, {@code ref} what people read. */
    public record RequirementDef(String id, String ref, String title, String category) {

        public RequirementDef {
            Objects.requireNonNull(id, "id");
            ref = ref == null ? id : ref;
        }
    }

    /** A criterion declared not relevant for the engagement (description criterion DC8). */
    public record ExcludedDef(String requirementId, String reason) {
    }

    /**
     * A control with the ids of the requirements it is mapped to. {@code ownerName} is null when the
     * owner has left the organization; such a control has no owner.
     */
    public record ControlDef(UUID id, String ref, String title, ControlStatus status, UUID ownerId, String ownerName,
            boolean keyControl, Collection<String> requirementIds) {

        public ControlDef {
            Objects.requireNonNull(id, "id");
            status = status == null ? ControlStatus.NOT_STARTED : status;
            requirementIds = requirementIds == null ? List.of() : requirementIds;
        }

        /** An owner who is still a member of the organization. */
        public boolean hasOwner() {
            return ownerId != null && ownerName != null;
        }
    }

    /**
     * A gap of the compliance program, reported by another module (risk, policy, vendor, people).
     * {@code kind} must be a program kind ({@link GapKind#program()}); {@code criteria} are the ids of
     * the SOC 2 criteria it bears on ("CC3.1"); {@code subject} names what to fix ("Risk R-007 …"),
     * {@code message} is a sentence a person can act on and {@code link} the path of the page where it
     * is fixed ("/risks", "/policies/{id}", "/vendors/{id}", "/people/{id}").
     */
    public record ProgramGapDef(GapKind kind, Collection<String> criteria, String subject, String message,
            String link) {

        public ProgramGapDef {
            Objects.requireNonNull(kind, "kind");
            if (!kind.program()) {
                throw new IllegalArgumentException(kind + " is not a program gap kind");
            }
            criteria = criteria == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(criteria));
            message = message == null ? kind.label() : message;
        }
    }

    /**
     * Everything the calculation needs. {@code evidence} may miss controls that have no evidence;
     * {@code programGaps} may be empty.
     */
    public record Input(Subject subject, RequirementKind kind, List<CategoryDef> categories,
            List<RequirementDef> requirements, List<ExcludedDef> excluded, List<ControlDef> controls,
            Map<UUID, EvidenceCounts> evidence, LocalDate referenceDate, List<ProgramGapDef> programGaps) {

        public Input {
            kind = kind == null ? RequirementKind.CRITERION : kind;
            categories = categories == null ? List.of() : categories;
            requirements = requirements == null ? List.of() : requirements;
            excluded = excluded == null ? List.of() : excluded;
            controls = controls == null ? List.of() : controls;
            evidence = evidence == null ? Map.of() : evidence;
            programGaps = programGaps == null ? List.of() : programGaps;
        }

        /** Without program gaps. */
        public Input(Subject subject, RequirementKind kind, List<CategoryDef> categories,
                List<RequirementDef> requirements, List<ExcludedDef> excluded, List<ControlDef> controls,
                Map<UUID, EvidenceCounts> evidence, LocalDate referenceDate) {
            this(subject, kind, categories, requirements, excluded, controls, evidence, referenceDate, List.of());
        }
    }

    private ReadinessCalculator() {
    }

    /** What one control contributes, computed once and reused for each requirement it is mapped to. */
    private record Assessment(ControlDef control, EvidenceCounts evidence, boolean counted, boolean ready,
            List<GapKind> kinds, List<String> phrases) {
    }

    public static ReadinessReport calculate(Input in) {
        Window window = in.subject() == null || in.subject().window() == null ? new Window(null, null)
                : in.subject().window();

        // 1. In scope = candidates minus the ones declared not relevant.
        Map<String, String> excludedReasons = new LinkedHashMap<>();
        for (ExcludedDef e : in.excluded()) {
            excludedReasons.putIfAbsent(e.requirementId(), e.reason());
        }
        List<RequirementDef> inScope = new ArrayList<>(in.requirements().size());
        List<Exclusion> exclusions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RequirementDef r : in.requirements()) {
            if (!seen.add(r.id())) {
                continue;
            }
            if (excludedReasons.containsKey(r.id())) {
                exclusions.add(new Exclusion(r.ref(), r.title(), excludedReasons.get(r.id())));
            } else {
                inScope.add(r);
            }
        }
        Set<String> inScopeIds = new HashSet<>();
        inScope.forEach(r -> inScopeIds.add(r.id()));

        // 2. Assess each control once; index the mappings by requirement.
        Map<String, List<Assessment>> byRequirement = new HashMap<>();
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (ControlStatus s : ControlStatus.values()) {
            byStatus.put(s.name(), 0);
        }
        int applicable = 0;
        int implemented = 0;
        int withOwner = 0;
        int withValid = 0;
        int fullyReady = 0;
        int unmapped = 0;
        List<ControlDef> controls = new ArrayList<>(in.controls());
        controls.sort(Comparator.comparing(ControlDef::ref, Comparator.nullsLast(Comparator.naturalOrder())));
        for (ControlDef c : controls) {
            Assessment a = assess(c, in.evidence().getOrDefault(c.id(), EvidenceCounts.NONE), window);
            byStatus.merge(c.status().name(), 1, Integer::sum);
            boolean mappedInScope = false;
            for (String rid : new HashSet<>(c.requirementIds())) {
                if (inScopeIds.contains(rid)) {
                    byRequirement.computeIfAbsent(rid, k -> new ArrayList<>()).add(a);
                    mappedInScope = true;
                }
            }
            if (!a.counted()) {
                continue;
            }
            applicable++;
            if (c.status() == ControlStatus.IMPLEMENTED) {
                implemented++;
            }
            if (c.hasOwner()) {
                withOwner++;
            }
            if (a.evidence().valid() > 0) {
                withValid++;
            }
            if (a.ready()) {
                fullyReady++;
            }
            if (!mappedInScope) {
                unmapped++;
            }
        }
        ControlSummary summary = new ControlSummary(controls.size(), applicable, controls.size() - applicable,
                implemented, withOwner, withValid, fullyReady, unmapped, byStatus);

        // 3. Program gaps, indexed by the in-scope criteria they hold back (none for SOC 1 objectives).
        List<ProgramGapDef> programDefs = new ArrayList<>(in.programGaps());
        programDefs.sort(Comparator.comparing(ProgramGapDef::kind));
        Map<String, List<ProgramGapDef>> programByRequirement = new HashMap<>();
        List<ProgramGap> programGaps = new ArrayList<>(programDefs.size());
        Map<String, String> refs = new HashMap<>();
        inScope.forEach(r -> refs.put(r.id(), r.ref()));
        for (ProgramGapDef p : programDefs) {
            List<String> heldBack = new ArrayList<>();
            if (in.kind() == RequirementKind.CRITERION) {
                for (String rid : p.criteria()) {
                    if (inScopeIds.contains(rid)) {
                        programByRequirement.computeIfAbsent(rid, k -> new ArrayList<>()).add(p);
                        heldBack.add(refs.get(rid));
                    }
                }
            }
            programGaps.add(new ProgramGap(p.kind(), List.copyOf(p.criteria()), List.copyOf(heldBack), p.subject(),
                    p.message(), p.link()));
        }

        // 4. Each requirement's state and gaps; tallies per category.
        Map<String, CategoryDef> categoryDefs = new LinkedHashMap<>();
        for (CategoryDef c : in.categories()) {
            categoryDefs.putIfAbsent(c.code(), c);
        }
        Map<String, int[]> tallies = new LinkedHashMap<>();
        categoryDefs.keySet().forEach(code -> tallies.put(code, new int[2]));
        List<RequirementReadiness> requirements = new ArrayList<>(inScope.size());
        List<Gap> allGaps = new ArrayList<>();
        int ready = 0;
        for (RequirementDef r : inScope) {
            List<Assessment> mapped = byRequirement.getOrDefault(r.id(), List.of());
            List<ControlReadiness> rows = new ArrayList<>(mapped.size());
            List<Gap> gaps = new ArrayList<>();
            boolean anyCounted = false;
            boolean anyReady = false;
            for (Assessment a : mapped) {
                List<Gap> own = gapsOf(r, a);
                rows.add(new ControlReadiness(a.control().id(), a.control().ref(), a.control().title(),
                        a.control().status().name(), a.control().ownerId(), a.control().ownerName(),
                        a.control().keyControl(), a.counted(), a.ready(), a.evidence(), own));
                anyCounted |= a.counted();
                anyReady |= a.ready();
                gaps.addAll(own);
            }
            List<ProgramGapDef> program = programByRequirement.getOrDefault(r.id(), List.of());
            RequirementState state;
            if (anyReady) {
                state = program.isEmpty() ? RequirementState.READY : RequirementState.PARTIAL;
                gaps.clear();
                if (program.isEmpty()) {
                    ready++;
                }
            } else if (anyCounted) {
                state = RequirementState.PARTIAL;
            } else {
                state = RequirementState.GAP;
                gaps.clear();
                gaps.add(noControl(in.kind(), r, mapped));
            }
            for (ProgramGapDef p : program) {
                gaps.add(new Gap(p.kind(), r.id(), r.ref(), null, null, r.ref() + ": " + p.message(), p.link()));
            }
            allGaps.addAll(gaps);
            String category = r.category() == null || r.category().isBlank() ? "OTHER" : r.category();
            int[] t = tallies.computeIfAbsent(category, k -> new int[2]);
            t[1]++;
            if (state == RequirementState.READY) {
                t[0]++;
            }
            requirements.add(new RequirementReadiness(r.id(), r.ref(), r.title(), category, state, List.copyOf(rows),
                    List.copyOf(gaps)));
        }
        List<CategoryFigure> categories = new ArrayList<>(tallies.size());
        tallies.forEach((code, t) -> {
            Figure f = Figure.of(t[0], t[1]);
            CategoryDef def = categoryDefs.get(code);
            categories.add(new CategoryFigure(code, def == null || def.name() == null ? code : def.name(), f.percent(),
                    f.ready(), f.total()));
        });
        return new ReadinessReport(in.subject(), in.referenceDate(), Figure.of(ready, inScope.size()),
                List.copyOf(categories), List.copyOf(requirements), List.copyOf(allGaps), List.copyOf(exclusions),
                summary, List.copyOf(programGaps));
    }

    private static Assessment assess(ControlDef c, EvidenceCounts ev, Window window) {
        if (c.status() == ControlStatus.NOT_APPLICABLE) {
            return new Assessment(c, ev, false, false, List.of(), List.of());
        }
        List<GapKind> kinds = new ArrayList<>(3);
        List<String> phrases = new ArrayList<>(3);
        if (c.status() != ControlStatus.IMPLEMENTED) {
            kinds.add(GapKind.NOT_IMPLEMENTED);
            phrases.add("is not implemented yet (status: " + c.status().phrase() + ")");
        }
        if (!c.hasOwner()) {
            kinds.add(GapKind.NO_OWNER);
            phrases.add(c.ownerId() == null ? "has no owner" : "has no owner (its owner left the organization)");
        }
        if (ev.valid() == 0) {
            if (ev.expired() > 0) {
                kinds.add(GapKind.EVIDENCE_EXPIRED);
                phrases.add("has no valid evidence for " + periodPhrase(window) + ": " + items(ev.expired())
                        + (ev.expired() == 1 ? " is" : " are") + " past the renewal date"
                        + (ev.outsideWindow() > 0 ? " and " + ev.outsideWindow() + " dated outside "
                                + (window.asOfDate() ? "it" : "the period") : ""));
            } else if (ev.outsideWindow() > 0) {
                kinds.add(GapKind.EVIDENCE_OUTSIDE_PERIOD);
                phrases.add(window.asOfDate()
                        ? "has evidence only dated after the as-of date " + window.end()
                        : "has evidence only outside the period " + window.describe());
            } else {
                kinds.add(GapKind.NO_EVIDENCE);
                phrases.add("has no evidence" + (ev.withdrawn() > 0 ? " (" + items(ev.withdrawn()) + " withdrawn)" : ""));
            }
        }
        boolean ready = kinds.isEmpty();
        return new Assessment(c, ev, true, ready, List.copyOf(kinds), List.copyOf(phrases));
    }

    private static String periodPhrase(Window window) {
        return window.asOfDate() ? "the as-of date " + window.end() : "the period " + window.describe();
    }

    private static String items(int n) {
        return n == 1 ? "1 item" : n + " items";
    }

    private static List<Gap> gapsOf(RequirementDef r, Assessment a) {
        if (a.kinds().isEmpty()) {
            return List.of();
        }
        List<Gap> gaps = new ArrayList<>(a.kinds().size());
        String who = r.ref() + ": control " + a.control().ref() + " '" + a.control().title() + "' ";
        for (int i = 0; i < a.kinds().size(); i++) {
            gaps.add(new Gap(a.kinds().get(i), r.id(), r.ref(), a.control().id(), a.control().ref(),
                    who + a.phrases().get(i), "/controls/" + a.control().id()));
        }
        return gaps;
    }

    private static Gap noControl(RequirementKind kind, RequirementDef r, List<Assessment> mapped) {
        String message = r.ref() + ": no control is mapped to this " + kind.noun;
        if (!mapped.isEmpty()) {
            List<String> refs = mapped.stream().map(a -> a.control().ref()).toList();
            message = r.ref() + ": no applicable control is mapped to this " + kind.noun + " ("
                    + String.join(", ", refs) + (refs.size() == 1 ? " is" : " are") + " marked not applicable)";
        }
        return new Gap(GapKind.NO_CONTROL, r.id(), r.ref(), null, null, message,
                "/controls?" + kind.parameter + "=" + URLEncoder.encode(r.id(), StandardCharsets.UTF_8));
    }
}
