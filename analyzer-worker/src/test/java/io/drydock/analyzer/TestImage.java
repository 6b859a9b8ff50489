package io.drydock.analyzer;

import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.ImageFileSystem;
import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.analyzer.layer.LayerStack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

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

    public static List<LayerDescriptor> describeAll(byte[]... blobs) {
        return Arrays.stream(blobs).map(TestTar::describe).toList();
    }
}
