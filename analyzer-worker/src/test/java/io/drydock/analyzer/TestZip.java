package io.drydock.analyzer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds zip archives (jars, wars, ears) in memory with commons-compress, entries deflated as jar tools write them. */
public final class TestZip {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    public static TestZip zip() {
        return new TestZip();
    }

    public TestZip entry(String name, String content) {
        return entry(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestZip entry(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    /** A manifest from its lines, each ended with CRLF as the JAR specification writes them. */
    public TestZip manifest(String... lines) {
        return entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n" + String.join("\r\n", lines) + "\r\n\r\n");
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
