package dev.assayer.evidence.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The evidence store under {@code assayer.evidence.storage-dir}; stale temporary files are swept at start. */
@Configuration(proxyBeanMethods = false)
class EvidenceStorageConfig {

    static final Duration STALE_TEMPORARY_FILE_AGE = Duration.ofHours(1);

    @Bean
    FileSystemBlobStore evidenceBlobStore(@Value("${assayer.evidence.storage-dir}") String dir) {
        FileSystemBlobStore store = new FileSystemBlobStore(Path.of(dir));
        store.sweepStaleTemporaryFiles(STALE_TEMPORARY_FILE_AGE);
        return store;
    }
}
