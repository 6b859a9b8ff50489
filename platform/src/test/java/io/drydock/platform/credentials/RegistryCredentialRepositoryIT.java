package io.drydock.platform.credentials;

import io.drydock.platform.PlatformIT;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.registry.DockerConfigCredentials;
import io.drydock.platform.registry.RegistryCredentials;
import io.drydock.platform.secrets.EncryptionKey;
import io.drydock.platform.secrets.SecretCipher;
import io.drydock.platform.secrets.SecretRotation;
import io.drydock.platform.secrets.SecretStore;
import io.drydock.platform.secrets.SecretUnavailableException;
import io.drydock.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.drydock.schemas.db.Tables.REGISTRY_CREDENTIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registry credentials stored encrypted in PostgreSQL, chosen per account, and re-encrypted when the key rotates. */
class RegistryCredentialRepositoryIT extends PlatformIT {

    @Autowired
    DSLContext dsl;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AccountRepository accounts;

    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final EncryptionKey oldKey = randomKey();
    private final EncryptionKey newKey = randomKey();
    private final SecretCipher oldCipher = SecretCipher.of(oldKey, List.of());

    @BeforeEach
    void clean() {
        TestPostgres.shared().truncate("registry_credential");
        accounts.createAccount("alice", "user", null, now);
        accounts.createAccount("bob", "user", null, now);
    }

    @Test
    void storesThePasswordEncryptedAndGivesItBackOnlyToItsAccount() {
        RegistryCredentialRepository repository = new RegistryCredentialRepository(dsl, oldCipher);

        assertThat(repository.insert("alice", credential("registry.example.com:5000", "s3cret!"), now)).isPresent();
        assertThat(repository.insert("alice", credential("registry.example.com:5000", "other"), now))
                .as("a second record for the same registry").isEmpty();

        String stored = dsl.select(REGISTRY_CREDENTIAL.REGISTRY_PASS).from(REGISTRY_CREDENTIAL).fetchSingle().value1();
        assertThat(stored).doesNotContain("s3cret");
        assertThat(repository.credentials("alice", "registry.example.com:5000"))
                .contains(new RegistryCredentials("robot", "s3cret!", false));
        assertThat(repository.credentials("bob", "registry.example.com:5000")).isEmpty();
        assertThat(repository.list("bob")).isEmpty();
    }

    @Test
    void resolvesTheLongestMatchingRecordThenTheDockerConfigThenNothing(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        RegistryCredentialRepository repository = new RegistryCredentialRepository(dsl, oldCipher);
        repository.insert("alice", credential("registry.example.com", "host"), now);
        repository.insert("alice", credential("registry.example.com/team/*", "team"), now);
        repository.insert("alice", credential("*.example.org", "wildcard"), now);
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"auths\":{\"quay.io\":{\"username\":\"cfg\",\"password\":\"from-config\"}}}");
        RegistryCredentialResolver resolver = new RegistryCredentialResolver(repository, DockerConfigCredentials.load(config));

        assertThat(resolver.resolve("alice", "registry.example.com", "team/app")).map(RegistryCredentials::password).contains("team");
        assertThat(resolver.resolve("alice", "registry.example.com", "solo")).map(RegistryCredentials::password).contains("host");
        assertThat(resolver.resolve("alice", "eu.example.org", "solo")).map(RegistryCredentials::password).contains("wildcard");
        assertThat(resolver.resolve("alice", "quay.io", "solo")).map(RegistryCredentials::password).contains("from-config");
        assertThat(resolver.resolve("alice", "ghcr.io", "solo")).isEmpty();
        assertThat(resolver.resolve("bob", "registry.example.com", "team/app")).as("alice's records are hers").isEmpty();
    }

    @Test
    void rotationReencryptsEveryValueUnderTheCurrentKeyAndLeavesUnreadableOnesAlone() {
        SecretCipher strangerCipher = SecretCipher.of(randomKey(), List.of());
        new RegistryCredentialRepository(dsl, oldCipher).insert("alice", credential("a.example.com", "pa"), now);
        new RegistryCredentialRepository(dsl, oldCipher).insert("bob", credential("b.example.com", "pb"), now);
        new RegistryCredentialRepository(dsl, strangerCipher).insert("bob", credential("c.example.com", "pc"), now);
        SecretCipher rotated = SecretCipher.of(newKey, List.of(oldKey));
        RegistryCredentialRepository repository = new RegistryCredentialRepository(dsl, rotated);

        SecretStore.Rotated result = new SecretRotation(List.of(repository), rotated, dsl, transactions).rotate();

        assertThat(result).isEqualTo(new SecretStore.Rotated(2, 1));
        assertThat(dsl.select(REGISTRY_CREDENTIAL.REGISTRY, REGISTRY_CREDENTIAL.KEY_ID).from(REGISTRY_CREDENTIAL)
                .orderBy(REGISTRY_CREDENTIAL.REGISTRY).fetch().map(r -> r.value1() + "=" + r.value2()))
                .containsExactly("a.example.com=" + rotated.currentKeyId(), "b.example.com=" + rotated.currentKeyId(),
                        "c.example.com=" + strangerCipher.currentKeyId());
        // Readable with the new key alone: the old one can now be dropped.
        RegistryCredentialRepository newKeyOnly = new RegistryCredentialRepository(dsl,
                SecretCipher.of(newKey, List.of()));
        assertThat(newKeyOnly.credentials("alice", "a.example.com")).map(RegistryCredentials::password).contains("pa");
        assertThat(newKeyOnly.credentials("bob", "b.example.com")).map(RegistryCredentials::password).contains("pb");
        assertThatThrownBy(() -> newKeyOnly.credentials("bob", "c.example.com"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("registry_credential/bob/c.example.com")
                .hasMessageContaining("encrypted under key " + strangerCipher.currentKeyId());
    }

    @Test
    void rotationLeavesTheWorkToTheProcessHoldingTheLock() throws Exception {
        new RegistryCredentialRepository(dsl, oldCipher).insert("alice", credential("a.example.com", "pa"), now);
        SecretCipher rotated = SecretCipher.of(newKey, List.of(oldKey));
        SecretRotation rotation = new SecretRotation(List.of(new RegistryCredentialRepository(dsl, rotated)), rotated,
                dsl, transactions);

        SecretStore.Rotated whileHeld = whileRotationLockHeld(rotation);

        assertThat(whileHeld).isEqualTo(new SecretStore.Rotated(0, 0));
        assertThat(rotation.rotate()).isEqualTo(new SecretStore.Rotated(1, 0));
    }

    /** Rotates while another session holds the rotation lock, as a second gateway starting alongside would. */
    private static SecretStore.Rotated whileRotationLockHeld(SecretRotation rotation) throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        try (Connection other = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?)")) {
            lock.setLong(1, SecretRotation.LOCK_KEY);
            lock.execute();
            SecretStore.Rotated rotated = rotation.rotate();
            // Released explicitly: a closed connection's session locks go only when its backend has exited, which
            // the next rotation could otherwise race.
            try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, SecretRotation.LOCK_KEY);
                unlock.execute();
            }
            return rotated;
        }
    }

    private static EncryptionKey randomKey() {
        byte[] material = new byte[EncryptionKey.LENGTH];
        new SecureRandom().nextBytes(material);
        return EncryptionKey.of(material);
    }

    private static NewRegistryCredential credential(String registry, String password) {
        return new NewRegistryCredential(registry, registry, "robot", password, "docker_v2", false);
    }
}
