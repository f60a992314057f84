package dev.assayer.finding.internal;

import dev.assayer.finding.Finding;
import dev.assayer.finding.FindingSource;
import dev.assayer.finding.FindingStatus;
import dev.assayer.finding.FindingUpdate;
import dev.assayer.finding.RetestDraft;
import dev.assayer.finding.RetestResult;
import dev.assayer.finding.Severity;
import dev.assayer.finding.SourceType;
import dev.assayer.shared.ApiProblem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The rules of findings, free of Spring and SQL: what a finding must hold, who may change which
 * part of it, and how its status moves.
 *
 * <p>Independence: the <em>assessment</em> (title, description, severity, source, controls,
 * criteria) belongs to whoever raised the finding — the audit firm for its findings, the
 * organization's management for internal ones. The <em>response</em> (root cause, owner, due date,
 * corrective action plan and actions) and the moves OPEN → IN_REMEDIATION → READY_FOR_RETEST belong
 * to the organization. Only the side that raised a finding closes it, by recording a passing
 * re-test; management alone may accept its risk instead.
 */
public final class FindingRules {

    private FindingRules() {
    }

    /**
     * What the caller may do to one finding. {@code raisingFirm}: an auditor of the firm that raised
     * it, inside its engagement. {@code responder}: a member of the organization who may work on the
     * response (FIELDWORK_RESPOND for a firm's finding, ENGAGEMENT_WRITE for an internal one).
     * {@code management}: a member with ENGAGEMENT_WRITE (admin, compliance manager).
     */
    public record Caller(boolean raisingFirm, boolean responder, boolean management) {

        public static final Caller NOBODY = new Caller(false, false, false);
    }

    /** The validated assessment of a finding. */
    public record Assessment(String title, String description, Severity severity, FindingSource source,
            List<UUID> controlIds, List<String> criteria) {
    }

    /** The validated response of the organization. */
    public record Response(String rootCause, UUID ownerId, LocalDate dueDate, String plan) {

        public static final Response NONE = new Response(null, null, null, null);
    }

    /** What a status change needs to know about the finding's remediation so far. */
    public record Progress(boolean hasOwner, boolean hasDueDate, boolean hasPlan, boolean hasRootCause,
            long openActions) {
    }

    // ------------------------------------------------------------------------------ permissions

    public static boolean canEditAssessment(boolean auditorFinding, Caller c) {
        return auditorFinding ? c.raisingFirm() : c.management();
    }

    public static boolean canRespond(Caller c) {
        return c.responder();
    }

    public static boolean canRetest(boolean auditorFinding, Caller c) {
        return auditorFinding ? c.raisingFirm() : c.management();
    }

    public static boolean canAcceptRisk(Caller c) {
        return c.management();
    }

    // ------------------------------------------------------------------------------- validation

    /**
     * Validates an assessment into {@code p} (nothing is thrown here).
     *
     * @param byFirm true when an audit firm raises or edits it (deviation and test-of-design sources are its own)
     * @param resolveControl one of the organization's controls by ref or id, empty when there is none
     * @param unknownCriteria the given criteria that are neither SOC 2 criteria nor the organization's objectives
     */
    public static Assessment assessment(Problems p, String title, String description, Severity severity,
            FindingSource source, List<String> controls, List<String> criteria, boolean byFirm,
            Function<String, Optional<UUID>> resolveControl, Function<List<String>, List<String>> unknownCriteria) {
        String t = p.text("title", title, Problems.TITLE, true);
        String d = p.text("description", description, Problems.TEXT, true);
        if (severity == null) {
            p.add("severity", "is required (LOW, MEDIUM, HIGH or CRITICAL)");
        }
        FindingSource s = source(p, source == null ? FindingSource.other() : source, byFirm);
        List<UUID> ids = new ArrayList<>();
        List<String> given = items(p, "controls", controls);
        for (int i = 0; i < given.size(); i++) {
            Optional<UUID> id = resolveControl.apply(given.get(i));
            if (id.isEmpty()) {
                p.add("controls[" + i + "]", "'" + given.get(i) + "' is not a control of this organization");
            } else if (!ids.contains(id.get())) {
                ids.add(id.get());
            }
        }
        List<String> crit = items(p, "criteria", criteria).stream().map(String::strip).toList();
        List<String> unknown = crit.isEmpty() ? List.of() : unknownCriteria.apply(crit);
        for (String u : unknown) {
            p.add("criteria[" + crit.indexOf(u) + "]", "'" + u + "' is not a SOC 2 criterion or a control objective");
        }
        List<String> normalized = crit.stream().map(FindingRules::criterionKey).distinct().toList();
        return new Assessment(t, d, severity, s, ids, normalized);
    }

