package io.drydock.platform.credentials;

import io.drydock.platform.registry.RegistryCredentials;
import io.drydock.platform.secrets.EncryptedValue;
import io.drydock.platform.secrets.SecretCipher;
import io.drydock.platform.secrets.SecretStore;
import io.drydock.platform.secrets.SecretUnavailableException;
import io.drydock.schemas.db.tables.records.RegistryCredentialRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.REGISTRY_CREDENTIAL;

/**
 * Registry credentials per account (Anchore's {@code /registries}). Owned by api-gateway; analyzer-worker reads them to
 * pull. Passwords are encrypted with {@link SecretCipher}, bound to their (account, registry), and leave this class
 * only as {@link RegistryCredentials} for a pull or a check.
 */
@Repository
public class RegistryCredentialRepository implements SecretStore {

    private static final Logger log = LoggerFactory.getLogger(RegistryCredentialRepository.class);

    private final DSLContext dsl;
    private final SecretCipher cipher;

    public RegistryCredentialRepository(DSLContext dsl, SecretCipher cipher) {
        this.dsl = dsl;
        this.cipher = cipher;
    }

    public List<StoredRegistryCredential> list(String account) {
        return dsl.selectFrom(REGISTRY_CREDENTIAL).where(REGISTRY_CREDENTIAL.ACCOUNT.eq(account))
                .orderBy(REGISTRY_CREDENTIAL.REGISTRY)
                .fetch(RegistryCredentialRepository::toRecord);
    }

    /** The records of the account, to pick the one that matches an image. */
    public List<String> registries(String account) {
        return dsl.select(REGISTRY_CREDENTIAL.REGISTRY).from(REGISTRY_CREDENTIAL)
                .where(REGISTRY_CREDENTIAL.ACCOUNT.eq(account))
                .fetch(REGISTRY_CREDENTIAL.REGISTRY);
    }

    public Optional<StoredRegistryCredential> find(String account, String registry) {
        return dsl.selectFrom(REGISTRY_CREDENTIAL)
                .where(REGISTRY_CREDENTIAL.ACCOUNT.eq(account), REGISTRY_CREDENTIAL.REGISTRY.eq(registry))
                .fetchOptional(RegistryCredentialRepository::toRecord);
    }

    /**
     * The decrypted credentials of one record.
     *
     * @throws SecretUnavailableException when the password's key is not configured or the stored value was altered
     */
    public Optional<RegistryCredentials> credentials(String account, String registry) {
        return dsl.selectFrom(REGISTRY_CREDENTIAL)
                .where(REGISTRY_CREDENTIAL.ACCOUNT.eq(account), REGISTRY_CREDENTIAL.REGISTRY.eq(registry))
                .fetchOptional(row -> new RegistryCredentials(row.getRegistryUser(),
                        cipher.decrypt(encrypted(row), context(account, registry)), row.getRegistryVerify()));
    }

    /** Stores a new record; empty when the account has one for this registry already. */
    public Optional<StoredRegistryCredential> insert(String account, NewRegistryCredential credential, Instant now) {
        int inserted = dsl.insertInto(REGISTRY_CREDENTIAL)
                .set(REGISTRY_CREDENTIAL.ACCOUNT, account)
                .set(REGISTRY_CREDENTIAL.REGISTRY, credential.registry())
                .set(REGISTRY_CREDENTIAL.CREATED_AT, utc(now))
                .set(changeable(account, credential, now))
                .onConflictDoNothing()
                .execute();
        return inserted == 0 ? Optional.empty() : find(account, credential.registry());
    }

    /** Replaces user, password, name, type and TLS verification of a record; empty when there is none. */
    public Optional<StoredRegistryCredential> update(String account, NewRegistryCredential credential, Instant now) {
        int updated = dsl.update(REGISTRY_CREDENTIAL)
                .set(changeable(account, credential, now))
                .where(REGISTRY_CREDENTIAL.ACCOUNT.eq(account), REGISTRY_CREDENTIAL.REGISTRY.eq(credential.registry()))
                .execute();
        return updated == 0 ? Optional.empty() : find(account, credential.registry());
    }

