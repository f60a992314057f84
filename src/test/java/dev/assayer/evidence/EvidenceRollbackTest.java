package dev.assayer.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.evidence.internal.FileSystemBlobStore;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An upload made inside a caller's transaction (a policy approval, a report version, a monitoring
 * import or run) publishes its blob before that transaction commits; when the transaction rolls
 * back, the blob must go too, unless other evidence refers to the same bytes.
 */
class EvidenceRollbackTest extends IntegrationTest {

    @Autowired EvidenceService evidence;
    @Autowired IdentityService identity;
    @Autowired FileSystemBlobStore store;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;

    TestOrg acme;
    TransactionTemplate outer;

    @BeforeEach
    void setUp() {
        acme = TestOrg.create(identity);
        outer = new TransactionTemplate(transactions);
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random().nextBytes(b);
        return b;
    }

    EvidenceItem upload(byte[] bytes) {
        return upload(acme, bytes);
    }

    EvidenceItem upload(TestOrg o, byte[] bytes) {
        return evidence.upload(o.admin(), EvidenceMetadata.of("Rollback probe", LocalDate.of(2026, 1, 5)), "probe.bin",
                "application/octet-stream", new ByteArrayInputStream(bytes));
    }

    long rows(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = ?").param(orgId).query(Long.class).single();
    }

    long tmpFiles() throws IOException {
        try (Stream<Path> s = Files.walk(store.root().resolve("tmp"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void anUploadWhoseCallersTransactionRollsBackLeavesNoBlob() throws Exception {
        byte[] bytes = random(20_000);
        String sha = Hashing.sha256Hex(bytes);
        long before = rows(acme.id());
        assertThatThrownBy(() -> outer.executeWithoutResult(s -> {
            EvidenceItem item = upload(bytes);
            assertThat(store.exists(item.sha256())).isTrue();
            throw new IllegalStateException("the caller's next step fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.exists(sha)).isFalse();
        assertThat(rows(acme.id())).isEqualTo(before);
        assertThat(tmpFiles()).isZero();
    }

    @Test
    void aBlobSharedWithAnExistingItemIsNeverRemovedByARollback() throws Exception {
        byte[] bytes = random(20_000);
        EvidenceItem kept = upload(bytes);
        assertThatThrownBy(() -> outer.executeWithoutResult(s -> {
            upload(bytes);
            throw new IllegalStateException("the caller's next step fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.exists(kept.sha256())).isTrue();
        assertThat(evidence.content(acme.admin(), kept.id()).open().readAllBytes()).isEqualTo(bytes);
    }

    @Test
    void aRollbackKeepsTheBlobWhileAnotherTransactionUploadingTheSameBytesIsStillOpen() throws Exception {
        byte[] bytes = random(20_000);
        String sha = Hashing.sha256Hex(bytes);
        TransactionTemplate nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        EvidenceItem[] committed = new EvidenceItem[1];
        TestOrg other = TestOrg.create(identity); // its own activity chain: the two transactions do not wait on each other
        // the outer transaction uploads the bytes and stays open while a second one uploads them and rolls back
        outer.executeWithoutResult(s -> {
            committed[0] = upload(bytes);
            assertThatThrownBy(() -> nested.executeWithoutResult(t -> {
                upload(other, bytes);
                throw new IllegalStateException("this one fails");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store.exists(sha)).as("still in flight in the open transaction").isTrue();
        });
        assertThat(store.exists(sha)).isTrue();
        assertThat(evidence.content(acme.admin(), committed[0].id()).open().readAllBytes()).isEqualTo(bytes);
    }

    @Test
    void stagedContentIsReadByTheCallerAndFiledWithoutReadingItAgain() throws Exception {
        byte[] bytes = random(300_000);
        try (StagedContent staged = evidence.stage(acme.admin(), new ByteArrayInputStream(bytes))) {
            byte[] head = staged.stream().readNBytes(1000); // the caller reads a part; the rest is staged by finish()
            assertThat(head).isEqualTo(java.util.Arrays.copyOf(bytes, 1000));
            EvidenceItem item = evidence.upload(acme.admin(), EvidenceMetadata.of("Staged", LocalDate.of(2026, 1, 5)),
                    "staged.bin", "application/octet-stream", staged);
            assertThat(item.sha256()).isEqualTo(Hashing.sha256Hex(bytes));
            assertThat(item.size()).isEqualTo(bytes.length);
            assertThat(evidence.content(acme.admin(), item.id()).open().readAllBytes()).isEqualTo(bytes);
        }
        assertThat(tmpFiles()).isZero();
    }

    @Test
    void stagedContentThatIsNeverFiledLeavesNothing() throws Exception {
        byte[] bytes = random(50_000);
        try (StagedContent staged = evidence.stage(acme.admin(), new ByteArrayInputStream(bytes))) {
            staged.stream().readNBytes(10_000);
            assertThat(tmpFiles()).isEqualTo(1);
        }
        assertThat(tmpFiles()).isZero();
        assertThat(store.exists(Hashing.sha256Hex(bytes))).isFalse();
    }
}
