package dev.assayer.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.control.ControlService;
import dev.assayer.identity.IdentityService;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How evidence counts for a control. Its speed at scale (500 controls, 50,000 items) is measured by
 * bench/readiness.sh, not here: timing assertions in tests fail on busy machines and prove nothing.
 */
class EvidenceTallyTest extends IntegrationTest {

    @Autowired EvidenceService evidence;
    @Autowired ControlService controls;
    @Autowired IdentityService identity;
    @Autowired JdbcTemplate jdbc;

    TestOrg org;
    UUID ac01;
    UUID ac02;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
        ac01 = EvidenceFixtures.control(controls, org, "AC-01");
        ac02 = EvidenceFixtures.control(controls, org, "AC-02");
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private EvidenceItem link(String title, LocalDate effective, LocalDate start, LocalDate end, LocalDate renewal) {
        return evidence.recordLink(org.admin(), new EvidenceMetadata(title, null, List.of("AC-01"), effective, start, end,
                renewal, null, null, null), "https://example.test/" + title);
    }

    @Test
    void classifiesValidOutsideExpiredAndWithdrawnForTypeTwoAndTypeOneWindows() {
        EvidenceItem a = link("A", d("2025-03-01"), null, null, null);
        link("B", null, d("2024-12-01"), d("2025-01-15"), null);
        link("C", d("2024-06-01"), null, null, null);
        link("D", d("2025-04-01"), null, null, d("2025-07-01"));
        EvidenceItem e = link("E", d("2025-05-01"), null, null, null);
        evidence.withdraw(org.admin(), e.id(), "duplicate");
        EvidenceItem f = link("F", d("2025-06-30"), null, null, d("2025-12-31"));
        link("G", null, d("2025-07-01"), d("2025-09-30"), null);
        TestOrg other = TestOrg.create(identity);
        UUID otherControl = EvidenceFixtures.control(controls, other, "AC-01");
        evidence.recordLink(other.admin(), EvidenceMetadata.of("elsewhere", d("2025-03-01"), "AC-01"), "https://x.test");

        Map<UUID, EvidenceTally> type2 = evidence.tally(org.id(), d("2025-01-01"), d("2025-06-30"), d("2025-07-15"));
        assertThat(type2.get(ac01)).isEqualTo(new EvidenceTally(3, 2, 1, 1, d("2025-09-30"), d("2025-12-31"), f.id(), "F"));
        assertThat(type2.get(ac02)).isEqualTo(EvidenceTally.NONE);
        assertThat(type2).doesNotContainKey(otherControl);

        Map<UUID, EvidenceTally> type1 = evidence.tally(org.id(), null, d("2025-03-31"), d("2025-04-01"));
        assertThat(type1.get(ac01)).isEqualTo(new EvidenceTally(3, 3, 0, 1, d("2025-09-30"), d("2025-07-01"), a.id(), "A"));
    }

    @Test
    void anItemSupportingTwoControlsCountsForBoth() {
        evidence.recordLink(org.admin(), EvidenceMetadata.of("Both", d("2025-02-01"), "AC-01", "AC-02"), "https://x.test");
        Map<UUID, EvidenceTally> t = evidence.tally(org.id(), d("2025-01-01"), d("2025-12-31"), d("2025-02-01"));
        assertThat(t.get(ac01).valid()).isEqualTo(1);
        assertThat(t.get(ac02).valid()).isEqualTo(1);
    }

}
