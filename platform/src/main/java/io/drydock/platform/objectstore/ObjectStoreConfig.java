package io.drydock.platform.objectstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** The object store of the services that handle uploaded archives (api-gateway, analyzer-worker, catalog-worker). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObjectStoreConfig.ObjectStoreProperties.class)
public class ObjectStoreConfig {

    /**
     * @param directory where objects are kept; the all-in-one sets it under its data directory, services running
     *                  apart must share one (a volume mounted by all three). Unset: archive uploads are refused with
     *                  an error saying so, and everything else works.
     */
    @ConfigurationProperties("drydock.object-store")
    public record ObjectStoreProperties(Path directory) {
    }

    @Bean
    public ObjectStore objectStore(ObjectStoreProperties properties) throws IOException {
        if (properties.directory() == null) {
            return new Unconfigured();
        }
        return new FileSystemObjectStore(properties.directory());
    }

    /** Refuses every use with the setting that is missing, rather than losing uploads in some default place. */
    static final class Unconfigured implements ObjectStore {

        private static final String MESSAGE = "no object store is configured: set drydock.object-store.directory "
                + "(a directory shared by api-gateway, analyzer-worker and catalog-worker) to accept image archives";

        @Override
        public long put(String key, InputStream content, long maxBytes) {
            throw new ObjectStoreUnavailableException(MESSAGE);
        }

        @Override
        public InputStream open(String key) {
            throw new ObjectStoreUnavailableException(MESSAGE);
        }

        @Override
        public boolean exists(String key) {
            return false;
        }

        @Override
        public java.util.List<String> children(String prefix) {
            return java.util.List.of();
        }

        @Override
        public void deleteAll(String prefix) {
            // Nothing can have been stored.
        }
    }
}
