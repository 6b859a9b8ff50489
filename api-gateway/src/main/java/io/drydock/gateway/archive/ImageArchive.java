package io.drydock.gateway.archive;

import io.drydock.platform.objectstore.Sha256CheckingInputStream;
import io.drydock.platform.registry.Platform;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An uploaded image archive, read without extracting it: a {@code docker save} tar ({@code docker-archive}) or an
 * OCI image layout in a tar ({@code oci-archive}). Picks one image out of it and describes it the way a registry
 * would — manifest bytes and digest, the index it came from, config and layer blobs — with every blob located in
 * the tar so that it can be copied out and verified.
 *
 * <p>A {@code docker save} tar has no manifest in the registry sense (Docker 25 and later also write an OCI layout
 * into it, which is then preferred): one is written here, deterministically, from {@code manifest.json}'s config and
 * layer files, so the same archive always gets the same image digest.
 *
 * <p>The tar is untrusted: entry names are only looked up, never used as paths; symbolic links between entries (as
 * {@code docker save} writes for shared layers) are followed within the tar only, a bounded number of times; JSON
 * documents are read with a size limit.
 */
public final class ImageArchive implements Closeable {

    public enum Format {
        DOCKER_ARCHIVE("docker-archive"), OCI_ARCHIVE("oci-archive");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Format parse(String text) {
            for (Format format : values()) {
                if (format.label.equals(text)) {
                    return format;
                }
            }
            throw new ArchiveException("unknown archive format '" + text + "': docker-archive or oci-archive");
        }
    }

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
    static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    static final String DOCKER_LAYER_ZSTD = "application/vnd.docker.image.rootfs.diff.tar.zstd";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
    private static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;
    private static final int MAX_LINK_HOPS = 8;
    private static final int MAX_INDEX_DEPTH = 2;

    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries;
    private final JsonMapper json = JsonMapper.builder().build();

    private ImageArchive(TarFile tar, Map<String, TarArchiveEntry> entries) {
        this.tar = tar;
        this.entries = entries;
    }

    /**
     * @param maxEntries more entries than this and the archive is refused (an image archive holds a handful per layer)
     * @throws ArchiveException when the file is not a readable tar
     */
    public static ImageArchive open(Path file, int maxEntries) throws IOException {
        TarFile tar;
        try {
            tar = new TarFile(file);
        } catch (IOException | RuntimeException e) {
            throw new ArchiveException("the upload is not a readable tar archive: " + e.getMessage(), e);
        }
        try {
            List<TarArchiveEntry> list = tar.getEntries();
            if (list.size() > maxEntries) {
                throw new ArchiveException("the archive has " + list.size() + " entries; an image archive has far fewer"
                        + " (limit " + maxEntries + ")");
            }
            if (list.isEmpty()) {
                throw new ArchiveException("the upload is an empty tar archive");
            }
            Map<String, TarArchiveEntry> byName = new HashMap<>();
            for (TarArchiveEntry entry : list) {
                byName.put(normalise(entry.getName()), entry);
            }
            return new ImageArchive(tar, byName);
        } catch (RuntimeException e) {
            tar.close();
            throw e;
        }
    }

    /** What the archive holds: an OCI layout wins over Docker's {@code manifest.json} when both are there. */
    public Format detectFormat() {
        if (entries.containsKey("index.json") && entries.containsKey("oci-layout")) {
            return Format.OCI_ARCHIVE;
        }
        if (entries.containsKey("manifest.json")) {
            return Format.DOCKER_ARCHIVE;
        }
        throw new ArchiveException("the archive is neither a docker save tar (no manifest.json) nor an OCI image layout"
                + " (no index.json and oci-layout)");
    }

    /**
     * Picks the image to analyse.
     *
     * @param format   what to read the archive as; null to detect
     * @param name     the image name the user asked for (matched against the archive's own names), or null
     * @param platform which image of a multi-platform archive
     */
    public SelectedImage select(Format format, String name, Platform platform) throws IOException {
        Format effective = format == null ? detectFormat() : format;
        return switch (effective) {
            case OCI_ARCHIVE -> selectOci(name, platform);
            case DOCKER_ARCHIVE -> entries.containsKey("index.json") && entries.containsKey("oci-layout")
                    ? selectOci(name, platform) : selectDocker(name);
        };
    }

