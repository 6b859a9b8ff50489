package io.drydock.analyzer.catalogers.binary;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Real binaries for the cataloger tests: files of npm packages (fetched from the npm registry once, checked against
 * the registry's integrity hash, cached under {@code target/binary-fixtures}), files of Debian packages (fetched with
 * {@code apt-get download}), and the output of the programs installed on this machine.
 */
public final class BinaryFixtures {

    private static final Path CACHE = Path.of("target", "binary-fixtures");

    private BinaryFixtures() {
    }

    /**
     * One file of an npm package tarball.
     *
     * @param tarball   registry path of the tarball ({@code @esbuild/linux-x64/-/linux-x64-0.20.2.tgz})
     * @param integrity the registry's {@code dist.integrity} ({@code sha512-...})
     * @param entry     the file inside the tarball ({@code package/bin/esbuild})
     */
    public static synchronized Path npmFile(String tarball, String integrity, String entry) throws Exception {
        Path target = CACHE.resolve("npm").resolve(tarball.replace('/', '_')).resolve(entry);
        if (Files.exists(target)) {
            return target;
        }
        Path archive = CACHE.resolve("npm").resolve(tarball.replace('/', '_') + ".tgz");
        if (!Files.exists(archive)) {
            Files.createDirectories(archive.getParent());
            try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build()) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                                URI.create("https://registry.npmjs.org/" + tarball)).timeout(Duration.ofMinutes(2))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("npm registry answered " + response.statusCode() + " for " + tarball);
                }
                checkIntegrity(response.body(), integrity, tarball);
                Path partial = Files.createTempFile(archive.getParent(), "download", ".part");
                Files.write(partial, response.body());
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(Files.newInputStream(archive)))) {
            TarArchiveEntry next;
            while ((next = tar.getNextEntry()) != null) {
                if (next.getName().equals(entry)) {
                    Files.createDirectories(target.getParent());
                    Path partial = Files.createTempFile(target.getParent(), "extract", ".part");
                    Files.copy(tar, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                }
            }
        }
        throw new IOException(tarball + " has no " + entry);
    }

    /**
     * A Debian package fetched with {@code apt-get download} and unpacked with {@code dpkg-deb -x}.
     *
     * @return the directory it was unpacked into, and the package's version
     */
    public static synchronized DebPackage debPackage(String name) throws Exception {
        Path dir = CACHE.resolve("deb").resolve(name).toAbsolutePath();
        Path unpacked = dir.resolve("root");
        Files.createDirectories(dir);
        try (var listing = Files.list(dir)) {
            if (listing.noneMatch(p -> p.toString().endsWith(".deb"))) {
                run(dir, "apt-get", "download", name);
            }
        }
        Path deb;
        try (var listing = Files.list(dir)) {
            deb = listing.filter(p -> p.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download " + name + " left no .deb"));
        }
        if (!Files.exists(unpacked)) {
            run(dir, "dpkg-deb", "-x", deb.toString(), unpacked.toString());
        }
        return new DebPackage(unpacked, run(dir, "dpkg-deb", "-f", deb.toString(), "Version").strip());
    }

    public record DebPackage(Path root, String version) {
    }

    /** Runs a program and returns what it printed (stdout and stderr); fails when it fails. */
    public static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).directory(directory == null ? null : directory.toFile())
                .redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
        }
        return text;
    }

    private static void checkIntegrity(byte[] body, String integrity, String what)
            throws IOException, NoSuchAlgorithmException {
        String expected = integrity.substring("sha512-".length());
        String actual = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(body));
        if (!actual.equals(expected)) {
            throw new IOException(what + " does not match the registry's integrity hash");
        }
    }
}
