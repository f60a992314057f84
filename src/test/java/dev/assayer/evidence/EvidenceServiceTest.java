package dev.assayer.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.activity.ActivityEntry;
import dev.assayer.activity.ActivityLog;
import dev.assayer.control.ControlService;
import dev.assayer.evidence.internal.FileSystemBlobStore;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

class EvidenceServiceTest extends IntegrationTest {

    @Autowired EvidenceService evidence;
    @Autowired ControlService controls;
    @Autowired IdentityService identity;
    @Autowired FileSystemBlobStore store;
    @Autowired ActivityLog activity;
    @Autowired JdbcClient jdbc;

    TestOrg org;
    UUID ac01;
    UUID ac02;

    @BeforeEach
    void setUp() {
        org = TestOrg.create(identity);
        ac01 = EvidenceFixtures.control(controls, org, "AC-01");
        ac02 = EvidenceFixtures.control(controls, org, "AC-02");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random().nextBytes(b);
        return b;
    }

    private EvidenceItem upload(CurrentUser user, byte[] bytes, String... controlRefs) {
        return evidence.upload(user, EvidenceMetadata.of("Quarterly access review", LocalDate.of(2025, 3, 31), controlRefs),
                "review.pdf", "application/pdf", new ByteArrayInputStream(bytes));
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = ?").param(org.id()).query(Long.class).single();
    }

    private long files(String sub) throws IOException {
        Path p = store.root().resolve(sub);
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void sameBytesTwiceAreTwoItemsAndOneBlobWhoseHashIsTheSha256OfTheBytes() throws Exception {
        byte[] bytes = random(200_000);
        EvidenceItem a = upload(org.user(Role.CONTROL_OWNER), bytes, "AC-01");
        EvidenceItem b = upload(org.admin(), bytes, ac02.toString());
        assertThat(a.id()).isNotEqualTo(b.id());

        String independent = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(a.sha256()).isEqualTo(independent).isEqualTo(b.sha256());
        assertThat(a.size()).isEqualTo(bytes.length);
        assertThat(a.controls()).containsExactly(new ControlRef(ac01, "AC-01"));
        assertThat(b.controls()).containsExactly(new ControlRef(ac02, "AC-02"));
        assertThat(a.collectedBy()).isEqualTo(org.user(Role.CONTROL_OWNER).label());
        assertThat(a.collectionMethod()).isEqualTo(CollectionMethod.MANUAL_UPLOAD);

        Path blob = store.pathOf(independent);
        try (Stream<Path> s = Files.list(blob.getParent())) {
            assertThat(s.filter(p -> p.getFileName().toString().equals(independent)).count()).isEqualTo(1);
        }
        Process sum = new ProcessBuilder("/usr/bin/sha256sum", blob.toString()).redirectErrorStream(true).start();
        String out = new String(sum.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(sum.waitFor()).isZero();
        assertThat(out.split("\\s+")[0]).isEqualTo(a.sha256());

        assertThat(Files.getPosixFilePermissions(blob)).doesNotContain(PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

        try (InputStream in = evidence.content(org.user(Role.AUDITOR), a.id()).open()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void anUploadThatFailsMidwayLeavesNoRowNoBlobAndNoTemporaryFile() throws Exception {
        long before = rows();
        long tmpBefore = files("tmp");
        long blobsBefore = files("sha256");
        InputStream broken = new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                return read(new byte[1], 0, 1) < 0 ? -1 : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= 150_000) {
                    throw new IOException("connection reset by peer");
                }
                int n = Math.min(len, 150_000 - served);
                served += n;
                return n;
            }
        };
        assertThatThrownBy(() -> evidence.upload(org.admin(), EvidenceMetadata.of("Broken", LocalDate.of(2025, 1, 1)),
                "broken.bin", "application/octet-stream", broken))
                .isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(400))
                .hasMessageContaining("nothing was stored");
        assertThat(rows()).isEqualTo(before);
        assertThat(files("tmp")).isEqualTo(tmpBefore).isZero();
        assertThat(files("sha256")).isEqualTo(blobsBefore);
    }

    @Test
    void whenTheRecordCannotBeSavedTheNewBlobIsRemovedButASharedOneIsKept() throws Exception {
        // A user of an organization that does not exist: the row violates its foreign key.
        CurrentUser ghost = new CurrentUser(UUID.randomUUID(), "ghost@example.test", "Ghost", UUID.randomUUID(), "Ghost",
                Role.ADMIN);
        byte[] fresh = random(5_000);
        String freshSha = Hashing.sha256Hex(fresh);
        assertThatThrownBy(() -> upload(ghost, fresh)).isInstanceOf(DataAccessException.class);
        assertThat(store.exists(freshSha)).as("orphan blob removed").isFalse();
        assertThat(files("tmp")).isZero();

        byte[] shared = random(5_000);
        EvidenceItem kept = upload(org.admin(), shared);
        assertThatThrownBy(() -> upload(ghost, shared)).isInstanceOf(DataAccessException.class);
        assertThat(store.exists(kept.sha256())).as("blob of another item kept").isTrue();
    }

    @Test
    void unknownControlsAreRefusedNamingThemAndNothingIsStored() throws Exception {
        long blobs = files("sha256");
        assertThatThrownBy(() -> upload(org.admin(), random(100), "AC-01", "ZZ-99", "NOPE-1"))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("ZZ-99").hasMessageContaining("NOPE-1")
                .satisfies(e -> assertThat(((ApiProblem) e).errors()).extracting(ApiProblem.FieldError::field)
                        .containsExactly("controls[1]", "controls[2]"));
        assertThat(files("sha256")).isEqualTo(blobs);
        assertThat(rows()).isZero();
    }

    @Test
    void datesAreRequiredAndPeriodsMustBeOrdered() {
        EvidenceMetadata none = new EvidenceMetadata("t", null, List.of(), null, null, null, null, null, null, null);
        assertThatThrownBy(() -> evidence.recordLink(org.admin(), none, "https://example.test/x"))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("effectiveDate:");
        EvidenceMetadata backwards = new EvidenceMetadata("t", null, List.of(), null, LocalDate.of(2025, 6, 30),
                LocalDate.of(2025, 1, 1), null, null, null, null);
        assertThatThrownBy(() -> evidence.recordLink(org.admin(), backwards, "https://example.test/x"))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("periodEnd:");
        assertThatThrownBy(() -> evidence.recordLink(org.admin(), EvidenceMetadata.of("t", LocalDate.now()),
                "javascript:alert(1)"))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("url:");
    }

    @Test
    void withdrawKeepsTheItemWithItsReasonAndIsLogged() {
        EvidenceItem item = upload(org.user(Role.CONTROL_OWNER), random(10), "AC-01");
        assertThatThrownBy(() -> evidence.withdraw(org.user(Role.COMPLIANCE_MANAGER), item.id(), " "))
                .isInstanceOf(ApiProblem.class).hasMessageStartingWith("reason:");
        EvidenceItem w = evidence.withdraw(org.user(Role.COMPLIANCE_MANAGER), item.id(), "Wrong quarter");
        assertThat(w.status()).isEqualTo(EvidenceStatus.WITHDRAWN);
        assertThat(w.withdrawnReason()).isEqualTo("Wrong quarter");
        assertThat(w.withdrawnBy()).isEqualTo(org.user(Role.COMPLIANCE_MANAGER).userId());
        EvidenceItem again = evidence.get(org.user(Role.VIEWER), item.id());
        assertThat(again.status()).isEqualTo(EvidenceStatus.WITHDRAWN);
        assertThat(again.sha256()).isEqualTo(item.sha256());
        assertThat(store.exists(item.sha256())).isTrue();
        assertThatThrownBy(() -> evidence.withdraw(org.admin(), item.id(), "again"))
                .isInstanceOf(ApiProblem.class).satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(409));

        List<ActivityEntry> log = activity.recent(org.id(), "evidence", item.id().toString(), 10);
        assertThat(log).extracting(ActivityEntry::action).containsExactly("withdrawn", "uploaded");
        assertThat(log.getFirst().after()).contains("Wrong quarter").contains("WITHDRAWN");
        assertThat(log.getFirst().before()).contains("ACTIVE");
        assertThat(activity.verify(org.id()).ok()).isTrue();
    }

