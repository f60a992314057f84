package dev.assayer.shared.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master key for {@link SecretBox}: {@code assayer.secrets.master-key} (Base64 of 32 bytes,
 * e.g. from an environment variable ASSAYER_SECRETS_MASTER_KEY in production) or, when that is
 * empty, a key file {@code ${assayer.data-dir}/keys/master.key} generated on first start with
 * owner-only permissions. Losing the key means re-entering collector credentials and
 * re-generating signing keys; it is never logged.
 */
@Configuration(proxyBeanMethods = false)
public class MasterKeyConfig {

    @Bean
    SecretBox secretBox(@Value("${assayer.secrets.master-key:}") String configured,
            @Value("${assayer.data-dir}") String dataDir) {
        if (!configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("assayer.secrets.master-key is not valid Base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException("assayer.secrets.master-key must be 32 bytes (Base64 of 32 random bytes)");
            }
            return new SecretBox(key);
        }
        return new SecretBox(fromFile(Path.of(dataDir, "keys", "master.key")));
    }

    static synchronized byte[] fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
                if (key.length != 32) {
                    throw new IllegalStateException(file + " does not hold a 32-byte key");
                }
                return key;
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(file.getParent(), "master", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: rely on the data directory's permissions
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                if (Files.exists(file)) { // another process won the race: use its key
                    return Base64.getDecoder().decode(Files.readString(file).trim());
                }
                throw e;
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the master key " + file, e);
        }
    }
}
