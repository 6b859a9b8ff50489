package io.drydock.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Real artefacts from Maven Central for tests, fetched once over HTTPS into {@code target/maven-central/} (so later
 * runs work offline) and checked against the SHA-1 Central publishes beside each file.
 */
public final class MavenCentral {

    private static final URI REPOSITORY = URI.create("https://repo.maven.apache.org/maven2/");
    private static final Path CACHE = Path.of("target", "maven-central");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    private MavenCentral() {
    }

    /** {@code groupId:artifactId:version:extension} as a file, downloaded on first use. */
    public static synchronized Path artifact(String coordinates) {
        String[] parts = coordinates.split(":");
        String relative = parts[0].replace('.', '/') + "/" + parts[1] + "/" + parts[2] + "/" + parts[1] + "-"
                + parts[2] + "." + parts[3];
        Path file = CACHE.resolve(relative);
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            byte[] content = get(relative);
            String expected = new String(get(relative + ".sha1"), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IOException(relative + " has SHA-1 " + actual + ", Central publishes " + expected);
            }
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "download-", ".part");
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + coordinates + " from Maven Central", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted fetching " + coordinates, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String coordinates) {
        try {
            return Files.readAllBytes(artifact(coordinates));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] get(String relative) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(REPOSITORY.resolve(relative))
                .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + REPOSITORY.resolve(relative) + " answered " + response.statusCode());
        }
        return response.body();
    }
}