    @Test
    void theReviewerMayNotBeTheUploader() {
        EvidenceItem mine = upload(org.user(Role.COMPLIANCE_MANAGER), random(10));
        assertThatThrownBy(() -> evidence.review(org.user(Role.COMPLIANCE_MANAGER), mine.id(), "fine"))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("uploaded this evidence")
                .satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(403));
        EvidenceItem reviewed = evidence.review(org.admin(), mine.id(), "Checked against Okta");
        assertThat(reviewed.reviewedBy()).isEqualTo(org.admin().userId());
        assertThat(reviewed.reviewNote()).isEqualTo("Checked against Okta");
        assertThat(reviewed.reviewedAt()).isNotNull();
        assertThat(activity.recent(org.id(), "evidence", mine.id().toString(), 10))
                .extracting(ActivityEntry::action).containsExactly("reviewed", "uploaded");
    }

    @Test
    void metadataEditsUseOptimisticLockingAndClearAnEarlierReview() {
        EvidenceItem item = upload(org.user(Role.CONTROL_OWNER), random(10), "AC-01");
        EvidenceItem reviewed = evidence.review(org.admin(), item.id(), null);
        EvidenceMetadata changed = new EvidenceMetadata("Access review Q1 (corrected)", "now with sign-offs",
                List.of("AC-01", "AC-02"), null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31),
                LocalDate.of(2025, 7, 1), null, null, null);
        assertThatThrownBy(() -> evidence.update(org.user(Role.CONTROL_OWNER), item.id(), changed, item.version()))
                .isInstanceOf(ApiProblem.class).satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(409));
        EvidenceItem updated = evidence.update(org.user(Role.CONTROL_OWNER), item.id(), changed, reviewed.version());
        assertThat(updated.title()).isEqualTo("Access review Q1 (corrected)");
        assertThat(updated.controls()).extracting(ControlRef::ref).containsExactly("AC-01", "AC-02");
        assertThat(updated.effectiveDate()).isNull();
        assertThat(updated.periodEnd()).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(updated.reviewed()).as("a substantive edit clears the sign-off").isFalse();
        assertThat(updated.version()).isEqualTo(reviewed.version() + 1);
        assertThat(updated.sha256()).isEqualTo(item.sha256());
        assertThat(activity.recent(org.id(), "evidence", item.id().toString(), 1).getFirst().action())
                .isEqualTo("updated");
    }

    @Test
    void listFiltersAndRenewalsDue() {
        EvidenceItem a = evidence.upload(org.admin(), new EvidenceMetadata("Okta MFA policy", null, List.of("AC-01"),
                LocalDate.of(2025, 1, 10), null, null, LocalDate.of(2025, 6, 1), null, CollectionMethod.SCREENSHOT,
                "Okta"), "mfa.png", "image/png", new ByteArrayInputStream(random(10)));
        EvidenceItem b = evidence.recordLink(org.admin(), new EvidenceMetadata("Backup report", null, List.of("AC-02"),
                LocalDate.of(2025, 2, 1), null, null, LocalDate.of(2026, 1, 1), null, null, "AWS"), "https://example.test/b");
        EvidenceItem c = evidence.recordLink(org.admin(), new EvidenceMetadata("Old backup report", null,
                List.of("AC-02"), LocalDate.of(2024, 2, 1), null, null, LocalDate.of(2025, 1, 1), null, null, null),
                "https://example.test/c");
        evidence.withdraw(org.admin(), c.id(), "superseded");

        CurrentUser viewer = org.user(Role.VIEWER);
        assertThat(evidence.forControl(viewer, ac02)).extracting(EvidenceItem::id).containsExactlyInAnyOrder(b.id(), c.id());
        assertThat(evidence.list(viewer, new EvidenceFilter(null, null, "okta", null, null)))
                .extracting(EvidenceItem::id).containsExactly(a.id());
        assertThat(evidence.list(viewer, new EvidenceFilter(ac02, EvidenceStatus.ACTIVE, null, null, null)))
                .extracting(EvidenceItem::id).containsExactly(b.id());
        assertThat(evidence.list(viewer, new EvidenceFilter(null, null, null, LocalDate.of(2025, 7, 1), null)))
                .extracting(EvidenceItem::id).containsExactlyInAnyOrder(a.id(), c.id());
        assertThat(evidence.renewalsDue(viewer, LocalDate.of(2025, 7, 1))).extracting(EvidenceItem::id)
                .containsExactly(a.id());
        assertThat(evidence.list(viewer, new EvidenceFilter(null, null, "100%_", null, null))).isEmpty();
        assertThat(b.url()).isEqualTo("https://example.test/b");
        assertThat(b.sha256()).isNull();
        assertThatThrownBy(() -> evidence.content(org.admin(), b.id()))
                .isInstanceOf(ApiProblem.class).satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(404));
    }

    @Test
    void anotherOrganizationSeesNothing() {
        EvidenceItem item = upload(org.admin(), random(10), "AC-01");
        TestOrg other = TestOrg.create(identity);
        for (var call : List.<Runnable>of(
                () -> evidence.get(other.admin(), item.id()),
                () -> evidence.content(other.admin(), item.id()),
                () -> evidence.review(other.admin(), item.id(), null),
                () -> evidence.withdraw(other.admin(), item.id(), "x"),
                () -> evidence.update(other.admin(), item.id(), EvidenceMetadata.of("x", LocalDate.now()), 0))) {
            assertThatThrownBy(call::run).isInstanceOf(ApiProblem.class)
                    .satisfies(e -> assertThat(((ApiProblem) e).status()).isEqualTo(404));
        }
        assertThat(evidence.list(other.admin(), EvidenceFilter.all())).isEmpty();
        assertThat(evidence.forControl(other.admin(), ac01)).isEmpty();
        assertThat(evidence.tally(other.id(), null, LocalDate.of(2030, 1, 1), LocalDate.of(2025, 1, 1)))
                .doesNotContainKey(ac01);
        // Another organization's control cannot be attached, even by id.
        assertThatThrownBy(() -> evidence.recordLink(other.admin(), EvidenceMetadata.of("x", LocalDate.now(),
                ac01.toString()), "https://example.test")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining(ac01.toString());
    }
}
