package dev.assayer.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.activity.ActivityLog;
import dev.assayer.identity.IdentityService;
import dev.assayer.packaging.verify.Ed25519Keys;
import dev.assayer.shared.crypto.SecretBox;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.IntegrationTest;
import dev.assayer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The key pair at rest: generated once per organization, private key sealed for its row only, logged. */
class SigningKeyServiceTest extends IntegrationTest {

    @Autowired IdentityService identity;
    @Autowired SigningKeyService keys;
    @Autowired SecretBox box;
    @Autowired JdbcClient jdbc;
    @Autowired ActivityLog activity;

    @Test
    void thePrivateKeyIsSealedAndOpensOnlyForItsOwnRow() throws Exception {
        TestOrg acme = TestOrg.create(identity);
        SigningKey k = keys.current(acme.user(Role.VIEWER));
        String sealed = jdbc.sql("SELECT private_key_sealed FROM signing_key WHERE org_id = ? AND id = ?")
                .params(acme.id(), k.id()).query(String.class).single();
        assertThat(sealed).startsWith("v1:").doesNotContain("PRIVATE KEY");
        byte[] der = box.open(sealed, SigningKeyService.context(acme.id(), k.id()));
        assertThat(der).hasSizeGreaterThan(32);
        assertThatThrownBy(() -> box.open(sealed, SigningKeyService.context(acme.id(), java.util.UUID.randomUUID())))
                .isInstanceOf(SecretBox.SecretException.class);

        Signer signer = keys.signer(acme.admin());
        byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(Ed25519Keys.parse(k.publicKeyPem()));
        v.update(data);
        assertThat(v.verify(signer.sign(data))).isTrue();
        assertThat(signer.fingerprint()).isEqualTo(k.fingerprint());

        var log = activity.recent(acme.id(), SigningKeyService.ENTITY, k.id().toString(), 5);
        assertThat(log).hasSize(1);
        assertThat(log.getFirst().action()).isEqualTo("generated");
        assertThat(log.getFirst().after()).contains(k.fingerprint()).doesNotContain(sealed);
    }

    @Test
    void concurrentFirstUseGeneratesExactlyOneKey() throws Exception {
        TestOrg acme = TestOrg.create(identity);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SigningKey>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return keys.current(acme.admin());
            }));
        }
        go.countDown();
        Set<java.util.UUID> ids = Collections.newSetFromMap(new ConcurrentHashMap<>());
        for (Future<SigningKey> f : futures) {
            ids.add(f.get().id());
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(keys.list(acme.admin())).hasSize(1);
    }
}