    private static FindingSource source(Problems p, FindingSource s, boolean byFirm) {
        if (s.type() == null) {
            p.add("source.type", "is required (DEVIATION, TEST_OF_DESIGN, READINESS_GAP or OTHER)");
            return s;
        }
        if (s.type().auditorOnly() && !byFirm) {
            p.add("source.type", "a finding from a " + s.type().label().toLowerCase(Locale.ROOT)
                    + " is raised by the audit firm that ran the test; use READINESS_GAP or OTHER");
        }
        String ref = p.text("source.ref", s.ref(), Problems.REF, s.type() != SourceType.OTHER);
        return new FindingSource(s.type(), s.id(), ref);
    }

    /** Validates the organization's response into {@code p}. */
    public static Response response(Problems p, String rootCause, UUID ownerId, LocalDate dueDate, String plan,
            Predicate<UUID> isMember) {
        String cause = p.text("rootCause", rootCause, Problems.TEXT, false);
        if (ownerId != null && !isMember.test(ownerId)) {
            p.add("ownerId", "is not a member of this organization");
        }
        String text = p.text("correctiveActionPlan", plan, Problems.TEXT, false);
        return new Response(cause, ownerId, dueDate, text);
    }

    private static List<String> items(Problems p, String field, List<String> items) {
        if (items == null) {
            return List.of();
        }
        if (items.size() > Problems.MAX_ITEMS) {
            p.add(field, "at most " + Problems.MAX_ITEMS + " entries");
        }
        List<String> out = new ArrayList<>();
        for (String item : items) {
            if (item != null && !item.isBlank()) {
                out.add(item.strip());
            }
        }
        return out;
    }

    /** Criterion ids compare without case (cc6.1 = CC6.1); objective refs keep theirs when not all-letters-and-digits. */
    static String criterionKey(String id) {
        String s = id.strip();
        return s.matches("(?i)(CC|A|C|PI|P)\\d+\\.\\d+") ? s.toUpperCase(Locale.ROOT) : s;
    }

    // ------------------------------------------------------------------- the other side's fields

    /** The assessment fields an update gives with a value different from the finding's. */
    public static List<String> assessmentChanges(Finding f, FindingUpdate u) {
        List<String> changed = new ArrayList<>();
        if (u.title() != null && !u.title().strip().equals(f.title())) {
            changed.add("title");
        }
        if (u.description() != null && !u.description().strip().equals(f.description())) {
            changed.add("description");
        }
        if (u.severity() != null && u.severity() != f.severity()) {
            changed.add("severity");
        }
        if (u.source() != null && (u.source().type() != f.source().type()
                || !Objects.equals(u.source().id(), f.source().id())
                || !Objects.equals(blankToNull(u.source().ref()), f.source().ref()))) {
            changed.add("source");
        }
        if (u.controls() != null && !sameControls(u.controls(), f)) {
            changed.add("controls");
        }
        if (u.criteria() != null && !keys(u.criteria()).equals(new LinkedHashSet<>(f.criteria()))) {
            changed.add("criteria");
        }
        return changed;
    }

