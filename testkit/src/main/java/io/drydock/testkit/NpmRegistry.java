package io.drydock.testkit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Real packages from the public npm registry for tests, fetched once over HTTPS into {@code target/npm-registry/} (so
 * later runs work offline) and checked against the {@code dist.integrity} (SHA-512) the registry publishes.
 */
public final class NpmRegistry {

    private static final URI REGISTRY = URI.create("https://registry.npmjs.org/");
    private static final Path CACHE = Path.of("target", "npm-registry");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    private NpmRegistry() {
    }

    /** The published tarball of {@code name@version}, downloaded on first use. */
    public static synchronized Path tarball(String name, String version) {
        String base = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
        Path file = CACHE.resolve(name).resolve(base + "-" + version + ".tgz");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            JsonNode dist = JSON.readTree(get(REGISTRY.resolve(name.replace("/", "%2F") + "/" + version)))
                    .path("dist");
            String integrity = dist.path("integrity").asString("");
            if (!integrity.startsWith("sha512-")) {
                throw new IOException(name + "@" + version + " has no sha512 integrity in the registry");
            }
            byte[] content = get(URI.create(dist.path("tarball").asString()));
            String actual = "sha512-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-512").digest(content));
            if (!actual.equals(integrity)) {
                throw new IOException(name + "@" + version + " has " + actual + ", the registry publishes "
                        + integrity);
            }
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "download-", ".part");
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + name + "@" + version + " from the npm registry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted fetching " + name + "@" + version, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The regular files of the package as npm installs them into {@code node_modules/<name>/}: the tarball's entries
     * without its top directory ({@code package/}), by relative path.
     */
    public static Map<String, byte[]> files(String name, String version) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball(name, version)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    String path = entry.getName();
                    files.put(path.substring(path.indexOf('/') + 1), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tarball of " + name + "@" + version, e);
        }
        return files;
    }

    private static byte[] get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET()
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }
}
