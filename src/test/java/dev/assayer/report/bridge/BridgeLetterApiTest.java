package dev.assayer.report.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.assayer.activity.ActivityLog;
import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.Nature;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.EvidenceService;
import dev.assayer.finding.FindingDraft;
import dev.assayer.finding.FindingService;
import dev.assayer.finding.FindingSource;
import dev.assayer.identity.IdentityService;
import dev.assayer.incident.IncidentDraft;
import dev.assayer.incident.IncidentService;
import dev.assayer.incident.Severity;
import dev.assayer.report.BridgeLetter;
import dev.assayer.report.BridgeLetterService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Bridge letters: drafted from facts recorded since the period end, frozen, signed once by a named officer; per role and tenant. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeLetterApiTest extends IntegrationTest {

    static final LocalDate START = LocalDate.now().minusMonths(9).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);
    static final LocalDate TODAY = LocalDate.now();

    @Autowired IdentityService identity;
    @Autowired EngagementService engagements;
    @Autowired EngagementAccessService access;
    @Autowired ControlService controls;
    @Autowired IncidentService incidents;
    @Autowired FindingService findings;
    @Autowired EvidenceService evidence;
    @Autowired BridgeLetterService letters;
    @Autowired ActivityLog activity;
    @Autowired MockMvc mvc;

    TestOrg acme;
    TestOrg other;
    Engagement ended;
    Engagement running;
    TestFirm.Inside in;
    TestFirm.Inside inRunning;
    String incidentRef;
    String findingRef;

    @BeforeAll
    void setUp() {
        acme = TestOrg.create(identity);
        other = TestOrg.create(identity);
        CurrentUser admin = acme.admin();
        Control ac01 = controls.create(admin, new ControlDraft("AC-01", "Quarterly user access review", null, null,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.QUARTERLY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.1"), List.of()));
        ended = engagements.create(admin, new EngagementDraft("SOC 2 Type II " + UUID.randomUUID(), Framework.SOC2,
                ReportType.TYPE2, null, START, END, List.of(), null, null, null, List.of(), List.of(), List.of()));
        running = engagements.create(admin, new EngagementDraft("Next " + UUID.randomUUID(), Framework.SOC2,
                ReportType.TYPE2, null, END.plusDays(1), END.plusMonths(6), List.of(), null, null, null, List.of(),
                List.of(), List.of()));
        controls.update(admin, ac01.id(), new ControlDraft("AC-01", "Monthly user access review", null, null,
                Nature.MANUAL, ControlKind.DETECTIVE, Frequency.MONTHLY, true, ImplementationStatus.IMPLEMENTED,
                List.of("CC6.1"), List.of()), ac01.version());
        incidentRef = incidents.create(admin, new IncidentDraft(null, "Laptop stolen from a car",
                Instant.now().minus(1, ChronoUnit.DAYS), null, Severity.HIGH, true, null, null, null, null, null, null,
                null, null, null)).ref();
        findingRef = findings.raise(admin, ended.id(), new FindingDraft("Leaver kept VPN access", "Found in review",
                dev.assayer.finding.Severity.MEDIUM, FindingSource.other(), List.of("AC-01"), List.of(), null, null)).ref();
        TestFirm firm = TestFirm.create(identity);
        in = firm.inside(identity, access, acme, ended.id());
        inRunning = firm.inside(identity, access, acme, running.id());
    }

    MockHttpServletResponse draft(String bearer, UUID engagementId, String body) throws Exception {
        return mvc.perform(post("/api/v1/engagements/" + engagementId + "/bridge-letters").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
    }

    MockHttpServletResponse read(String bearer, String url) throws Exception {
        return mvc.perform(get(url).header("Authorization", bearer)).andReturn().getResponse();
    }

    MockHttpServletResponse sign(String bearer, UUID id, String name, String title) throws Exception {
        return mvc.perform(post("/api/v1/bridge-letters/" + id + "/signature").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"officerName\":\"" + name + "\",\"officerTitle\":\""
                        + title + "\",\"confirmation\":\"I sign as " + name + ", " + title + "\"}"))
                .andReturn().getResponse();
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        }
    }

    String body(LocalDate coversTo) {
        return "{\"coversTo\":\"" + coversTo + "\"}";
    }

    @Test
    void managementDraftsAndNoOtherRoleOrSideMay() throws Exception {
        for (Role role : TestOrg.ROLES) {
            boolean allowed = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER;
            assertThat(draft(acme.bearer(role), ended.id(), body(TODAY)).getStatus()).as(role.name())
                    .isEqualTo(allowed ? 201 : 403);
        }
        for (Role role : TestFirm.ROLES) {
            assertThat(draft(in.bearer(role), ended.id(), body(TODAY)).getStatus()).as(role.name()).isEqualTo(403);
        }
        assertThat(draft(other.bearer(Role.ADMIN), ended.id(), body(TODAY)).getStatus()).isEqualTo(404);
    }

    @Test
    void theDateMustFollowThePeriodEndByAtMostTwelveMonthsAndNotLieAhead() throws Exception {
        for (LocalDate bad : List.of(END, END.minusDays(3), END.plusMonths(12).plusDays(1), TODAY.plusDays(1))) {
            MockHttpServletResponse res = draft(acme.bearer(Role.ADMIN), ended.id(), body(bad));
            assertThat(res.getStatus()).as(bad.toString()).isEqualTo(400);
            assertThat(res.getContentAsString()).contains("coversTo");
        }
        assertThat(draft(acme.bearer(Role.ADMIN), ended.id(), "{}").getContentAsString()).contains("coversTo");
        assertThat(draft(acme.bearer(Role.ADMIN), ended.id(), "{\"coversTo\":\"soon\"}").getStatus()).isEqualTo(400);
        assertThat(draft(acme.bearer(Role.ADMIN), running.id(), body(TODAY)).getStatus())
                .as("the period has not ended").isEqualTo(409);
    }

    @Test
    void theDraftListsWhatWasRecordedWithDateAndSourceAndSaysSoWhereNothingWas() throws Exception {
        BridgeLetter b = letters.draft(acme.admin(), ended.id(), TODAY);
        byte[] pdf = read(acme.bearer(Role.AUDITOR), "/api/v1/bridge-letters/" + b.id() + "/content?format=pdf")
                .getContentAsByteArray();
        assertThat(Hashing.sha256Hex(pdf)).isEqualTo(b.sha256());
        String text = text(pdf);
        assertThat(text).contains("Control AC-01 updated", "Activity log", TODAY.toString(), incidentRef,
                "Laptop stolen from a car", "Incident register", findingRef, "Leaver kept VPN access", "Not signed",
                END.plusDays(1) + " to " + TODAY);
        assertThat(text).doesNotContainIgnoringCase("operating effectively").doesNotContainIgnoringCase("no exceptions");
        assertThat(text).contains("Control AC-01 created");
        assertThat(b.changes()).as("the control's creation and its update, both after the period end").isEqualTo(2);
        assertThat(b.incidents()).isEqualTo(1);
        assertThat(b.openFindings()).isEqualTo(1);

        BridgeLetter early = letters.draft(acme.admin(), ended.id(), END.plusDays(1));
        String earlyText = text(read(acme.bearer(Role.ADMIN), "/api/v1/bridge-letters/" + early.id() + "/content")
                .getContentAsByteArray());
        assertThat(earlyText).contains("No change to the system or its controls was recorded between " + END.plusDays(1),
                "No significant incident was recorded between");
        byte[] docx = read(acme.bearer(Role.ADMIN), "/api/v1/bridge-letters/" + b.id() + "/content?format=docx")
                .getContentAsByteArray();
        assertThat(docx).startsWith('P', 'K');
        assertThat(evidence.get(acme.admin(), b.evidence().get("pdf")).sha256()).isEqualTo(b.sha256());
    }

    @Test
    void aNamedOfficerSignsOneVersionOnceAndTheSignedLetterNamesThemAndTheDraftSha256() throws Exception {
        BridgeLetter b = letters.draft(acme.admin(), ended.id(), TODAY.minusDays(1));
        String name = acme.admin().name();
        assertThat(sign(acme.bearer(Role.COMPLIANCE_MANAGER), b.id(), acme.user(Role.COMPLIANCE_MANAGER).name(), "CFO")
                .getStatus()).isEqualTo(403);
        assertThat(sign(in.bearer(Role.AUDIT_PARTNER), b.id(), "Someone", "Partner").getStatus()).isEqualTo(403);
        assertThat(sign(other.bearer(Role.ADMIN), b.id(), other.admin().name(), "CEO").getStatus()).isEqualTo(404);
        MockHttpServletResponse wrong = sign(acme.bearer(Role.ADMIN), b.id(), "Somebody Else", "CEO");
        assertThat(wrong.getStatus()).isEqualTo(400);
        assertThat(wrong.getContentAsString()).contains("officerName");
        MockHttpServletResponse ok = sign(acme.bearer(Role.ADMIN), b.id(), name, "Chief Executive Officer");
        assertThat(ok.getStatus()).isEqualTo(201);
        BridgeLetter signed = letters.get(acme.admin(), b.id());
        assertThat(signed.signature().officerName()).isEqualTo(name);
        assertThat(signed.signature().versionSha256()).isEqualTo(b.sha256());
        assertThat(signed.sha256()).as("the frozen draft is unchanged").isEqualTo(b.sha256());
        MockHttpServletResponse content = read(acme.bearer(Role.ADMIN), "/api/v1/bridge-letters/" + b.id() + "/content");
        assertThat(content.getHeader("X-Content-SHA256")).isEqualTo(signed.signature().signedSha256());
        String text = text(content.getContentAsByteArray());
        assertThat(text.replace(" ", "")).contains(b.sha256());
        assertThat(text).contains(name, "Chief Executive Officer", "Management of")
                .doesNotContain("Not signed");
        try (InputStream draftPdf = evidence.content(acme.admin(), b.evidence().get("pdf")).open()) {
            assertThat(Hashing.sha256Hex(draftPdf.readAllBytes())).isEqualTo(b.sha256());
        }
        assertThat(sign(acme.bearer(Role.ADMIN), b.id(), name, "Chief Executive Officer").getStatus()).isEqualTo(409);
        assertThat(activity.recent(acme.id(), "bridge-letter", b.id().toString(), 5))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("signed"));
    }

    @Test
    void readersSeeTheLettersAndAnotherOrganizationOrEngagementDoesNot() throws Exception {
        BridgeLetter b = letters.draft(acme.admin(), ended.id(), TODAY);
        for (Role role : TestOrg.ROLES) {
            boolean allowed = role == Role.ADMIN || role == Role.COMPLIANCE_MANAGER || role == Role.AUDITOR;
            assertThat(read(acme.bearer(role), "/api/v1/engagements/" + ended.id() + "/bridge-letters").getStatus())
                    .as(role.name()).isEqualTo(allowed ? 200 : 403);
            assertThat(read(acme.bearer(role), "/api/v1/bridge-letters/" + b.id()).getStatus()).as(role.name())
                    .isEqualTo(allowed ? 200 : 403);
        }
        assertThat(read(in.bearer(Role.AUDIT_STAFF), "/api/v1/bridge-letters/" + b.id()).getStatus()).isEqualTo(200);
        assertThat(read(in.bearer(Role.AUDIT_STAFF), "/api/v1/bridge-letters/" + b.id() + "/content").getStatus())
                .as("its files are evidence dated after the period the firm examines").isEqualTo(404);
        assertThat(read(inRunning.bearer(Role.AUDIT_STAFF), "/api/v1/bridge-letters/" + b.id()).getStatus())
                .isEqualTo(404);
        assertThat(read(other.bearer(Role.ADMIN), "/api/v1/bridge-letters/" + b.id()).getStatus()).isEqualTo(404);
        assertThat(read(other.bearer(Role.ADMIN), "/api/v1/bridge-letters/" + b.id() + "/content").getStatus())
                .isEqualTo(404);
        assertThat(read(other.bearer(Role.ADMIN), "/api/v1/engagements/" + ended.id() + "/bridge-letters").getStatus())
                .isEqualTo(404);
    }
}
