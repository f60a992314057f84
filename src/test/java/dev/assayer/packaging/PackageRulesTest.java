package dev.assayer.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementStatus;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.evidence.CollectionMethod;
import dev.assayer.evidence.EvidenceItem;
import dev.assayer.evidence.EvidenceKind;
import dev.assayer.evidence.EvidenceStatus;
import dev.assayer.packaging.internal.PackageRules;
import dev.assayer.packaging.verify.CanonicalJson;
import dev.assayer.packaging.verify.PackageLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure rules: which evidence is relevant, safe names, canonical JSON. */
class PackageRulesTest {

    static final LocalDate S = LocalDate.of(2026, 1, 1);
    static final LocalDate E = LocalDate.of(2026, 6, 30);

    static Engagement engagement(ReportType type) {
        return new Engagement(UUID.randomUUID(), "E", Framework.SOC2, type, type == ReportType.TYPE1 ? E : null,
                type == ReportType.TYPE2 ? S : null, type == ReportType.TYPE2 ? E : null, Set.of(), EngagementStatus.PLANNING,
                null, null, List.of(), List.of(), List.of(), List.of(), 0, Instant.now(), Instant.now());
    }

    static EvidenceItem item(LocalDate effective, LocalDate from, LocalDate to) {
        return new EvidenceItem(UUID.randomUUID(), EvidenceKind.FILE, "t", null, null, "f", "text/plain", 1L, "0".repeat(64),
                List.of(), effective, from, to, null, "me", CollectionMethod.MANUAL_UPLOAD, null, UUID.randomUUID(), "me",
                Instant.now(), null, null, null, null, EvidenceStatus.ACTIVE, null, null, null, null, 0);
    }

    @Test
    void typeTwoTakesWhatIsEffectiveInOrOverlapsThePeriod() {
        Engagement t2 = engagement(ReportType.TYPE2);
        assertThat(PackageRules.relevant(t2, item(S, null, null))).isTrue();
        assertThat(PackageRules.relevant(t2, item(E, null, null))).isTrue();
        assertThat(PackageRules.relevant(t2, item(S.minusDays(1), null, null))).isFalse();
        assertThat(PackageRules.relevant(t2, item(E.plusDays(1), null, null))).isFalse();
        assertThat(PackageRules.relevant(t2, item(null, S.minusMonths(3), S))).isTrue();
        assertThat(PackageRules.relevant(t2, item(null, E, E.plusMonths(3)))).isTrue();
        assertThat(PackageRules.relevant(t2, item(null, S.minusMonths(3), S.minusDays(1)))).isFalse();
        assertThat(PackageRules.relevant(t2, item(null, null, null))).isFalse();
    }

    @Test
    void typeOneTakesWhatWasEffectiveByTheAsOfDate() {
        Engagement t1 = engagement(ReportType.TYPE1);
        assertThat(PackageRules.relevant(t1, item(E, null, null))).isTrue();
        assertThat(PackageRules.relevant(t1, item(E.minusYears(1), null, null))).isTrue();
        assertThat(PackageRules.relevant(t1, item(E.plusDays(1), null, null))).isFalse();
        assertThat(PackageRules.relevant(t1, item(null, E.minusDays(10), E.plusDays(10)))).isTrue();
        assertThat(PackageRules.relevant(t1, item(null, E.plusDays(1), E.plusDays(10)))).isFalse();
    }

    @Test
    void namesAreSafeAndPathsWithTraversalAreNot() {
        assertThat(PackageLayout.safeName("Q2 review (final).pdf", 120)).isEqualTo("Q2_review_final_.pdf");
        assertThat(PackageLayout.safeName("../../etc/passwd", 120)).isEqualTo("etc_passwd");
        assertThat(PackageLayout.safeName("..", 120)).isEqualTo("file");
        assertThat(PackageLayout.safeName("résumé.docx", 120)).isEqualTo("r_sum_.docx");
        assertThat(PackageLayout.safeName("x".repeat(300) + ".pdf", 40)).hasSize(40).endsWith(".pdf");
        for (String bad : List.of("/etc/passwd", "../x", "a/../b", "a//b", "a\\b", "C:/x", ".hidden", "a/./b", "", "a/")) {
            assertThat(PackageLayout.isSafePath(bad)).as(bad).isFalse();
        }
        assertThat(PackageLayout.isSafePath("evidence/1f-a_b.c.pdf")).isTrue();
    }

    @Test
    void canonicalJsonSortsKeysAndEscapesOnlyWhatJsonRequires() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, 2L, "x"));
        m.put("a", "line\nquote\" back\\ tab\t é ✓ \u0001");
        m.put("Z", null);
        m.put("c", Map.of("y", true, "x", false));
        assertThat(new String(CanonicalJson.write(m), StandardCharsets.UTF_8)).isEqualTo(
                "{\"Z\":null,\"a\":\"line\\nquote\\\" back\\\\ tab\\t é ✓ \\u0001\",\"b\":[1,2,\"x\"],"
                        + "\"c\":{\"x\":false,\"y\":true}}");
    }
}
