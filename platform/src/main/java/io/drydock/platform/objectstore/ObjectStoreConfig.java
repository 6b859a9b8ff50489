package io.drydock.platform.objectstore;

import io.drydock.platform.net.OutboundHttp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The object store of the services that handle uploaded archives (api-gateway, analyzer-worker, catalog-worker). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObjectStoreConfig.ObjectStoreProperties.class)
public class ObjectStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(ObjectStoreConfig.class);

    /**
     * @param directory where objects are kept; the all-in-one sets it under its data directory, services running
     *                  apart must share one (a volume mounted by all three). Unset (and no {@code s3}): archive
     *                  uploads are refused with an error saying so, and everything else works.
     * @param s3        an S3-compatible bucket instead of a directory, for services that share no volume
     */
    @ConfigurationProperties("drydock.object-store")
    public record ObjectStoreProperties(Path directory, S3 s3) {
    }

    /**
     * {@code drydock.object-store.s3.*}.
     *
     * @param endpoint  {@code https://s3.<region>.amazonaws.com} or the URL of a MinIO, Ceph RGW, …
     * @param prefix    put before every key, so that several installations can share a bucket
     * @param accessKey falls back to {@code AWS_ACCESS_KEY_ID}
     * @param secretKey falls back to {@code AWS_SECRET_ACCESS_KEY}
     * @param partSize  content up to this size is one PutObject; more is a multipart upload in parts of this size,
     *                  each buffered in a temporary file (5 MiB to 5 GiB)
     */
    public record S3(URI endpoint, String bucket, @DefaultValue("us-east-1") String region, String prefix,
                     String accessKey, String secretKey, @DefaultValue("64MB") DataSize partSize) {

        boolean configured() {
            return endpoint != null || (bucket != null && !bucket.isBlank());
        }
    }

    @Bean
    public ObjectStore objectStore(ObjectStoreProperties properties, OutboundHttp outbound) throws IOException {
        S3ObjectStore.Settings s3 = s3Settings(properties, System.getenv());
        if (s3 != null) {
            log.info("Object store: {}", s3);
            HttpClient http = outbound.objectStore().connectTimeout(Duration.ofSeconds(10))
                    .version(HttpClient.Version.HTTP_1_1).build();
            return new S3ObjectStore(s3, http, Clock.systemUTC());
        }
        if (properties.directory() == null) {
            return new Unconfigured();
        }
        return new FileSystemObjectStore(properties.directory());
    }

    /**
     * The S3 settings when {@code drydock.object-store.s3} is configured, null when it is not.
     *
     * @throws IllegalStateException when a directory is configured too, or the S3 settings are incomplete
     */
    static S3ObjectStore.Settings s3Settings(ObjectStoreProperties properties, Map<String, String> environment) {
        S3 s3 = properties.s3();
        if (s3 == null || !s3.configured()) {
            return null;
        }
        if (properties.directory() != null) {
            throw new IllegalStateException("both drydock.object-store.directory and drydock.object-store.s3 are set: "
                    + "choose one object store (a shared directory or an S3 bucket)");
        }
        if (s3.endpoint() == null || s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException("an S3 object store needs drydock.object-store.s3.endpoint and "
                    + "drydock.object-store.s3.bucket");
        }
        String accessKey = orEnvironment(s3.accessKey(), environment.get("AWS_ACCESS_KEY_ID"));
        String secretKey = orEnvironment(s3.secretKey(), environment.get("AWS_SECRET_ACCESS_KEY"));
        if (accessKey == null || secretKey == null) {
            throw new IllegalStateException("an S3 object store needs credentials: set drydock.object-store.s3.access-key "
                    + "and drydock.object-store.s3.secret-key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
        }
        try {
            return new S3ObjectStore.Settings(s3.endpoint(), s3.bucket(), s3.region(), s3.prefix(), accessKey, secretKey,
                    s3.partSize().toBytes(), 1000);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("drydock.object-store.s3: " + e.getMessage(), e);
        }
    }

    private static String orEnvironment(String configured, String environment) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return environment == null || environment.isBlank() ? null : environment;
    }

    /** Refuses every use with the setting that is missing, rather than losing uploads in some default place. */
    static final class Unconfigured implements ObjectStore {

        private static final String MESSAGE = "no object store is configured: set drydock.object-store.directory "
                + "(a directory shared by api-gateway, analyzer-worker and catalog-worker) or drydock.object-store.s3.* "
                + "(an S3-compatible bucket) to accept image archives";

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
