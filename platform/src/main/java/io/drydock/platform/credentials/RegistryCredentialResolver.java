package io.drydock.platform.credentials;

import io.drydock.platform.registry.DockerConfigCredentials;
import io.drydock.platform.registry.ImageReference;
import io.drydock.platform.registry.RegistryCredentials;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The credentials to reach an image's registry as an account: the account's best matching registry record
 * ({@link RegistryMatching}), else the deployment's Docker {@code config.json} for the registry, else none (anonymous).
 * api-gateway uses it to look a tag up, analyzer-worker to pull, always for the account that owns the image or job.
 */
@Component
public class RegistryCredentialResolver {

    private final RegistryCredentialRepository records;
    private final DockerConfigCredentials dockerConfig;

    public RegistryCredentialResolver(RegistryCredentialRepository records, DockerConfigCredentials dockerConfig) {
        this.records = records;
        this.dockerConfig = dockerConfig;
    }

    /**
     * @param registry   as stored ({@code docker.io}, {@code host:port})
     * @param repository as stored (no {@code library/})
     * @return empty to go anonymous
     * @throws io.drydock.platform.secrets.SecretUnavailableException when the matching record's password cannot be
     *                                                                decrypted with the configured keys
     */
    public Optional<RegistryCredentials> resolve(String account, String registry, String repository) {
        Optional<String> record = RegistryMatching.best(records.registries(account), registry, repository);
        if (record.isPresent()) {
            Optional<RegistryCredentials> stored = records.credentials(account, record.get());
            if (stored.isPresent()) {
                return stored;
            }
            // Deleted between the two reads: the next best match is what a moment later would have chosen.
            return resolve(account, registry, repository);
        }
        return dockerConfig.forRegistry(registry);
    }

    /** The credentials to pull {@code ref} as {@code account}; null for anonymous, as {@code RegistryClient} takes it. */
    public RegistryCredentials forPull(String account, ImageReference ref) {
        return resolve(account, ref.registry(), ref.repository()).orElse(null);
    }
}
