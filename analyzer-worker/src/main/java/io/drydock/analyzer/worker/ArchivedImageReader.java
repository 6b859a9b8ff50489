package io.drydock.analyzer.worker;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.AnalysisRequest;
import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.platform.objectstore.ArchivedImages;
import io.drydock.platform.objectstore.ObjectStore;
import io.drydock.platform.objectstore.ObjectStoreUnavailableException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an image uploaded as an archive back from the object store, where api-gateway left it: the manifest the image
 * digest names (checked against that digest), the config, and the layers as a verified {@link AnalysisRequest}.
 */
@Component
public class ArchivedImageReader {

    private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final ObjectStore store;
    private final JsonMapper json = JsonMapper.builder().build();

    public ArchivedImageReader(ObjectStore store) {
        this.store = store;
    }

    public AnalysisRequest request(String imageDigest, long maxConfigBytes) throws IOException {
        byte[] manifest;
        try (InputStream in = store.open(ArchivedImages.manifestKey(imageDigest))) {
            manifest = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new AnalysisFailure("the uploaded archive of " + imageDigest + " is not in the object store any more;"
                    + " upload it again");
        } catch (ObjectStoreUnavailableException e) {
            throw new AnalysisFailure(imageDigest + " was uploaded as an archive, but this analyzer-worker cannot read it: "
                    + e.getMessage());
        }
        if (manifest.length > MAX_MANIFEST_BYTES || !sha256(manifest).equals(imageDigest)) {
            throw new AnalysisFailure("the stored manifest of " + imageDigest + " does not have that digest");
        }
        JsonNode document;
        try {
            document = json.readTree(manifest);
        } catch (JacksonException e) {
            throw new AnalysisFailure("the stored manifest of " + imageDigest + " is not JSON: " + e.getOriginalMessage());
        }
        String configDigest = document.path("config").path("digest").asString("");
        byte[] config;
        try (InputStream in = ArchivedImages.openBlob(store, imageDigest, configDigest)) {
            config = in.readNBytes((int) Math.min(maxConfigBytes + 1, Integer.MAX_VALUE - 16));
            if (config.length > maxConfigBytes) {
                throw new AnalysisFailure("image config " + configDigest + " is larger than " + maxConfigBytes + " bytes");
            }
            // Reading to the end verifies the digest.
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        List<LayerDescriptor> layers = new ArrayList<>();
        for (JsonNode layer : document.path("layers")) {
            layers.add(new LayerDescriptor(layer.path("digest").asString(), layer.path("mediaType").asString(null),
                    layer.path("size").asLong()));
        }
        return AnalysisRequest.of(layers, config, layer -> ArchivedImages.openBlob(store, imageDigest, layer.digest()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