    /** The response fields an update gives with a value different from the finding's. */
    public static List<String> responseChanges(Finding f, FindingUpdate u) {
        List<String> changed = new ArrayList<>();
        if (u.rootCause() != null && !Objects.equals(blankToNull(u.rootCause()), f.rootCause())) {
            changed.add("rootCause");
        }
        if (u.ownerId() != null && !u.ownerId().equals(f.ownerId())) {
            changed.add("ownerId");
        }
        if (u.dueDate() != null && !u.dueDate().equals(f.dueDate())) {
            changed.add("dueDate");
        }
        if (u.correctiveActionPlan() != null
                && !Objects.equals(blankToNull(u.correctiveActionPlan()), f.correctiveActionPlan())) {
            changed.add("correctiveActionPlan");
        }
        return changed;
    }

    private static boolean sameControls(List<String> given, Finding f) {
        Set<UUID> matched = new LinkedHashSet<>();
        for (String g : given) {
            if (g == null || g.isBlank()) {
                continue;
            }
            String s = g.strip();
            int i = -1;
            for (int k = 0; k < f.controlIds().size(); k++) {
                if (f.controlIds().get(k).toString().equalsIgnoreCase(s) || f.controlRefs().get(k).equalsIgnoreCase(s)) {
                    i = k;
                    break;
                }
            }
            if (i < 0) {
                return false;
            }
            matched.add(f.controlIds().get(i));
        }
        return matched.equals(new LinkedHashSet<>(f.controlIds()));
    }

