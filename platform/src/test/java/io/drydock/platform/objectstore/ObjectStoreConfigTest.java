package io.drydock.platform.objectstore;

import io.drydock.platform.net.OutboundHttp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectStoreConfigTest {

    private static final URI ENDPOINT = URI.create("https://s3.eu-west-1.amazonaws.com");

    @TempDir
    Path directory;

    @Test
    void choosesADirectoryAnS3BucketOrNothing() throws IOException {
        ObjectStoreConfig config = new ObjectStoreConfig();

        assertThat(config.objectStore(new ObjectStoreConfig.ObjectStoreProperties(directory, null), OutboundHttp.direct()))
                .isInstanceOf(FileSystemObjectStore.class);
        assertThat(config.objectStore(new ObjectStoreConfig.ObjectStoreProperties(null, s3(null, "k", "s")),
                OutboundHttp.direct())).isInstanceOf(S3ObjectStore.class);
        assertThat(config.objectStore(new ObjectStoreConfig.ObjectStoreProperties(null,
                new ObjectStoreConfig.S3(null, null, "us-east-1", null, null, null, DataSize.ofMegabytes(64))),
                OutboundHttp.direct())).isInstanceOf(ObjectStoreConfig.Unconfigured.class);
    }

    @Test
    void bindsTheSettingsWithTheirDefaults() {
        ObjectStoreConfig.ObjectStoreProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "drydock.object-store.s3.endpoint", "http://minio.internal:9000",
                "drydock.object-store.s3.bucket", "drydock",
                "drydock.object-store.s3.access-key", "k",
                "drydock.object-store.s3.secret-key", "s")))
                .bind("drydock.object-store", ObjectStoreConfig.ObjectStoreProperties.class).get();

        S3ObjectStore.Settings settings = ObjectStoreConfig.s3Settings(properties, Map.of());

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://minio.internal:9000"));
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.partSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(settings.prefix()).isEmpty();
    }

    @Test
    void refusesToStartWithBothADirectoryAndABucket() {
        assertThatThrownBy(() -> ObjectStoreConfig.s3Settings(
                new ObjectStoreConfig.ObjectStoreProperties(directory, s3(null, "k", "s")), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("drydock.object-store.directory").hasMessageContaining("drydock.object-store.s3");
    }

    @Test
    void takesCredentialsFromTheAwsEnvironmentWhenNotConfigured() {
        S3ObjectStore.Settings settings = ObjectStoreConfig.s3Settings(new ObjectStoreConfig.ObjectStoreProperties(null,
                s3("drydock/prod", null, null)), Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "secret1"));

        assertThat(settings.accessKey()).isEqualTo("AKIA1");
        assertThat(settings.secretKey()).isEqualTo("secret1");
        assertThat(settings.prefix()).isEqualTo("drydock/prod");
        assertThat(settings.partSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(settings.toString()).doesNotContain("secret1");

        S3ObjectStore.Settings configured = ObjectStoreConfig.s3Settings(new ObjectStoreConfig.ObjectStoreProperties(null,
                s3(null, "k", "s")), Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "secret1"));
        assertThat(configured.accessKey()).isEqualTo("k");
    }

    @Test
    void namesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> ObjectStoreConfig.s3Settings(new ObjectStoreConfig.ObjectStoreProperties(null,
                s3(null, null, null)), Map.of()))
                .hasMessageContaining("drydock.object-store.s3.access-key").hasMessageContaining("AWS_ACCESS_KEY_ID");
        assertThatThrownBy(() -> ObjectStoreConfig.s3Settings(new ObjectStoreConfig.ObjectStoreProperties(null,
                new ObjectStoreConfig.S3(null, "bucket", "us-east-1", null, "k", "s", DataSize.ofMegabytes(64))), Map.of()))
                .hasMessageContaining("drydock.object-store.s3.endpoint");
        assertThatThrownBy(() -> ObjectStoreConfig.s3Settings(new ObjectStoreConfig.ObjectStoreProperties(null,
                new ObjectStoreConfig.S3(ENDPOINT, "bucket", "us-east-1", null, "k", "s", DataSize.ofMegabytes(1))), Map.of()))
                .hasMessageContaining("part size must be between 5 MiB and 5 GiB");
        assertThatThrownBy(() -> ObjectStoreConfig.s3Settings(new ObjectStoreConfig.ObjectStoreProperties(null,
                new ObjectStoreConfig.S3(URI.create("ftp://x"), "bucket", "us-east-1", null, "k", "s", DataSize.ofMegabytes(64))), Map.of()))
                .hasMessageContaining("must be an http(s) URL");
        assertThatThrownBy(() -> ObjectStoreConfig.s3Settings(new ObjectStoreConfig.ObjectStoreProperties(null,
                new ObjectStoreConfig.S3(ENDPOINT, "Bucket_1", "us-east-1", null, "k", "s", DataSize.ofMegabytes(64))), Map.of()))
                .hasMessageContaining("not an S3 bucket name");
    }

    private static ObjectStoreConfig.S3 s3(String prefix, String accessKey, String secretKey) {
        return new ObjectStoreConfig.S3(ENDPOINT, "drydock-archives", "eu-west-1", prefix, accessKey, secretKey,
                DataSize.ofMegabytes(64));
    }
}