    public boolean delete(String account, String registry) {
        return dsl.deleteFrom(REGISTRY_CREDENTIAL)
                .where(REGISTRY_CREDENTIAL.ACCOUNT.eq(account), REGISTRY_CREDENTIAL.REGISTRY.eq(registry))
                .execute() > 0;
    }

    /** Every column an update may change, the password encrypted for its record. */
    private Map<Field<?>, Object> changeable(String account, NewRegistryCredential credential, Instant now) {
        EncryptedValue password = cipher.encrypt(credential.password(), context(account, credential.registry()));
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(REGISTRY_CREDENTIAL.REGISTRY_NAME, credential.registryName());
        values.put(REGISTRY_CREDENTIAL.REGISTRY_USER, credential.registryUser());
        values.put(REGISTRY_CREDENTIAL.REGISTRY_PASS, password.ciphertext());
        values.put(REGISTRY_CREDENTIAL.KEY_ID, password.keyId());
        values.put(REGISTRY_CREDENTIAL.REGISTRY_TYPE, credential.registryType());
        values.put(REGISTRY_CREDENTIAL.REGISTRY_VERIFY, credential.verifyTls());
        values.put(REGISTRY_CREDENTIAL.LAST_UPDATED, utc(now));
        return values;
    }

    @Override
    public String describe() {
        return "registry passwords";
    }

    @Override
    public Rotated reencrypt(SecretCipher rotating) {
        int reencrypted = 0;
        int unreadable = 0;
        for (RegistryCredentialRecord row : dsl.selectFrom(REGISTRY_CREDENTIAL)
                .where(REGISTRY_CREDENTIAL.KEY_ID.ne(rotating.currentKeyId())).fetch()) {
            String context = context(row.getAccount(), row.getRegistry());
            EncryptedValue fresh;
            try {
                fresh = rotating.reencrypt(encrypted(row), context);
            } catch (SecretUnavailableException e) {
                log.error("Cannot re-encrypt the password of registry {} of account {}; {}", row.getRegistry(),
                        row.getAccount(), e.getMessage());
                unreadable++;
                continue;
            }
            // Compare-and-set on the old ciphertext: a password changed meanwhile is already under the current key.
            reencrypted += dsl.update(REGISTRY_CREDENTIAL)
                    .set(REGISTRY_CREDENTIAL.REGISTRY_PASS, fresh.ciphertext())
                    .set(REGISTRY_CREDENTIAL.KEY_ID, fresh.keyId())
                    .where(REGISTRY_CREDENTIAL.ACCOUNT.eq(row.getAccount()),
                            REGISTRY_CREDENTIAL.REGISTRY.eq(row.getRegistry()),
                            REGISTRY_CREDENTIAL.KEY_ID.eq(row.getKeyId()),
                            REGISTRY_CREDENTIAL.REGISTRY_PASS.eq(row.getRegistryPass()))
                    .execute();
        }
        return new Rotated(reencrypted, unreadable);
    }

    /**
     * What a password is bound to: GCM's associated data, so a ciphertext moved to another account or registry fails to
     * decrypt. The record's key cannot change (it is the primary key), so the binding holds for the record's life.
     */
    static String context(String account, String registry) {
        return "registry_credential/" + account + "/" + registry;
    }

    private static EncryptedValue encrypted(RegistryCredentialRecord row) {
        return new EncryptedValue(row.getKeyId(), row.getRegistryPass());
    }

    private static StoredRegistryCredential toRecord(Record row) {
        return new StoredRegistryCredential(row.get(REGISTRY_CREDENTIAL.ACCOUNT),
                row.get(REGISTRY_CREDENTIAL.REGISTRY), row.get(REGISTRY_CREDENTIAL.REGISTRY_NAME),
                row.get(REGISTRY_CREDENTIAL.REGISTRY_USER), row.get(REGISTRY_CREDENTIAL.REGISTRY_TYPE),
                row.get(REGISTRY_CREDENTIAL.REGISTRY_VERIFY), instant(row.get(REGISTRY_CREDENTIAL.CREATED_AT)),
                instant(row.get(REGISTRY_CREDENTIAL.LAST_UPDATED)));
    }
}
