package dev.assayer.packaging;

import dev.assayer.activity.ActivityLog;
import dev.assayer.packaging.internal.SigningKeyRepository;
import dev.assayer.packaging.verify.Ed25519Keys;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.crypto.SecretBox;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Role;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each organization's Ed25519 package-signing key (issue 6 §4). The key pair is generated on first
 * use; the private key is sealed at rest with the {@link SecretBox} (context
 * {@code signing-key:<orgId>:<keyId>}) and opened only to sign. Any member of the organization, and
 * an audit firm's user inside one of its engagements, may read the public keys (so an auditor can
 * compare the fingerprint of a package with the published one); only an admin rotates. Rotation
 * retires the active key (kept and listed, so the packages it signed still verify) and generates
 * a new one. Generation and rotation are logged.
 */
@Service
public class SigningKeyService {

    static final String ENTITY = "signing-key";

    private final SigningKeyRepository repo;
    private final SecretBox box;
    private final ActivityLog activity;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SigningKeyService(SigningKeyRepository repo, SecretBox box, ActivityLog activity, TransactionTemplate tx,
            Optional<Clock> clock) {
        this.repo = repo;
        this.box = box;
        this.activity = activity;
        this.tx = tx;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The organization's keys, the active one first (generated now if the organization has none). */
    public List<SigningKey> list(CurrentUser user) {
        activeRow(user);
        return repo.list(user.orgId());
    }

    /** The active key (generated now if the organization has none). */
    public SigningKey current(CurrentUser user) {
        return activeRow(user).key();
    }

    /** True when {@code user} may rotate: an admin of the organization itself (not a firm inside it). */
    public boolean canRotate(CurrentUser user) {
        return user.role() == Role.ADMIN && !user.inEngagement();
    }

    /**
     * Retires the active key and generates a new one (admins only). Packages signed before stay
     * verifiable with the retired key, which is still listed.
     */
    public SigningKey rotate(CurrentUser user) {
        if (!canRotate(user)) {
            throw ApiProblem.forbidden("Only an admin of the organization may rotate its signing key (the role "
                    + user.role().label() + " may not)");
        }
        SigningKeyRepository.Row old = activeRow(user);
        return tx.execute(s -> {
            Instant now = now();
            if (!repo.retire(user.orgId(), old.key().id(), old.version(), user.label(), now)) {
                throw ApiProblem.conflict("The signing key was rotated by someone else just now; reload the page");
            }
            Generated g = generate(user, now);
            repo.insertActive(user.orgId(), g.key(), g.sealed());
            Map<String, Object> before = snapshot(old.key());
            activity.record(user, ENTITY, g.key().id(), "rotated", before, snapshot(g.key()));
            return g.key();
        });
    }

    /** A signer over the active key (generated if needed), for the evidence package. */
    Signer signer(CurrentUser user) {
        SigningKeyRepository.Row row = activeRow(user);
        byte[] der = box.open(row.sealedPrivateKey(), context(user.orgId(), row.key().id()));
        try {
            PrivateKey priv = KeyFactory.getInstance(Ed25519Keys.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new Signer(row.key().id(), Ed25519Keys.parse(row.key().publicKeyPem()), priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored signing key of organization " + user.orgId()
                    + " cannot be read", e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private SigningKeyRepository.Row activeRow(CurrentUser user) {
        Optional<SigningKeyRepository.Row> found = repo.active(user.orgId());
        if (found.isPresent()) {
            return found.get();
        }
        try {
            tx.executeWithoutResult(s -> {
                Generated g = generate(user, now());
                repo.insertActive(user.orgId(), g.key(), g.sealed());
                activity.record(user, ENTITY, g.key().id(), "generated", null, snapshot(g.key()));
            });
        } catch (DuplicateKeyException e) {
            // another request generated the organization's first key at the same moment: use that one
        }
        return repo.active(user.orgId()).orElseThrow(() -> new IllegalStateException("no active signing key"));
    }

    private record Generated(SigningKey key, String sealed) {
    }

    private Generated generate(CurrentUser user, Instant now) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(Ed25519Keys.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by the Java platform", e);
        }
        UUID id = UUID.randomUUID();
        byte[] der = pair.getPrivate().getEncoded();
        String sealed = box.seal(der, context(user.orgId(), id));
        Arrays.fill(der, (byte) 0);
        SigningKey key = new SigningKey(id, Ed25519Keys.ALGORITHM, Ed25519Keys.pem(pair.getPublic()),
                Ed25519Keys.fingerprint(pair.getPublic()), SigningKey.Status.ACTIVE, user.label(), now, null, null);
        return new Generated(key, sealed);
    }

    static String context(UUID orgId, UUID keyId) {
        return "signing-key:" + orgId + ":" + keyId;
    }

    private static Map<String, Object> snapshot(SigningKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id().toString());
        m.put("algorithm", k.algorithm());
        m.put("fingerprint", k.fingerprint());
        m.put("status", k.status().name());
        return m;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
