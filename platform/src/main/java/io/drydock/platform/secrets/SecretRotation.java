package io.drydock.platform.secrets;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Re-encrypts every stored secret under the current key, so that a previous key can be dropped once it has run.
 * api-gateway runs it at start (ADR 12); several gateways starting together take turns on a transaction-scoped
 * advisory lock, and the one that finds the lock taken skips, as the holder does the work.
 */
@Component
public class SecretRotation {

    private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);

    /** Arbitrary but fixed: "drydock-secrets" folded to 64 bits. */
    public static final long LOCK_KEY = 0x64727964_6f636b73L;

    private final List<SecretStore> stores;
    private final SecretCipher cipher;
    private final DSLContext dsl;
    private final TransactionTemplate transactions;

    public SecretRotation(List<SecretStore> stores, SecretCipher cipher, DSLContext dsl, TransactionTemplate transactions) {
        this.stores = stores;
        this.cipher = cipher;
        this.dsl = dsl;
        this.transactions = transactions;
    }

    /**
     * @return what was re-encrypted and left unreadable over every store; empty counts when another process held the
     *         lock
     */
    public SecretStore.Rotated rotate() {
        cipher.requireKey("Rotating secrets");
        SecretStore.Rotated total = transactions.execute(status -> {
            Boolean locked = dsl.fetchValue(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, DSL.val(LOCK_KEY)));
            if (!Boolean.TRUE.equals(locked)) {
                log.info("Another process is re-encrypting secrets; leaving it to that one");
                return new SecretStore.Rotated(0, 0);
            }
            int reencrypted = 0;
            int unreadable = 0;
            for (SecretStore store : stores) {
                SecretStore.Rotated rotated = store.reencrypt(cipher);
                reencrypted += rotated.reencrypted();
                unreadable += rotated.unreadable();
                if (rotated.reencrypted() > 0 || rotated.unreadable() > 0) {
                    log.info("Re-encrypted {} {} under key {}; {} left unreadable", rotated.reencrypted(),
                            store.describe(), cipher.currentKeyId(), rotated.unreadable());
                }
            }
            return new SecretStore.Rotated(reencrypted, unreadable);
        });
        return total;
    }
}
