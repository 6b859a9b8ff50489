package io.drydock.feeds;

import io.drydock.testkit.osv.OsvFixtures;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The archives and directories a sync reads, built at test time from the real OSV records of testkit
 * ({@link OsvFixtures}, sources named in its SOURCES.md), and later revisions of those records.
 */
public final class OsvArchives {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OsvArchives() {
    }

    public static byte[] record(String ecosystem, String id) {
        return OsvFixtures.read(ecosystem, id);
    }

    /** The record as upstream would publish a later revision of it. */
    public static byte[] modifiedAt(byte[] record, Instant modified) {
        ObjectNode node = (ObjectNode) JSON.readTree(record);
        node.put("modified", modified.toString());
        return JSON.writeValueAsBytes(node);
    }

    /** The record withdrawn by upstream. */
    public static byte[] withdrawnAt(byte[] record, Instant when) {
        ObjectNode node = (ObjectNode) JSON.readTree(record);
        node.put("modified", when.toString());
        node.put("withdrawn", when.toString());
        return JSON.writeValueAsBytes(node);
    }

    /** An {@code all.zip}: one {@code <ID>.json} entry per record. */
    public static byte[] zip(Map<String, byte[]> recordsById) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> record : recordsById.entrySet()) {
                zip.putNextEntry(new ZipEntry(record.getKey() + ".json"));
                zip.write(record.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A directory of {@code <ID>.json} files. */
    public static Path directory(Path directory, Map<String, byte[]> recordsById) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> record : recordsById.entrySet()) {
                Files.write(directory.resolve(record.getKey() + ".json"), record.getValue());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String id(byte[] record) {
        return JSON.readTree(record).path("id").asString();
    }

    public static Instant modified(byte[] record) {
        return Instant.parse(JSON.readTree(record).path("modified").asString());
    }
}
