package dev.assayer.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.shared.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-system store on a temporary directory, without Spring. */
class FileSystemBlobStoreTest {

    @TempDir Path dir;
    FileSystemBlobStore store;

    @BeforeEach
    void setUp() {
        store = new FileSystemBlobStore(dir);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private long filesUnder(String sub) throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve(sub))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void storesUnderTheContentAddressedPathWithTheSha256OfTheBytes() throws Exception {
        byte[] bytes = random(300_000); // several buffers
        BlobStore.Stored stored = store.put(new ByteArrayInputStream(bytes));
        String expected = Hashing.sha256Hex(bytes);
        assertThat(stored.sha256()).isEqualTo(expected);
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.created()).isTrue();
        Path path = dir.resolve("sha256").resolve(expected.substring(0, 2)).resolve(expected.substring(2, 4))
                .resolve(expected);
        assertThat(store.pathOf(expected)).isEqualTo(path);
        assertThat(Files.readAllBytes(path)).isEqualTo(bytes);
        try (InputStream in = store.open(expected)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(store.exists(expected)).isTrue();
        assertThat(filesUnder("tmp")).isZero();
    }

    @Test
    void identicalBytesAreStoredOnce() throws Exception {
        byte[] bytes = "same bytes".getBytes(StandardCharsets.UTF_8);
        BlobStore.Stored first = store.put(new ByteArrayInputStream(bytes));
        BlobStore.Stored second = store.put(new ByteArrayInputStream(bytes));
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(filesUnder("sha256")).isEqualTo(1);
        assertThat(filesUnder("tmp")).isZero();
    }

    @Test
    void storedBlobsAreReadOnly() throws Exception {
        BlobStore.Stored s = store.put(new ByteArrayInputStream(random(10)));
        var perms = Files.getPosixFilePermissions(store.pathOf(s.sha256()));
        assertThat(perms).doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_WRITE);
        assertThat(perms).contains(PosixFilePermission.OWNER_READ);
    }

    @Test
    void emptyContentIsAValidBlob() throws Exception {
        BlobStore.Stored s = store.put(InputStream.nullInputStream());
        assertThat(s.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(s.size()).isZero();
    }

    /** Delivers {@code good} bytes, then fails like a dropped connection. */
    static InputStream failingAfter(int good) {
        return new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                if (served >= good) {
                    throw new IOException("connection reset");
                }
                served++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= good) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(len, good - served);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                served += n;
                return n;
            }
        };
    }

    @Test
    void aStreamThatFailsMidwayLeavesNothingBehind() throws Exception {
        assertThatThrownBy(() -> store.stage(failingAfter(200_000), Long.MAX_VALUE))
                .isInstanceOf(BlobStore.SourceReadException.class);
        assertThat(filesUnder("tmp")).isZero();
        assertThat(filesUnder("sha256")).isZero();
    }

    @Test
    void contentOverTheLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(random(1025)), 1024))
                .isInstanceOf(BlobStore.TooLargeException.class);
        assertThat(filesUnder("tmp")).isZero();
        try (BlobStore.Staged exact = store.stage(new ByteArrayInputStream(random(1024)), 1024)) {
            assertThat(exact.size()).isEqualTo(1024);
        }
        assertThat(filesUnder("tmp")).as("closing an uncommitted stage discards it").isZero();
        assertThat(filesUnder("sha256")).isZero();
    }

    @Test
    void deleteFailedWriteRemovesTheBlob() throws Exception {
        BlobStore.Stored s = store.put(new ByteArrayInputStream(random(99)));
        assertThat(store.deleteFailedWrite(s.sha256())).isTrue();
        assertThat(store.exists(s.sha256())).isFalse();
        assertThat(store.deleteFailedWrite(s.sha256())).isFalse();
    }

    @Test
    void staleTemporaryFilesAreSweptFreshOnesKept() throws Exception {
        Path stale = Files.writeString(dir.resolve("tmp").resolve("old.tmp"), "partial");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.writeString(dir.resolve("tmp").resolve("new.tmp"), "in progress");
        assertThat(store.sweepStaleTemporaryFiles(Duration.ofHours(1))).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void hashesThatAreNotLowerCaseHexAreRefused() {
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists("ABC")).isInstanceOf(IllegalArgumentException.class);
    }
}
