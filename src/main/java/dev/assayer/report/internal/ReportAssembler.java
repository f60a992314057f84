package dev.assayer.report.internal;

import dev.assayer.control.Control;
import dev.assayer.engagement.ComponentType;
import dev.assayer.engagement.Cuec;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.ExcludedCriterion;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.engagement.SubserviceOrganization;
import dev.assayer.engagement.SystemChange;
import dev.assayer.engagement.SystemComponent;
import dev.assayer.engagement.SystemDescription;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.DeviationStatus;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.TestHistoryEntry;
import dev.assayer.fieldwork.TestKind;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.incident.Incident;
import dev.assayer.report.AssertionSignature;
import dev.assayer.report.AuditorSection;
import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Attribution;
import dev.assayer.report.ReportDocument.Block;
import dev.assayer.report.ReportDocument.Bullets;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Heading;
import dev.assayer.report.ReportDocument.Paragraph;
import dev.assayer.report.ReportDocument.Placeholder;
import dev.assayer.report.ReportDocument.Recorded;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Signature;
import dev.assayer.report.ReportDocument.Table;
import dev.assayer.report.ReportKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a {@link ReportDocument} from {@link ReportFacts}. Pure: no Spring, no SQL.
 *
 * <p>The rule it keeps: Assayer never writes an opinion, a test result, a conclusion or "no
 * exceptions noted" that a person did not record. Whatever a person recorded (the service
 * auditor's report, a test's result wording, a deviation, management's response) is reproduced
 * verbatim with an {@link Attribution} naming who recorded it and when; where nothing is recorded
 * the document holds a {@link Placeholder} or the plain words "No result recorded", never a result.
 *
 * <p>What counts as a recorded result: only tests signed off by their reviewer (status REVIEWED).
 * A test still in progress, concluded or signed only by its preparer is work in progress of the
 * auditor's: nothing of it appears (not its procedures, result or deviations), and the control
 * shows "No result recorded (…not signed off by a reviewer)". Deviations shown are the open
 * deviations of reviewed tests; Section V shows management's responses to exactly those.
 *
 * <p>Management's assertion (Section II) is drafted from the engagement's facts. Its statements
 * are management's words, made only by signing: an unsigned version presents them under a "Draft
 * for signature" lead-in followed by the placeholder "Not signed for this version"; a version
 * assembled with a sign-off that refers to it presents them as text recorded by the signing
 * officer (attribution ASSERTION) with the signature block. A frozen file cannot contain its own
 * sign-off (the sign-off refers to the file's SHA-256), so the sign-off is kept beside the version.
 */
public final class ReportAssembler {

    public static final String NO_RESULT = "No result recorded";
    public static final String DRAFT_LEAD = "Draft for signature. The statements below become management's "
            + "assertion only when a named officer of management signs this version; until then they state "
            + "nothing on management's behalf.";
    public static final String NOT_SIGNED = "Not signed for this version.";
    public static final String SECTION_I_PLACEHOLDER = "Section I is supplied by the service auditor. Assayer does "
            + "not write the service auditor's report, and none has been supplied for this engagement.";
    public static final String SOC3_SECTION_I_PLACEHOLDER = "The service auditor's report for general use is supplied by "
            + "the service auditor. Assayer does not write it, and the report supplied for the SOC 2 examination is not "
            + "reused here.";

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> CATEGORY_NAMES = Map.of("SECURITY", "security", "AVAILABILITY",
            "availability", "PROCESSING_INTEGRITY", "processing integrity", "CONFIDENTIALITY", "confidentiality",
            "PRIVACY", "privacy");

    public ReportDocument assemble(ReportFacts f) {
        Engagement e = f.engagement();
        ReportKind kind = f.kind();
        String system = systemName(e);
        String period = period(e);
        List<Section> sections = new ArrayList<>();
        sections.add(frontMatter(f, system, period));
        sections.add(sectionOne(f));
        sections.add(sectionTwo(f, system, period));
        sections.add(kind.generalUse() ? briefDescription(f, system) : sectionThree(f, system));
        if (!kind.generalUse()) {
            sections.add(sectionFour(f));
            sections.add(sectionFive(f));
        }
        String header = f.organization() + " · " + kind.label() + " · " + period;
        return new ReportDocument(f.organization() + ": " + kind.label() + " report",
                "Report on the " + system + " system " + relevantTo(f) + ", " + period, f.organization(), header,
                kind.generalUse() ? null : restrictedUse(f, system), f.generatedAt(), "Version " + f.versionNumber(),
                sections);
    }

    // ------------------------------------------------------------------------------- front matter

    private Section frontMatter(ReportFacts f, String system, String period) {
        List<Block> b = new ArrayList<>();
        b.add(new Paragraph(f.kind().label() + " report on the " + system + " system of " + f.organization() + ", "
                + period + ". Version " + f.versionNumber() + ", assembled by Assayer from the records of "
                + f.organization() + " on " + STAMP.format(f.generatedAt()) + "."));
        b.add(new Paragraph("Assayer assembles this report from recorded facts only. Text shown with the name of "
                + "the person who recorded it and when is reproduced exactly as recorded: the service auditor's "
                + "report, the service auditor's tests and results, deviations and management's responses. Where "
                + "nothing was recorded, a marked box says so; Assayer never fills the gap."));
        if (!f.kind().generalUse()) {
            b.add(new Paragraph(restrictedUse(f, system)));
        }
        return new Section(null, "About this report", b);
    }

    private static String restrictedUse(ReportFacts f, String system) {
        return f.kind().objectives()
                ? "Restricted use: this report is intended only for " + f.organization() + ", the user entities of "
                        + "the " + system + " system and their auditors, for use in assessing the user entities' "
                        + "internal control over financial reporting. It is not intended for anyone else."
                : "Restricted use: this report is intended only for " + f.organization() + ", user entities of the "
                        + system + " system, prospective user entities, their auditors and regulators who know enough "
                        + "about the system to understand it. It is not intended for anyone else.";
    }

    // ------------------------------------------------------------------------------- Section I

    private Section sectionOne(ReportFacts f) {
        List<Block> b = new ArrayList<>();
        if (f.kind().generalUse()) {
            b.add(new Placeholder(SOC3_SECTION_I_PLACEHOLDER));
            return new Section("I", "Independent service auditor's report", b);
        }
        AuditorSection a = f.auditorSection();
        boolean any = false;
        if (a != null && a.text() != null && !a.text().isBlank()) {
            b.add(new Recorded(a.text(), new Attribution("OPINION", a.textRecordedBy(), a.textRecordedAt())));
            any = true;
        }
        if (a != null && a.hasPdf()) {
            b.add(new Paragraph(a.firmName() + " supplied the service auditor's report as a PDF file, "
                    + a.pdfFilename() + " (SHA-256 " + a.pdfSha256() + "), uploaded by " + a.pdfRecordedBy() + " on "
                    + STAMP.format(a.pdfRecordedAt()) + ". The file is kept with this report as supplied."));
            any = true;
        }
        if (!any) {
            b.add(new Placeholder(SECTION_I_PLACEHOLDER));
        }
        return new Section("I", "Independent service auditor's report", b);
    }

    // ------------------------------------------------------------------------------- Section II

    private Section sectionTwo(ReportFacts f, String system, String period) {
        Engagement e = f.engagement();
        List<Block> b = new ArrayList<>();
        StringBuilder facts = new StringBuilder();
        facts.append("This assertion concerns the description of the ").append(system).append(" system of ")
                .append(f.organization()).append(" in Section III, ").append(period).append(". ");
        if (f.kind().objectives()) {
            facts.append("The description covers ").append(count(f.scope().size(), "control objective"))
                    .append(" defined by ").append(f.organization()).append(", listed in Section IV. ");
        } else {
            facts.append("The applicable criteria are the trust services criteria relevant to ")
                    .append(categories(e)).append(" (").append(count(f.scope().size(), "criterion", "criteria"))
                    .append(" in scope). ");
        }
        List<SubserviceOrganization> carved = f.subservices().stream()
                .filter(s -> s.method() == SubserviceMethod.CARVE_OUT).toList();
        List<SubserviceOrganization> inclusive = f.subservices().stream()
                .filter(s -> s.method() == SubserviceMethod.INCLUSIVE).toList();
        if (!carved.isEmpty()) {
            facts.append(f.organization()).append(" uses ").append(names(carved)).append(" as subservice ")
                    .append(carved.size() == 1 ? "organization" : "organizations")
                    .append("; the description uses the carve-out method: it excludes their controls and names the "
                            + "complementary subservice organization controls assumed in the design of ")
                    .append(f.organization()).append("'s controls. ");
        }
        if (!inclusive.isEmpty()) {
            facts.append("The description includes the relevant controls of ").append(names(inclusive))
                    .append(" (inclusive method). ");
        }
        if (!e.cuecs().isEmpty()) {
            facts.append("The description names ").append(count(e.cuecs().size(), "complementary user entity control"))
                    .append(" that user entities are expected to operate.");
        }
        b.add(new Paragraph(facts.toString().strip()));
        List<String> statements = statements(f, system);
        AssertionSignature s = f.signature();
        if (s != null && s.versionNumber() == f.versionNumber()) {
            Attribution by = new Attribution("ASSERTION", s.signedBy(), s.signedAt());
            b.add(new Paragraph("Signed by " + s.officerName() + ", " + s.officerTitle()
                    + ", on behalf of the management of " + f.organization() + ":"));
            for (String st : statements) {
                b.add(new Recorded(st, by));
            }
            b.add(new Signature(s.officerName(), s.officerTitle(), s.signedAt(),
                    "Version " + s.versionNumber() + " of this report (PDF SHA-256 " + s.sha256() + ")"));
        } else {
            b.add(new Paragraph(DRAFT_LEAD));
            b.add(new Bullets(statements));
            AssertionSignature latest = f.latestSignature();
            b.add(new Placeholder(NOT_SIGNED + " Management's assertion is signed for one version at a time"
                    + (latest == null ? "; no version of this report has been signed yet."
                            : "; version " + latest.versionNumber() + " was signed by " + latest.officerName() + ", "
                                    + latest.officerTitle() + ", on " + STAMP.format(latest.signedAt()) + ".")));
        }
        return new Section("II", "Management's assertion", b);
    }

    /** Management's statements, in Assayer's own words, by kind of report. */
    static List<String> statements(ReportFacts f, String system) {
        Engagement e = f.engagement();
        String when = e.reportType() == dev.assayer.engagement.ReportType.TYPE2
                ? "throughout the period " + dates(e.periodStart(), e.periodEnd())
                : "as of " + day(e.asOfDate());
        List<String> out = new ArrayList<>();
        if (f.kind().generalUse()) {
            out.add("The controls within the " + system + " system were effective " + when + " to provide reasonable "
                    + "assurance that the service commitments and system requirements of " + f.organization()
                    + " were achieved based on the applicable trust services criteria.");
            return out;
        }
        String basis = f.kind().objectives() ? "the control objectives stated in the description would be achieved"
                : "the service commitments and system requirements of " + f.organization()
                        + " would be achieved based on the applicable trust services criteria";
        out.add("The description fairly presents the " + system + " system as designed and implemented " + when
                + ", in accordance with the description criteria.");
        out.add("The controls stated in the description were suitably designed " + when + " to provide reasonable "
                + "assurance that " + basis + ", if those controls operated as described and if user entities and "
                + "subservice organizations applied the complementary controls assumed in the design.");
        if (f.kind().typeTwo()) {
            out.add("The controls stated in the description operated effectively " + when + " to provide reasonable "
                    + "assurance that " + basis + ", if the complementary controls assumed in the design also "
                    + "operated effectively.");
        }
        return out;
    }

    // ------------------------------------------------------------------------------- Section III

    private Section sectionThree(ReportFacts f, String system) {
        Engagement e = f.engagement();
        SystemDescription d = e.system() == null ? SystemDescription.empty() : e.system();
        List<Block> b = new ArrayList<>();
        b.add(new Heading(2, "Services provided"));
        b.add(text(d.servicesProvided(), "No description of the services provided is recorded."));
        b.add(new Heading(2, "Principal service commitments and system requirements"));
        b.add(d.commitments().isEmpty() ? new Placeholder("No service commitments or system requirements are recorded.")
                : new Bullets(d.commitments()));
        b.add(new Heading(2, "Components of the system"));
        if (d.components().isEmpty()) {
            b.add(new Placeholder("No system components are recorded."));
        }
        for (ComponentType type : ComponentType.values()) {
            List<SystemComponent> of = d.components().stream().filter(c -> c.type() == type).toList();
            if (of.isEmpty()) {
                continue;
            }
            b.add(new Heading(3, label(type)));
            b.add(new Table(List.of("Component", "Description"),
                    of.stream().map(c -> List.of(Cell.of(c.name()), Cell.of(nz(c.description())))).toList(),
                    List.of(30, 70)));
        }
        b.add(new Heading(2, "Boundaries of the system"));
        b.add(text(d.boundaries(), "No system boundaries are recorded."));
        b.add(new Heading(2, "Significant incidents"));
        if (f.significantIncidents().isEmpty()) {
            b.add(new Paragraph("The incident register of " + f.organization() + " records no incident marked "
                    + "significant that was detected " + (e.reportType() == dev.assayer.engagement.ReportType.TYPE2
                            ? "during the period." : "up to " + day(e.asOfDate()) + ".")));
        } else {
            b.add(new Table(List.of("Incident", "Detected", "Severity", "What happened and the response"),
                    f.significantIncidents().stream().map(i -> List.of(Cell.of(i.ref() + " " + i.title()),
                            Cell.of(STAMP.format(i.detectedAt())), Cell.of(label(i.severity().name())),
                            Cell.of(incidentText(i)))).toList(),
                    List.of(25, 20, 12, 43)));
        }
        b.add(new Heading(2, f.kind().objectives() ? "Control objectives and related controls"
                : "Applicable trust services criteria and related controls"));
        b.add(new Paragraph(f.kind().objectives()
                ? "The description covers " + count(f.scope().size(), "control objective") + " defined by "
                        + f.organization() + ". Section IV lists each objective with the controls related to it."
                : "The applicable criteria are the trust services criteria relevant to " + categories(e) + ": "
                        + count(f.scope().size(), "criterion", "criteria")
                        + ". Section IV lists each criterion with the controls related to it."));
        b.add(new Heading(2, "Complementary user entity controls"));
        if (e.cuecs().isEmpty()) {
            b.add(new Placeholder("No complementary user entity controls are recorded."));
        } else {
            b.add(new Table(List.of("Ref", "Control user entities are expected to operate",
                    f.kind().objectives() ? "Related objectives" : "Related criteria"),
                    e.cuecs().stream().map(c -> List.of(Cell.of(nz(c.ref())), Cell.of(nz(c.description())),
                            Cell.of(String.join(", ", c.relatedCriteria())))).toList(),
                    List.of(12, 63, 25)));
        }
        b.add(new Heading(2, "Subservice organizations and complementary subservice organization controls"));
        if (f.subservices().isEmpty()) {
            b.add(new Placeholder("No subservice organizations are recorded."));
        } else {
            b.add(new Table(List.of("Subservice organization", "Services provided", "Method",
                    "Controls assumed at the subservice organization"),
                    f.subservices().stream().map(s -> List.of(Cell.of(s.name()), Cell.of(nz(s.servicesProvided())),
                            Cell.of(s.method() == SubserviceMethod.INCLUSIVE ? "Inclusive" : "Carve-out"),
                            Cell.of(s.csocs().isEmpty() ? "None recorded" : String.join("\n", s.csocs())))).toList(),
                    List.of(20, 25, 12, 43)));
        }
        if (!f.kind().objectives()) {
            b.add(new Heading(2, "Trust services criteria not relevant to the system"));
            List<ExcludedCriterion> ex = e.criteriaNotRelevant();
            if (ex.isEmpty()) {
                b.add(new Paragraph("Every trust services criterion of the categories in scope is treated as relevant "
                        + "to the system."));
            } else {
                b.add(new Table(List.of("Criterion", "Why it is not relevant"),
                        ex.stream().map(x -> List.of(Cell.of(x.criterionId()), Cell.of(nz(x.reason())))).toList(),
                        List.of(20, 80)));
            }
        }
        if (f.kind().typeTwo()) {
            b.add(new Heading(2, "Significant changes to the system during the period"));
            List<SystemChange> significant = f.changes().stream().filter(SystemChange::significant)
                    .sorted(Comparator.comparing(SystemChange::changedOn)).toList();
            if (f.changes().isEmpty()) {
                b.add(new Placeholder("No changes to the system during the period are recorded."));
            } else if (significant.isEmpty()) {
                b.add(new Paragraph(count(f.changes().size(), "change") + " to the system " + (f.changes().size() == 1
                        ? "is" : "are") + " recorded for the period; none is marked significant."));
            } else {
                b.add(new Table(List.of("Date", "Area", "Change"),
                        significant.stream().map(c -> List.of(Cell.of(day(c.changedOn())), Cell.of(nz(c.area())),
                                Cell.of(nz(c.description())))).toList(),
                        List.of(18, 17, 65)));
            }
        }
        return new Section("III", "Description of the " + system + " system", b);
    }

    /** SOC 3: a brief description of the system and its boundaries, for general use. */
    private Section briefDescription(ReportFacts f, String system) {
        Engagement e = f.engagement();
        SystemDescription d = e.system() == null ? SystemDescription.empty() : e.system();
        List<Block> b = new ArrayList<>();
        b.add(new Heading(2, "Services provided"));
        b.add(text(d.servicesProvided(), "No description of the services provided is recorded."));
        b.add(new Heading(2, "Components and boundaries of the system"));
        List<String> parts = new ArrayList<>();
        for (ComponentType type : ComponentType.values()) {
            List<String> names = d.components().stream().filter(c -> c.type() == type).map(SystemComponent::name).toList();
            if (!names.isEmpty()) {
                parts.add(label(type) + ": " + String.join(", ", names));
            }
        }
        b.add(parts.isEmpty() ? new Placeholder("No system components are recorded.") : new Bullets(parts));
        b.add(text(d.boundaries(), "No system boundaries are recorded."));
        List<SubserviceOrganization> carved = f.subservices().stream()
                .filter(s -> s.method() == SubserviceMethod.CARVE_OUT).toList();
        if (!carved.isEmpty()) {
            b.add(new Heading(2, "Subservice organizations"));
            b.add(new Paragraph(f.organization() + " uses " + names(carved) + "; their controls are not part of this "
                    + "report, and the system relies on controls operated there."));
        }
        if (!e.cuecs().isEmpty()) {
            b.add(new Heading(2, "Controls expected of user entities"));
            b.add(new Bullets(e.cuecs().stream().map(Cuec::description).filter(x -> x != null && !x.isBlank()).toList()));
        }
        return new Section("III", "Description of the " + system + " system and its boundaries", b);
    }

    // ------------------------------------------------------------------------------- Section IV

    private Section sectionFour(ReportFacts f) {
        boolean type2 = f.kind().typeTwo();
        List<Block> b = new ArrayList<>();
        b.add(new Paragraph(type2
                ? "For each " + (f.kind().objectives() ? "control objective" : "criterion") + " in scope: the "
                        + "controls related to it, the tests of operating effectiveness the service auditor performed, "
                        + "and the results exactly as the service auditor recorded them. Only tests signed off by the "
                        + "service auditor's reviewer are shown; a control without such a test shows \"" + NO_RESULT
                        + "\"."
                : "For each " + (f.kind().objectives() ? "control objective" : "criterion") + " in scope: the "
                        + "controls related to it. A Type I report covers the design of the controls as of a date; "
                        + "it includes no tests of operating effectiveness."));
        for (ReportFacts.ScopeItem item : f.scope()) {
            b.add(new Heading(2, item.id() + " " + nz(item.title())));
            List<Control> controls = f.controlsFor(item.id());
            if (controls.isEmpty()) {
                b.add(new Placeholder("No control is related to " + item.id() + "."));
                continue;
            }
            if (!type2) {
                b.add(new Table(List.of("Control", "Description"),
                        controls.stream().map(c -> List.of(Cell.of(c.ref() + " " + c.title()),
                                Cell.of(nz(c.description())))).toList(),
                        List.of(35, 65)));
                continue;
            }
            List<List<Cell>> rows = new ArrayList<>();
            for (Control c : controls) {
                List<TestOfControl> reviewed = reviewedTests(f, c);
                if (reviewed.isEmpty()) {
                    boolean unreviewed = f.tests().stream().anyMatch(t -> t.controlId().equals(c.id())
                            && t.kind() == TestKind.OPERATING_EFFECTIVENESS);
                    rows.add(List.of(Cell.of(controlText(c)), Cell.of("No test signed off by the service auditor's reviewer"),
                            Cell.of(NO_RESULT + (unreviewed ? " (the service auditor's test is not signed off by a reviewer)" : ""))));
                    continue;
                }
                for (TestOfControl t : reviewed) {
                    rows.add(List.of(Cell.of(controlText(c)), Cell.of(testText(t)), result(t)));
                    for (Deviation d : shownDeviations(t)) {
                        rows.add(List.of(Cell.of(c.ref() + " deviation " + d.ref()),
                                Cell.of(d.items().isEmpty() ? "Deviation " + d.ref() : "Items: " + String.join(", ", d.items())),
                                deviationCell(t, d)));
                    }
                }
            }
            b.add(new Table(List.of("Control", "Tests performed by the service auditor", "Results recorded by the service auditor"),
                    rows, List.of(30, 38, 32)));
        }
        String title = f.kind().objectives()
                ? (type2 ? "Control objectives, related controls, and the service auditor's tests and results"
                        : "Control objectives and related controls")
                : (type2 ? "Trust services criteria, related controls, and the service auditor's tests and results"
                        : "Trust services criteria and related controls");
        return new Section("IV", title, b);
    }

    /** The tests that count as recorded results for this report: signed off by the reviewer, of the report's kind. */
    static List<TestOfControl> reviewedTests(ReportFacts f, Control c) {
        TestKind kind = f.kind().typeTwo() ? TestKind.OPERATING_EFFECTIVENESS : TestKind.DESIGN;
        return f.tests().stream().filter(t -> t.controlId().equals(c.id()) && t.kind() == kind && t.reviewer() != null)
                .toList();
    }

    static List<Deviation> shownDeviations(TestOfControl t) {
        return t.deviations().stream().filter(d -> d.status() == DeviationStatus.OPEN).toList();
    }

    private static Cell result(TestOfControl t) {
        if (t.resultWording() == null || t.resultWording().isBlank() || t.concludedBy() == null) {
            return Cell.of(NO_RESULT);
        }
        return new Cell(t.resultWording(), new Attribution("TEST_RESULT", t.concludedBy(), t.concludedAt()));
    }

    static Cell deviationCell(TestOfControl t, Deviation d) {
        if (d.description() == null || d.description().isBlank()) {
            return Cell.of("Deviation " + d.ref() + ": no description recorded");
        }
        return new Cell(d.description(), deviationAttribution(t, d));
    }

    /** Who last wrote the deviation's description: the latest "deviation updated" entry for it, else its creator. */
    static Attribution deviationAttribution(TestOfControl t, Deviation d) {
        TestHistoryEntry last = null;
        for (TestHistoryEntry h : t.history()) {
            if ("deviation updated".equals(h.action()) && h.detail() != null
                    && (h.detail().equals(d.ref()) || h.detail().startsWith(d.ref() + " "))) {
                last = h;
            }
        }
        return last == null ? new Attribution("DEVIATION", d.createdBy(), d.createdAt())
                : new Attribution("DEVIATION", last.actor(), last.at());
    }

    private static String testText(TestOfControl t) {
        List<String> lines = new ArrayList<>();
        for (Procedure p : t.procedures()) {
            lines.add(p.method().label() + ": " + nz(p.text()));
        }
        Integer size = t.sizing() == null ? null : t.sizing().sampleSize();
        long tested = t.results().stream().map(ItemResult::itemRef).distinct().count();
        if (size != null) {
            lines.add("Sample size: " + size);
        } else if (tested > 0) {
            lines.add("Items tested: " + tested);
        }
        if (t.populationDescription() != null && !t.populationDescription().isBlank()) {
            lines.add("Population: " + t.populationDescription());
        }
        return String.join("\n", lines);
    }

    private static String controlText(Control c) {
        return c.ref() + " " + c.title() + (c.description() == null || c.description().isBlank() ? ""
                : "\n" + c.description());
    }

    // ------------------------------------------------------------------------------- Section V

    private Section sectionFive(ReportFacts f) {
        List<Block> b = new ArrayList<>();
        b.add(new Paragraph("Management of " + f.organization() + " provides this information. It is not part of "
                + "the description, and the service auditor did not examine it."));
        List<List<Cell>> rows = new ArrayList<>();
        for (ReportFacts.ScopeItem item : f.scope()) {
            for (Control c : f.controlsFor(item.id())) {
                for (TestOfControl t : reviewedTests(f, c)) {
                    for (Deviation d : shownDeviations(t)) {
                        rows.add(List.of(Cell.of(item.id() + " · " + c.ref() + " deviation " + d.ref()),
                                deviationCell(t, d), response(d)));
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            b.add(new Placeholder("Management's responses appear here for each deviation shown in Section IV; "
                    + "Section IV shows none."));
        } else {
            b.add(new Heading(2, "Management's responses to deviations"));
            b.add(new Table(List.of("Deviation", "Recorded by the service auditor", "Management's response"), rows,
                    List.of(20, 40, 40)));
        }
        return new Section("V", "Other information provided by management", b);
    }

    private static Cell response(Deviation d) {
        if (d.managementResponse() == null || d.managementResponse().isBlank() || d.respondedBy() == null) {
            return Cell.of("No response recorded");
        }
        return new Cell(d.managementResponse(), new Attribution("RESPONSE", d.respondedBy(), d.respondedAt()));
    }

    // ------------------------------------------------------------------------------- helpers

    static String systemName(Engagement e) {
        return e.system() != null && e.system().name() != null && !e.system().name().isBlank() ? e.system().name()
                : e.name();
    }

    static String period(Engagement e) {
        if (e.reportType() == dev.assayer.engagement.ReportType.TYPE2) {
            return "for the period " + dates(e.periodStart(), e.periodEnd());
        }
        return "as of " + day(e.asOfDate());
    }

    private static String dates(LocalDate from, LocalDate to) {
        return day(from) + " to " + day(to);
    }

    static String day(LocalDate d) {
        return d == null ? "(date not set)" : DAY.format(d);
    }

    private String relevantTo(ReportFacts f) {
        return f.kind().objectives() ? "relevant to user entities' internal control over financial reporting"
                : "relevant to " + categories(f.engagement());
    }

    private static String categories(Engagement e) {
        List<String> names = new ArrayList<>();
        names.add("security");
        for (String c : e.categories()) {
            String n = CATEGORY_NAMES.getOrDefault(c, c.toLowerCase(Locale.ROOT).replace('_', ' '));
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static String names(List<SubserviceOrganization> orgs) {
        return orgs.stream().map(SubserviceOrganization::name).collect(Collectors.joining(", "));
    }

    private static String count(int n, String singular) {
        return count(n, singular, singular + "s");
    }

    private static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    private static Block text(String value, String missing) {
        return value == null || value.isBlank() ? new Placeholder(missing) : new Paragraph(value.strip());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String label(ComponentType t) {
        return label(t.name());
    }

    private static String label(String enumName) {
        String s = enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String incidentText(Incident i) {
        List<String> parts = new ArrayList<>();
        if (i.responseSummary() != null && !i.responseSummary().isBlank()) {
            parts.add(i.responseSummary().strip());
        }
        if (i.rootCause() != null && !i.rootCause().isBlank()) {
            parts.add("Root cause: " + i.rootCause().strip());
        }
        return parts.isEmpty() ? "No response summary recorded" : String.join("\n", parts);
    }
}
