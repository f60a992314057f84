package dev.assayer.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.policy.DiffLine;
import dev.assayer.policy.DiffLine.Kind;
import dev.assayer.policy.VersionStatus;
import dev.assayer.policy.internal.PolicyWorkflow.Action;
import dev.assayer.shared.ApiProblem;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyDomainTest {

    // ---- state machine -----------------------------------------------------------------------

    @Test
    void theHappyPathRunsDraftToPublished() {
        VersionStatus s = VersionStatus.DRAFT;
        assertThat(PolicyWorkflow.next(1, s, Action.EDIT)).isEqualTo(VersionStatus.DRAFT);
        s = PolicyWorkflow.next(1, s, Action.SUBMIT);
        assertThat(s).isEqualTo(VersionStatus.IN_REVIEW);
        s = PolicyWorkflow.next(1, s, Action.APPROVE);
        assertThat(s).isEqualTo(VersionStatus.APPROVED);
        s = PolicyWorkflow.next(1, s, Action.PUBLISH);
        assertThat(s).isEqualTo(VersionStatus.PUBLISHED);
    }

    @Test
    void everyOtherTransitionIsRejectedAsAConflictWithAClearMessage() {
        int legal = 0;
        for (VersionStatus s : VersionStatus.values()) {
            for (Action a : Action.values()) {
                if (a.from() == s) {
                    legal++;
                    continue;
                }
                assertThatThrownBy(() -> PolicyWorkflow.next(3, s, a))
                        .isInstanceOfSatisfying(ApiProblem.class, p -> {
                            assertThat(p.status()).isEqualTo(409);
                            assertThat(p.getMessage()).startsWith("Version 3 is " + s.label().toLowerCase())
                                    .contains("cannot be " + a.verb());
                        });
            }
        }
        assertThat(legal).isEqualTo(4);
    }

    @Test
    void publishingADraftSaysItMustBeSubmittedFirst() {
        assertThatThrownBy(() -> PolicyWorkflow.next(2, VersionStatus.DRAFT, Action.PUBLISH))
                .hasMessageContaining("submit it for review first");
        assertThatThrownBy(() -> PolicyWorkflow.next(2, VersionStatus.PUBLISHED, Action.EDIT))
                .hasMessageContaining("start a new version");
    }

    @ParameterizedTest
    @EnumSource(value = VersionStatus.class, names = {"IN_REVIEW", "APPROVED", "PUBLISHED", "SUPERSEDED"})
    void onlyADraftIsEditable(VersionStatus s) {
        assertThatThrownBy(() -> PolicyWorkflow.next(1, s, Action.EDIT)).isInstanceOf(ApiProblem.class);
    }

    // ---- approver is not the author -----------------------------------------------------------

    @Test
    void anotherApproverNeedsNoReasonButTheAuthorMustGiveOne() {
        UUID author = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThat(PolicyWorkflow.approvalNote(author, other, null)).isNull();
        assertThat(PolicyWorkflow.approvalNote(author, other, "  looks good ")).isEqualTo("looks good");
        assertThatThrownBy(() -> PolicyWorkflow.approvalNote(author, author, "  "))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.errors().getFirst().field()).isEqualTo("reason");
                });
        assertThat(PolicyWorkflow.approvalNote(author, author, "Sole manager during the founding period"))
                .isEqualTo("Sole manager during the founding period");
        assertThatThrownBy(() -> PolicyWorkflow.approvalNote(author, author, "x".repeat(2001)))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("at most 2000");
    }

    // ---- review due ----------------------------------------------------------------------------

    @Test
    void reviewIsDueTwelveMonthsAfterApprovalAndOverdueTheDayAfter() {
        LocalDate approved = LocalDate.of(2026, 3, 15);
        LocalDate due = PolicyWorkflow.reviewDue(approved);
        assertThat(due).isEqualTo(LocalDate.of(2027, 3, 15));
        assertThat(PolicyWorkflow.reviewOverdue(due, LocalDate.of(2027, 3, 15))).isFalse();
        assertThat(PolicyWorkflow.reviewOverdue(due, LocalDate.of(2027, 3, 16))).isTrue();
        assertThat(PolicyWorkflow.reviewDue(LocalDate.of(2028, 2, 29))).isEqualTo(LocalDate.of(2029, 2, 28));
        assertThat(PolicyWorkflow.reviewDue(null)).isNull();
        assertThat(PolicyWorkflow.reviewOverdue(null, LocalDate.of(2030, 1, 1))).isFalse();
    }

    // ---- diff ------------------------------------------------------------------------------------

    @Test
    void diffMarksRemovedAndAddedLinesWithLineNumbers() {
        List<DiffLine> d = LineDiff.diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assertThat(d).containsExactly(
                new DiffLine(Kind.UNCHANGED, 1, 1, "a"),
                new DiffLine(Kind.REMOVED, 2, null, "b"),
                new DiffLine(Kind.ADDED, null, 2, "B"),
                new DiffLine(Kind.UNCHANGED, 3, 3, "c"),
                new DiffLine(Kind.UNCHANGED, 4, 4, "d"),
                new DiffLine(Kind.ADDED, null, 5, "e"));
        assertThat(LineDiff.count(d, Kind.ADDED)).isEqualTo(2);
        assertThat(LineDiff.count(d, Kind.REMOVED)).isEqualTo(1);
    }

    @Test
    void diffOfIdenticalTextsHasOnlyUnchangedLinesAndEmptyTextsNone() {
        assertThat(LineDiff.diff("x\r\ny", "x\ny")).extracting(DiffLine::kind).containsOnly(Kind.UNCHANGED);
        assertThat(LineDiff.diff("", "")).isEmpty();
        assertThat(LineDiff.diff("", "new")).containsExactly(new DiffLine(Kind.ADDED, null, 1, "new"));
    }

    @Test
    void diffHtmlMarksLinesByTextAndClassAndEscapesContent() {
        String html = LineDiff.html(LineDiff.diff("keep\n<script>alert(1)</script>", "keep\n**bold** & more"));
        assertThat(html).contains("<table class=\"data policy-diff\">")
                .contains("<tr class=\"diff-removed\"><td>2</td><td></td><td>− removed</td>")
                .contains("<tr class=\"diff-added\"><td></td><td>2</td><td>+ added</td>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("**bold** &amp; more")
                .doesNotContain("<script>");
    }

    // ---- templates -----------------------------------------------------------------------------

    @Test
    void fillingReplacesKnownPlaceholdersAndKeepsUnknownOrMissingOnes() {
        Map<String, String> values = new HashMap<>();
        values.put("organization", "Acme $1 Corp");
        values.put("owner", "Dana Reyes");
        values.put("effective_date", null);
        String out = TemplateFiller.fill("{{organization}} / {{ Owner }} / {{effective_date}} / {{unknown}}", values);
        assertThat(out).isEqualTo("Acme $1 Corp / Dana Reyes / {{effective_date}} / {{unknown}}");
        assertThat(TemplateFiller.fill("no placeholders", values)).isEqualTo("no placeholders");
        assertThat(TemplateFiller.fill(null, values)).isNull();
    }

    @Test
    void theFifteenStarterTemplatesLoadWithTitlesSectionsAndPlaceholders() {
        assertThat(TemplateLibrary.all()).hasSize(15);
        for (String key : TemplateLibrary.KEYS) {
            TemplateLibrary.Entry e = TemplateLibrary.get(key);
            assertThat(e.template().title()).as(key).isNotBlank();
            assertThat(e.template().summary()).as(key).isNotBlank();
            assertThat(e.body()).as(key).contains("{{organization}}", "{{owner}}", "{{effective_date}}",
                    "## Purpose", "## Scope", "## Roles", "## Exceptions", "## Review");
            assertThat(e.body()).as(key).containsAnyOf("## Policy statements", "## Classes");
            String filled = TemplateFiller.fill(e.body(), Map.of("organization", "Acme", "owner", "Dana",
                    "effective_date", "2026-01-01"));
            assertThat(filled).as(key).doesNotContain("{{");
        }
        assertThatThrownBy(() -> TemplateLibrary.get("nope")).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.errors().getFirst().field()).isEqualTo("template"));
    }

    // ---- rendering -----------------------------------------------------------------------------

    @Test
    void markdownRawHtmlIsEscapedAndScriptUrlsAndImagesAreNeutralized() {
        String html = MarkdownRenderer.toHtml("""
                # Title

                <script>alert(1)</script>

                [click](javascript:alert(1)) ![logo](https://example.com/x.png)

                | a | b |
                |---|---|
                | 1 | 2 |
                """);
        assertThat(html).contains("<h1>Title</h1>").contains("&lt;script&gt;").doesNotContain("<script>")
                .doesNotContain("javascript:").doesNotContain("<img").contains("[image: logo]")
                .contains("<table>").contains("<td>1</td>");
    }

    @Test
    void thePdfContainsTheTitleAndIsTheSameForTheSameInput() throws IOException {
        PolicyPdf.Header h = new PolicyPdf.Header("Acme Corp", "Access Control Policy", "access-control", 2,
                "Approved", "Dana Reyes", "2026-03-15 by Sam <sam@example.test>", "ab".repeat(32),
                Instant.parse("2026-03-15T10:00:00Z"));
        byte[] pdf = PolicyPdf.render(h, "## Purpose\n\nKeep <b>things</b> safe & sound.\n\n![x](http://example.com/a.png)");
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Access Control Policy").contains("Acme Corp").contains("Purpose")
                    .contains("Keep <b>things</b> safe & sound.").contains("[image: x]");
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Access Control Policy");
        }
        assertThat(PolicyPdf.render(h, "## Purpose\n\nKeep <b>things</b> safe & sound.\n\n![x](http://example.com/a.png)"))
                .isEqualTo(pdf);
    }

    // ---- metadata rules ------------------------------------------------------------------------

    @Test
    void keysAreSlugsAndTitlesAreRequired() {
        List<dev.assayer.shared.ApiProblem.FieldError> errors = new java.util.ArrayList<>();
        PolicyRules.checkKey(PolicyRules.normalizeKey(" Access-Control "), errors);
        assertThat(errors).isEmpty();
        PolicyRules.checkKey(PolicyRules.normalizeKey("access control!"), errors);
        PolicyRules.checkKey(PolicyRules.normalizeKey(" "), errors);
        PolicyRules.checkTitle(" ", errors);
        assertThat(errors).extracting(dev.assayer.shared.ApiProblem.FieldError::field)
                .containsExactly("key", "key", "title");
    }
}