    /** Opens a blob's content for copying; the caller verifies its digest. */
    public InputStream open(Blob blob) throws IOException {
        return tar.getInputStream(blob.entry());
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private SelectedImage selectOci(String name, Platform platform) throws IOException {
        JsonNode layout = readJson(require("oci-layout"), MAX_DOCUMENT_BYTES, "oci-layout");
        if (!layout.path("imageLayoutVersion").isString()) {
            throw new ArchiveException("oci-layout has no imageLayoutVersion: not an OCI image layout");
        }
        byte[] indexBytes = readBytes(require("index.json"), MAX_DOCUMENT_BYTES, "index.json");
        JsonNode index = parse(indexBytes, "index.json");
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            candidates.add(entry);
        }
        if (candidates.isEmpty()) {
            throw new ArchiveException("index.json lists no images");
        }
        Set<String> names = new LinkedHashSet<>();
        candidates.forEach(c -> names.addAll(refNames(c)));
        if (name != null && candidates.size() > 1) {
            List<JsonNode> named = candidates.stream().filter(c -> refNames(c).stream().anyMatch(n -> nameMatches(n, name))).toList();
            if (!named.isEmpty()) {
                candidates = named;
            }
        }
        JsonNode chosen = choose(candidates, platform, "index.json");
        String parentDigest = null;
        byte[] parentBytes = null;
        for (int depth = 0; isIndex(chosen); depth++) {
            if (depth == MAX_INDEX_DEPTH) {
                throw new ArchiveException("image indexes nested deeper than " + MAX_INDEX_DEPTH + " levels");
            }
            String digest = digestOf(chosen);
            parentBytes = readBlobBytes(digest, MAX_DOCUMENT_BYTES);
            parentDigest = digest;
            List<JsonNode> entries = new ArrayList<>();
            parse(parentBytes, "index " + digest).path("manifests").forEach(entries::add);
            chosen = choose(entries, platform, "index " + digest);
        }
        String manifestDigest = digestOf(chosen);
        byte[] manifestBytes = readBlobBytes(manifestDigest, MAX_DOCUMENT_BYTES);
        JsonNode manifest = parse(manifestBytes, "manifest " + manifestDigest);
        String mediaType = manifest.path("mediaType").asString(chosen.path("mediaType").asString(OCI_MANIFEST));
        if (!OCI_MANIFEST.equals(mediaType) && !DOCKER_MANIFEST.equals(mediaType)) {
            throw new ArchiveException("manifest " + manifestDigest + " has unsupported media type " + mediaType);
        }
        JsonNode config = manifest.path("config");
        if (!config.path("digest").isString() || !manifest.path("layers").isArray()) {
            throw new ArchiveException("manifest " + manifestDigest + " is not an image manifest with a config and layers");
        }
        Blob configBlob = blob(config);
        List<Blob> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            layers.add(blob(layer));
        }
        return new SelectedImage(manifestDigest, manifestBytes, mediaType,
                parentDigest == null ? manifestDigest : parentDigest, parentBytes, configBlob, layers, List.copyOf(names));
    }

    private SelectedImage selectDocker(String name) throws IOException {
        JsonNode manifests = readJson(require("manifest.json"), MAX_DOCUMENT_BYTES, "manifest.json");
        if (!manifests.isArray() || manifests.isEmpty()) {
            throw new ArchiveException("manifest.json of the docker archive lists no images");
        }
        JsonNode chosen = null;
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode image : manifests) {
            List<String> repoTags = new ArrayList<>();
            image.path("RepoTags").forEach(t -> repoTags.add(t.asString()));
            names.addAll(repoTags);
            if (name != null && repoTags.stream().anyMatch(t -> nameMatches(t, name))) {
                chosen = image;
            }
        }
        if (chosen == null) {
            if (manifests.size() > 1) {
                throw new ArchiveException("the archive holds " + manifests.size() + " images (" + String.join(", ", names)
                        + "); name the one to analyse with the tag parameter");
            }
            chosen = manifests.get(0);
        }
        if (!chosen.path("Config").isString() || !chosen.path("Layers").isArray()) {
            throw new ArchiveException("manifest.json entry has no Config and Layers");
        }
        TarArchiveEntry configEntry = resolve(chosen.path("Config").asString());
        Blob config = hashed(configEntry, DOCKER_CONFIG, MAX_CONFIG_BYTES);
        List<Blob> layers = new ArrayList<>();
        for (JsonNode layerName : chosen.path("Layers")) {
            TarArchiveEntry entry = resolve(layerName.asString());
            Blob hashed = hashed(entry, null, Long.MAX_VALUE);
            layers.add(new Blob(hashed.digest(), hashed.size(), layerMediaType(entry), entry));
        }
        byte[] manifestBytes = dockerManifest(config, layers);
        String digest = sha256(manifestBytes);
        return new SelectedImage(digest, manifestBytes, DOCKER_MANIFEST, digest, null, config, layers, List.copyOf(names));
    }

    /** A Docker schema 2 manifest for the archive's image: fields in a fixed order, no whitespace. */
    private byte[] dockerManifest(Blob config, List<Blob> layers) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", DOCKER_MANIFEST);
        manifest.set("config", descriptor(config));
        ArrayNode array = manifest.putArray("layers");
        layers.forEach(layer -> array.add(descriptor(layer)));
        return json.writeValueAsBytes(manifest);
    }

    private ObjectNode descriptor(Blob blob) {
        ObjectNode node = json.createObjectNode();
        node.put("mediaType", blob.mediaType());
        node.put("size", blob.size());
        node.put("digest", blob.digest());
        return node;
    }

    private String layerMediaType(TarArchiveEntry entry) throws IOException {
        byte[] head;
        try (InputStream in = tar.getInputStream(entry)) {
            head = in.readNBytes(4);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return DOCKER_LAYER_GZIP;
        }
        if (head.length == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return DOCKER_LAYER_ZSTD;
        }
        return DOCKER_LAYER;
    }

    private Blob hashed(TarArchiveEntry entry, String mediaType, long maxBytes) throws IOException {
        if (entry.getSize() > maxBytes) {
            throw new ArchiveException(entry.getName() + " is larger than " + maxBytes + " bytes");
        }
        try (Sha256CheckingInputStream in = new Sha256CheckingInputStream(tar.getInputStream(entry), null, entry.getName())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new Blob(in.digest(), in.count(), mediaType, entry);
        }
    }

    private Blob blob(JsonNode descriptor) {
        String digest = digestOf(descriptor);
        TarArchiveEntry entry = blobEntry(digest);
        long declared = descriptor.path("size").asLong(-1);
        if (declared != entry.getSize()) {
            throw new ArchiveException("blob " + digest + " is " + entry.getSize() + " bytes but its descriptor says "
                    + declared);
        }
        return new Blob(digest, declared, descriptor.path("mediaType").asString(null), entry);
    }

    private JsonNode choose(List<JsonNode> candidates, Platform platform, String where) {
        if (candidates.size() == 1 && !candidates.getFirst().path("platform").isObject()) {
            return candidates.getFirst();
        }
        Platform wanted = platform == null ? Platform.LINUX_AMD64 : platform;
        Set<String> available = new LinkedHashSet<>();
        for (JsonNode candidate : candidates) {
            JsonNode p = candidate.path("platform");
            if (!p.isObject()) {
                continue;
            }
            Platform offered = new Platform(p.path("os").asString(""), p.path("architecture").asString(""),
                    p.path("variant").asString(null));
            if (wanted.accepts(offered)) {
                return candidate;
            }
            if (!"unknown".equals(offered.os())) {
                available.add(offered.toString());
            }
        }
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        throw new ArchiveException("no " + wanted + " image in " + where + "; available: "
                + (available.isEmpty() ? "none" : String.join(", ", available)));
    }

    private static boolean isIndex(JsonNode descriptor) {
        String mediaType = descriptor.path("mediaType").asString("");
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    private static List<String> refNames(JsonNode descriptor) {
        List<String> names = new ArrayList<>();
        for (String key : List.of(CONTAINERD_NAME, REF_NAME)) {
            JsonNode value = descriptor.path("annotations").path(key);
            if (value.isString() && !value.asString().isBlank()) {
                names.add(value.asString());
            }
        }
        return names;
    }

    /** An archive's own name matches the requested one in full, or by tag alone (OCI ref names are often just a tag). */
    static boolean nameMatches(String archiveName, String requested) {
        if (archiveName.equals(requested)) {
            return true;
        }
        String requestedTag = requested.contains(":") && requested.lastIndexOf(':') > requested.lastIndexOf('/')
                ? requested.substring(requested.lastIndexOf(':') + 1) : null;
        return !archiveName.contains("/") && !archiveName.contains(":") && archiveName.equals(requestedTag)
                || archiveName.endsWith("/" + requested) || requested.endsWith("/" + archiveName);
    }

    private String digestOf(JsonNode descriptor) {
        String digest = descriptor.path("digest").asString("");
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new ArchiveException("descriptor with unsupported digest '" + digest + "' (sha256 only)");
        }
        return digest;
    }

    private TarArchiveEntry blobEntry(String digest) {
        String name = "blobs/sha256/" + digest.substring("sha256:".length());
        TarArchiveEntry entry = entries.get(name);
        if (entry == null) {
            throw new ArchiveException("blob " + digest + " is referenced but not in the archive");
        }
        return resolve(name);
    }

    private byte[] readBlobBytes(String digest, int limit) throws IOException {
        byte[] bytes = readBytes(blobEntry(digest), limit, "blob " + digest);
        if (!sha256(bytes).equals(digest)) {
            throw new ArchiveException("blob " + digest + " in the archive does not have that digest (" + sha256(bytes) + ")");
        }
        return bytes;
    }

    private TarArchiveEntry require(String name) {
        TarArchiveEntry entry = entries.get(name);
        if (entry == null) {
            throw new ArchiveException("the archive has no " + name);
        }
        return resolve(name);
    }

    /** The regular-file entry a name leads to, following symbolic and hard links inside the tar. */
    private TarArchiveEntry resolve(String name) {
        String current = normalise(name);
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            TarArchiveEntry entry = entries.get(current);
            if (entry == null) {
                throw new ArchiveException("the archive has no " + current + " (named by " + name + ")");
            }
            if (entry.isSymbolicLink() || entry.isLink()) {
                String target = entry.getLinkName();
                String base = entry.isSymbolicLink() && current.contains("/")
                        ? current.substring(0, current.lastIndexOf('/') + 1) : "";
                current = normalise(target.startsWith("/") ? target : base + target);
                continue;
            }
            if (!entry.isFile()) {
                throw new ArchiveException(current + " in the archive is not a regular file");
            }
            return entry;
        }
        throw new ArchiveException(name + " in the archive is a chain of more than " + MAX_LINK_HOPS + " links");
    }

    /** {@code ./a/../b//c} → {@code b/c}; a name climbing above the archive root is refused. */
    static String normalise(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new ArchiveException("archive name " + name + " points outside the archive");
                }
                parts.removeLast();
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private JsonNode readJson(TarArchiveEntry entry, int limit, String what) throws IOException {
        return parse(readBytes(entry, limit, what), what);
    }

    private byte[] readBytes(TarArchiveEntry entry, int limit, String what) throws IOException {
        if (entry.getSize() > limit) {
            throw new ArchiveException(what + " is larger than " + limit + " bytes");
        }
        try (InputStream in = tar.getInputStream(entry)) {
            return in.readNBytes(limit);
        }
    }

    private JsonNode parse(byte[] bytes, String what) {
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ArchiveException(what + " is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new ArchiveException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** A blob of the chosen image and the tar entry holding it. */
    public record Blob(String digest, long size, String mediaType, TarArchiveEntry entry) {
    }

    /**
     * The image picked from the archive.
     *
     * @param parentDigest the index it was chosen from, or {@code digest}
     * @param parentBytes  that index, or null
     * @param names        every image name the archive gives (Docker RepoTags, OCI ref names)
     */
    public record SelectedImage(String digest, byte[] manifestBytes, String mediaType, String parentDigest,
                                byte[] parentBytes, Blob config, List<Blob> layers, List<String> names) {

        public long compressedSize() {
            return layers.stream().mapToLong(Blob::size).sum();
        }

        public String manifestText() {
            return new String(manifestBytes, StandardCharsets.UTF_8);
        }
    }
}
