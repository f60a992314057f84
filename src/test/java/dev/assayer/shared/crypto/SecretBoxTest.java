package dev.assayer.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void sealed_secret_opens_only_with_the_same_key_and_context() {
        SecretBox box = new SecretBox(key(1));
        String sealed = box.seal("ghp_token-123", "collector:a");
        assertThat(sealed).startsWith("v1:").doesNotContain("ghp_token");
        assertThat(box.openString(sealed, "collector:a")).isEqualTo("ghp_token-123");
        assertThatThrownBy(() -> box.open(sealed, "collector:b")).isInstanceOf(SecretBox.SecretException.class);
        assertThatThrownBy(() -> new SecretBox(key(2)).open(sealed, "collector:a"))
                .isInstanceOf(SecretBox.SecretException.class).hasMessageNotContaining("ghp_token");
    }

    @Test
    void the_same_secret_seals_differently_each_time_and_tampering_is_detected() {
        SecretBox box = new SecretBox(key(3));
        String a = box.seal("x", "c");
        assertThat(box.seal("x", "c")).isNotEqualTo(a);
        char[] chars = a.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> box.open(new String(chars), "c")).isInstanceOf(SecretBox.SecretException.class);
    }

    @Test
    void master_key_file_is_created_once_and_reused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/master.key");
        byte[] first = MasterKeyConfig.fromFile(file);
        assertThat(first).hasSize(32);
        assertThat(MasterKeyConfig.fromFile(file)).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
    }
}
