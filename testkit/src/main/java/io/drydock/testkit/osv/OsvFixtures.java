package io.drydock.testkit.osv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The public OSV records on the test classpath ({@code io/drydock/testkit/osv/<ecosystem>/<id>.json}, their sources in
 * {@code SOURCES.md} next to them): real advisories for parsing, matching and feed tests.
 */
public final class OsvFixtures {

    private static final String ROOT = "io/drydock/testkit/osv/";

    /** One record file: its directory (the OSV ecosystem without release) and id. */
    public record Fixture(String ecosystem, String id) {

        public String resource() {
            return ROOT + ecosystem + "/" + id + ".json";
        }

        public byte[] bytes() {
            return read(ecosystem, id);
        }
    }

    private OsvFixtures() {
    }

    /** The bytes of one record, e.g. {@code read("Maven", "GHSA-jfh8-c2jp-5v3q")}. */
    public static byte[] read(String ecosystem, String id) {
        String resource = ROOT + ecosystem + "/" + id + ".json";
        try (InputStream in = OsvFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no OSV fixture " + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record, sorted by ecosystem and id. */
    public static List<Fixture> all() {
        URL sources = OsvFixtures.class.getClassLoader().getResource(ROOT + "SOURCES.md");
        if (sources == null) {
            throw new IllegalStateException("no " + ROOT + "SOURCES.md on the classpath");
        }
        try {
            URI uri = sources.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return list(jar.provider().getPath(uri).getParent());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened by someone else, who closes it
                    return list(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
                }
            }
            return list(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Fixture> list(Path root) throws IOException {
        List<Fixture> fixtures = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            files.filter(file -> file.getFileName().toString().endsWith(".json")).forEach(file -> {
                String name = file.getFileName().toString();
                fixtures.add(new Fixture(file.getParent().getFileName().toString(),
                        name.substring(0, name.length() - ".json".length())));
            });
        }
        fixtures.sort(Comparator.comparing(Fixture::ecosystem).thenComparing(Fixture::id));
        return fixtures;
    }
}
