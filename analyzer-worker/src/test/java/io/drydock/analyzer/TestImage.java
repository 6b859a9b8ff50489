package io.drydock.analyzer;

import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.ImageFileSystem;
import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.analyzer.layer.LayerStack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stacks in-memory layer blobs into a file system view. */
public final class TestImage {

    private TestImage() {
    }

    public static ImageFileSystem stack(ContentSelector selector, byte[]... blobs) {
        return stack(AnalyzerLimits.defaults(), selector, new Warnings(100), blobs);
    }

    public static ImageFileSystem stack(AnalyzerLimits limits, ContentSelector selector, Warnings warnings,
            byte[]... blobs) {
        LayerStack stack = new LayerStack(limits, selector, warnings);
        try {
            for (byte[] blob : blobs) {
                stack.add(TestTar.describe(blob), new ByteArrayInputStream(blob));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stack.fileSystem();
    }

    /** Analyses the blobs as the layers of an image with a minimal config (no history). */
    public static ImageAnalysisResult analyze(ImageAnalyzer analyzer, byte[]... blobs) {
        Map<String, byte[]> byDigest = new HashMap<>();
        for (byte[] blob : blobs) {
            byDigest.put(TestTar.describe(blob).digest(), blob);
        }
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        try {
            return analyzer.analyze(AnalysisRequest.of(describeAll(blobs), config,
                    layer -> new ByteArrayInputStream(byDigest.get(layer.digest()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<LayerDescriptor> describeAll(byte[]... blobs) {
        return Arrays.stream(blobs).map(TestTar::describe).toList();
    }
}
