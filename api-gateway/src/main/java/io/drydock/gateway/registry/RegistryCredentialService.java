package io.drydock.gateway.registry;

import io.drydock.gateway.error.ApiException;
import io.drydock.platform.credentials.NewRegistryCredential;
import io.drydock.platform.credentials.RegistryCredentialRepository;
import io.drydock.platform.credentials.RegistryMatching;
import io.drydock.platform.credentials.StoredRegistryCredential;
import io.drydock.platform.registry.RegistryClient;
import io.drydock.platform.registry.RegistryCredentials;
import io.drydock.platform.registry.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Registry credentials of an account (Anchore §1.10). Validation pings the registry with the credentials before
 * anything is stored (slow I/O, outside any transaction); a credential that fails it is not stored.
 */
@Service
public class RegistryCredentialService {

    private static final Logger log = LoggerFactory.getLogger(RegistryCredentialService.class);

    private final RegistryCredentialRepository credentials;
    private final RegistryClient registryClient;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public RegistryCredentialService(RegistryCredentialRepository credentials, RegistryClient registryClient,
                                     TransactionTemplate transactions, Clock clock) {
        this.credentials = credentials;
        this.registryClient = registryClient;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<StoredRegistryCredential> list(String account) {
        return credentials.list(account);
    }

    public StoredRegistryCredential get(String account, String registry) {
        String record = normalise(registry);
        return credentials.find(account, record).orElseThrow(() -> notFound(record));
    }

    public StoredRegistryCredential add(String account, NewRegistryCredential credential, boolean validate) {
        if (credentials.find(account, credential.registry()).isPresent()) {
            throw duplicate(credential.registry());
        }
        if (validate) {
            validate(credential);
        }
        return transactions.execute(status -> credentials.insert(account, credential, clock.instant())
                .orElseThrow(() -> duplicate(credential.registry())));
    }

    public StoredRegistryCredential update(String account, String registry, NewRegistryCredential credential,
                                           boolean validate) {
        String record = normalise(registry);
        if (!record.equals(credential.registry())) {
            throw ApiException.badRequest("the registry in the body (" + credential.registry()
                    + ") is not the one in the path (" + record + ")");
        }
        credentials.find(account, record).orElseThrow(() -> notFound(record));
        if (validate) {
            validate(credential);
        }
        return transactions.execute(status -> credentials.update(account, credential, clock.instant())
                .orElseThrow(() -> notFound(record)));
    }

    public void delete(String account, String registry) {
        String record = normalise(registry);
        if (!transactions.execute(status -> credentials.delete(account, record))) {
            throw notFound(record);
        }
    }

    /** The record as stored; a name no registry has is the caller's error. */
    static String normalise(String registry) {
        try {
            return RegistryMatching.normalise(registry);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Anchore's registry ping: {@code /v2/} of the record's host, with the credentials, answered 406 on failure. */
    private void validate(NewRegistryCredential credential) {
        String host = RegistryMatching.host(credential.registry());
        if (host.contains("*")) {
            throw ApiException.badRequest("cannot validate the wildcard registry " + credential.registry()
                    + ": there is no one host to ping; add it with validate=false");
        }
        try {
            registryClient.checkAccess(host, new RegistryCredentials(credential.registryUser(), credential.password(),
                    credential.verifyTls()));
        } catch (RegistryException e) {
            log.info("Validation of registry credentials for {} failed; {}", credential.registry(), e.getMessage());
            throw new ApiException(406, "cannot ping supplied registry with supplied credentials: " + e.getMessage(),
                    Map.of("error_codes", List.of(e.code().name())));
        }
    }

    private static ApiException duplicate(String registry) {
        return ApiException.conflict("registry already exists in DB: " + registry
                + "; update it with PUT /registries/{registry} or delete it first");
    }

    private static ApiException notFound(String registry) {
        return ApiException.notFound("Resource registry " + registry + " not found");
    }
}