    private static Set<String> keys(List<String> criteria) {
        return criteria.stream().filter(c -> c != null && !c.isBlank()).map(FindingRules::criterionKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ------------------------------------------------------------------------------------ status

    /**
     * Checks a status change requested through the status endpoint (CLOSED is reached only by a
     * re-test). Throws 403 when the caller's side may not make it, 409 when the finding's status
     * does not allow it, 400 naming the missing fields.
     */
    public static void checkTransition(boolean auditorFinding, Caller c, FindingStatus from, FindingStatus to,
            String note, boolean approverGiven, Progress progress) {
        if (to != FindingStatus.CLOSED && !canRespond(c) && !canAcceptRisk(c)) {
            // who asks comes before what was asked: a caller who moves no status is refused whatever the body says
            throw ApiProblem.forbidden("The organization moves a finding through remediation"
                    + (c.raisingFirm() ? "; the audit firm records the re-test" : ""));
        }
        if (to == null) {
            throw ApiProblem.invalidField("to", "is required (IN_REMEDIATION, READY_FOR_RETEST or RISK_ACCEPTED)");
        }
        switch (to) {
            case CLOSED -> {
                if (!canRetest(auditorFinding, c)) {
                    throw ApiProblem.forbidden(auditorFinding
                            ? "Only the audit firm that raised this finding closes it, by recording a passing re-test"
                            : "Only an admin or compliance manager closes the organization's own finding, by recording its re-test");
                }
                throw ApiProblem.conflict("A finding is closed by recording a passing re-test (POST …/retest), not by a status change");
            }
            case RISK_ACCEPTED -> {
                if (!canAcceptRisk(c)) {
                    throw ApiProblem.forbidden("Accepting a finding's risk is the organization's management's decision "
                            + "(admin or compliance manager)");
                }
            }
            case OPEN -> throw ApiProblem.conflict("A finding does not go back to open; move it to in remediation");
            case IN_REMEDIATION, READY_FOR_RETEST -> {
                if (!canRespond(c)) {
                    throw ApiProblem.forbidden("The organization moves a finding through remediation"
                            + (c.raisingFirm() ? "; the audit firm records the re-test" : ""));
                }
            }
        }
        if (from.isFinal()) {
            throw ApiProblem.conflict("The finding is " + from.label().toLowerCase(Locale.ROOT) + "; its status no longer changes");
        }
        if (from == to) {
            throw ApiProblem.conflict("The finding is already " + from.label().toLowerCase(Locale.ROOT));
        }
        Problems p = new Problems();
        String why = p.text("note", note, Problems.TEXT, false);
        switch (to) {
            case RISK_ACCEPTED -> {
                if (!approverGiven) {
                    p.add("approverId", "is required: the member of management who approves accepting the risk");
                }
                if (why == null) {
                    p.add("note", "is required: the reason the risk is accepted");
                }
            }
            case IN_REMEDIATION -> {
                if (from == FindingStatus.OPEN) {
                    if (!progress.hasOwner()) {
                        p.add("ownerId", "is required before remediation starts: who is responsible");
                    }
                    if (!progress.hasDueDate()) {
                        p.add("dueDate", "is required before remediation starts");
                    }
                    if (!progress.hasPlan()) {
                        p.add("correctiveActionPlan", "is required before remediation starts");
                    }
                } else if (why == null) {
                    p.add("note", "is required: why the finding goes back to remediation");
                }
            }
            case READY_FOR_RETEST -> {
                if (from != FindingStatus.IN_REMEDIATION) {
                    throw ApiProblem.conflict("Only a finding in remediation becomes ready for re-test (it is "
                            + from.label().toLowerCase(Locale.ROOT) + ")");
                }
                if (!progress.hasRootCause()) {
                    p.add("rootCause", "is required before the finding is ready for re-test");
                }
                if (progress.openActions() > 0) {
                    p.add("actions", progress.openActions() + " corrective action"
                            + (progress.openActions() == 1 ? " is" : "s are") + " not done yet");
                }
            }
            default -> {
            }
        }
        p.throwIfAny();
    }

    /** The statuses the caller may request through the status endpoint now (field requirements aside): for the UI. */
    public static List<FindingStatus> targets(boolean auditorFinding, Caller c, FindingStatus from) {
        List<FindingStatus> out = new ArrayList<>();
        if (from.isFinal()) {
            return out;
        }
        if (canRespond(c)) {
            if (from != FindingStatus.IN_REMEDIATION) {
                out.add(FindingStatus.IN_REMEDIATION);
            }
            if (from == FindingStatus.IN_REMEDIATION) {
                out.add(FindingStatus.READY_FOR_RETEST);
            }
        }
        if (canAcceptRisk(c)) {
            out.add(FindingStatus.RISK_ACCEPTED);
        }
        return out;
    }

    /**
     * Checks a re-test and gives the status it leads to: PASS closes, FAIL returns the finding to
     * remediation. Only the side that raised the finding records one, and only when it is ready
     * for re-test.
     */
    public static FindingStatus afterRetest(boolean auditorFinding, Caller c, FindingStatus from, RetestDraft d) {
        if (!canRetest(auditorFinding, c)) {
            throw ApiProblem.forbidden(auditorFinding
                    ? "Only the audit firm that raised this finding records its re-test"
                    : "The organization's own finding is re-tested by its admin or compliance manager");
        }
        if (d == null) {
            throw ApiProblem.invalidField("body", "a JSON re-test is required");
        }
        if (from != FindingStatus.READY_FOR_RETEST) {
            throw ApiProblem.conflict("A re-test is recorded once the organization marks the finding ready for re-test (it is "
                    + from.label().toLowerCase(Locale.ROOT) + ")");
        }
        Problems p = new Problems();
        if (d.result() == null) {
            p.add("result", "is required (PASS or FAIL)");
        }
        if (auditorFinding && d.testId() == null) {
            p.add("testId", "is required: the id of the firm's re-test");
        }
        p.text("testRef", d.testRef(), Problems.REF, auditorFinding);
        p.text("note", d.note(), Problems.TEXT, !auditorFinding);
        p.throwIfAny();
        return d.result() == RetestResult.PASS ? FindingStatus.CLOSED : FindingStatus.IN_REMEDIATION;
    }

    /** The next free F-nnn given the refs in use (F-001, F-002, …; past 999 the number just grows). */
    public static String nextRef(List<String> used) {
        int max = 0;
        for (String r : used) {
            if (r != null && r.matches("F-\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(r.substring(2)));
            }
        }
        return String.format(Locale.ROOT, "F-%03d", max + 1);
    }

    /** True when a finding still being worked on (OPEN or IN_REMEDIATION) is past its due date. */
    public static boolean overdue(FindingStatus status, LocalDate dueDate, LocalDate today) {
        return (status == FindingStatus.OPEN || status == FindingStatus.IN_REMEDIATION) && dueDate != null
                && dueDate.isBefore(today);
    }
}
