package io.drydock.analyzer.layer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a layer blob for reading. The analyzer opens each layer once, reads it to the end and closes it; the
 * implementation verifies the blob digest (for example by failing the last read on a mismatch).
 */
@FunctionalInterface
public interface LayerSource {

    InputStream open(LayerDescriptor layer) throws IOException;
}
