package io.drydock.testkit.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.drydock.testkit.registry.TestRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A container image written from {@link TestLayer}s: image config, manifest (Docker schema 2 or OCI) and the push to
 * a {@link TestRegistry}.
 *
 * <pre>{@code
 * TestImage image = TestImage.builder()
 *         .format(ImageFormat.OCI)
 *         .layer(TestLayer.builder().file("etc/os-release", "ID=alpine\n").build(), "ADD rootfs /")
 *         .emptyLayer("ENV A=1").env("A=1")
 *         .cmd("/bin/sh")
 *         .build();
 * String digest = image.push(TestRegistry.shared(), "drydock/small", "v1");
 * String index = TestImage.pushIndex(TestRegistry.shared(), "drydock/multi", "v1", ImageFormat.OCI, List.of(amd64, arm64));
 * }</pre>
 */
public final class TestImage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImageFormat format;
    private final String os;
    private final String architecture;
    private final String variant;
    private final List<TestLayer> layers;
    private final byte[] config;
    private final String configDigest;
    private final byte[] manifest;
    private final String manifestDigest;

    private TestImage(Builder builder) {
        this.format = builder.format;
        this.os = builder.os;
        this.architecture = builder.architecture;
        this.variant = builder.variant;
        this.layers = List.copyOf(builder.layers);
        this.config = JSON.writeValueAsBytes(configDocument(builder));
        this.configDigest = sha256(config);
        this.manifest = JSON.writeValueAsBytes(manifestDocument(builder.omitManifestMediaType));
        this.manifestDigest = sha256(manifest);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Pushes the layers, the config and the manifest.
     *
     * @param tag the tag to store the manifest under; null to store it by digest only
     * @return the manifest digest
     */
    public String push(TestRegistry registry, String repository, String tag) {
        RegistryPusher pusher = new RegistryPusher(registry, repository);
        for (TestLayer layer : layers) {
            pusher.pushBlob(layer.digest(), layer.blobPath());
        }
        pusher.pushBlob(configDigest, config);
        pusher.pushManifest(tag == null ? manifestDigest : tag, format.manifestMediaType(), manifest);
        return manifestDigest;
    }

    /**
     * Pushes several platform images and an index over them (an OCI image index or a Docker manifest list, by
     * {@code format}), entries in the order given.
     *
     * @return the index digest
     */
    public static String pushIndex(TestRegistry registry, String repository, String tag, ImageFormat format,
                                   List<TestImage> images) {
        byte[] index = indexBytes(format, images);
        for (TestImage image : images) {
            image.push(registry, repository, null);
        }
        new RegistryPusher(registry, repository).pushManifest(tag, format.indexMediaType(), index);
        return sha256(index);
    }

    /** The index {@link #pushIndex} writes, for serving it from somewhere else. */
    public static byte[] indexBytes(ImageFormat format, List<TestImage> images) {
        List<Object> entries = new ArrayList<>();
        for (TestImage image : images) {
            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("architecture", image.architecture);
            platform.put("os", image.os);
            if (image.variant != null) {
                platform.put("variant", image.variant);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mediaType", image.format.manifestMediaType());
            entry.put("digest", image.manifestDigest);
            entry.put("size", image.manifest.length);
            entry.put("platform", platform);
            entries.add(entry);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", format.indexMediaType());
        index.put("manifests", entries);
        return JSON.writeValueAsBytes(index);
    }

    public ImageFormat format() {
        return format;
    }

    public String os() {
        return os;
    }

    public String architecture() {
        return architecture;
    }

    /** Null when the image names no variant. */
    public String variant() {
        return variant;
    }

    public List<TestLayer> layers() {
        return layers;
    }

    public byte[] configBytes() {
        return config.clone();
    }

    public String configDigest() {
        return configDigest;
    }

    public byte[] manifestBytes() {
        return manifest.clone();
    }

    public String manifestDigest() {
        return manifestDigest;
    }

    public String manifestMediaType() {
        return format.manifestMediaType();
    }

    private Map<String, Object> configDocument(Builder builder) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        if (builder.user != null) {
            runtime.put("User", builder.user);
        }
        if (!builder.exposedPorts.isEmpty()) {
            Map<String, Object> ports = new LinkedHashMap<>();
            builder.exposedPorts.forEach(port -> ports.put(port, Map.of()));
            runtime.put("ExposedPorts", ports);
        }
        if (!builder.env.isEmpty()) {
            runtime.put("Env", builder.env);
        }
        if (builder.entrypoint != null) {
            runtime.put("Entrypoint", builder.entrypoint);
        }
        if (builder.cmd != null) {
            runtime.put("Cmd", builder.cmd);
        }
        if (builder.healthcheck != null) {
            runtime.put("Healthcheck", Map.of("Test", builder.healthcheck));
        }
        if (builder.workingDir != null) {
            runtime.put("WorkingDir", builder.workingDir);
        }
        if (!builder.labels.isEmpty()) {
            runtime.put("Labels", builder.labels);
        }
        List<Object> history = new ArrayList<>();
        for (History entry : builder.history) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("created", builder.created.toString());
            item.put("created_by", entry.createdBy());
            if (entry.emptyLayer()) {
                item.put("empty_layer", true);
            }
            history.add(item);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("architecture", architecture);
        document.put("os", os);
        if (variant != null) {
            document.put("variant", variant);
        }
        document.put("created", builder.created.toString());
        document.put("config", runtime);
        document.put("rootfs", Map.of("type", "layers", "diff_ids", layers.stream().map(TestLayer::diffId).toList()));
        document.put("history", history);
        return document;
    }

    private Map<String, Object> manifestDocument(boolean omitMediaType) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 2);
        if (!omitMediaType) {
            document.put("mediaType", format.manifestMediaType());
        }
        document.put("config", descriptor(format.configMediaType(), configDigest, config.length));
        document.put("layers", layers.stream()
                .map(layer -> descriptor(layer.mediaType(format), layer.digest(), layer.size()))
                .toList());
        return document;
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private record History(String createdBy, boolean emptyLayer) {
    }

    /** Collects layers, history and runtime config; linux/amd64 Docker schema 2 unless told otherwise. */
    public static final class Builder {

        private ImageFormat format = ImageFormat.DOCKER;
        private String os = "linux";
        private String architecture = "amd64";
        private String variant;
        private Instant created = TestLayer.FIXED_TIME;
        private boolean omitManifestMediaType;
        private final List<TestLayer> layers = new ArrayList<>();
        private final List<History> history = new ArrayList<>();
        private final List<String> env = new ArrayList<>();
        private final List<String> exposedPorts = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String user;
        private List<String> cmd;
        private List<String> entrypoint;
        private List<String> healthcheck;
        private String workingDir;

        private Builder() {
        }

        public Builder format(ImageFormat format) {
            this.format = Objects.requireNonNull(format);
            return this;
        }

        public Builder platform(String os, String architecture) {
            return platform(os, architecture, null);
        }

        /** @param variant e.g. {@code v8}; null for none */
        public Builder platform(String os, String architecture, String variant) {
            this.os = Objects.requireNonNull(os);
            this.architecture = Objects.requireNonNull(architecture);
            this.variant = variant;
            return this;
        }

        public Builder created(Instant created) {
            this.created = Objects.requireNonNull(created);
            return this;
        }

        /** A layer, with a history entry saying {@code ADD layer-<n> /}. */
        public Builder layer(TestLayer layer) {
            return layer(layer, "ADD layer-" + (layers.size() + 1) + " /");
        }

        /** A layer with the history entry that created it, e.g. {@code RUN apt-get install -y curl}. */
        public Builder layer(TestLayer layer, String createdBy) {
            layers.add(Objects.requireNonNull(layer));
            history.add(new History(createdBy, false));
            return this;
        }

        /** A history entry without a layer ({@code "empty_layer": true}), e.g. {@code ENV A=1}. */
        public Builder emptyLayer(String createdBy) {
            history.add(new History(createdBy, true));
            return this;
        }

        /** {@code NAME=value} entries. */
        public Builder env(String... entries) {
            env.addAll(Arrays.asList(entries));
            return this;
        }

        /** e.g. {@code 80/tcp}. */
        public Builder exposedPort(String port) {
            exposedPorts.add(port);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder cmd(String... cmd) {
            this.cmd = List.of(cmd);
            return this;
        }

        public Builder entrypoint(String... entrypoint) {
            this.entrypoint = List.of(entrypoint);
            return this;
        }

        /** The healthcheck test, e.g. {@code "CMD", "curl", "-f", "http://localhost/"}; {@code "NONE"} disables. */
        public Builder healthcheck(String... test) {
            this.healthcheck = List.of(test);
            return this;
        }

        public Builder workingDir(String workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        /** Leaves the optional {@code mediaType} field out of the manifest, as umoci does. OCI only. */
        public Builder omitManifestMediaType() {
            this.omitManifestMediaType = true;
            return this;
        }

        public TestImage build() {
            if (omitManifestMediaType && format != ImageFormat.OCI) {
                throw new IllegalStateException("only OCI manifests may omit their mediaType; Docker schema 2 requires it");
            }
            return new TestImage(this);
        }
    }
}
