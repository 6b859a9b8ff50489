package io.drydock.analyzer.layer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads {@link LayerChanges} as gzip-compressed JSON, streaming both ways: a layer of a million entries is
 * never held as one JSON string.
 */
public final class LayerChangesCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LayerChangesCodec() {
    }

    public static byte[] encode(LayerChanges changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            JSON.writeValue(gzip, changes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static LayerChanges decode(byte[] encoded) {
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(encoded), 64 * 1024)) {
            return JSON.readValue(gzip, LayerChanges.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
