package io.drydock.analyzer.catalogers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.layer.TempSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What file cataloger tests share: a context, a call that goes through {@link FileCataloger#wants} first as the layer
 * reader does, running the real tools that make fixtures, and files from real Debian packages (fetched once with
 * {@code apt-get download} and kept under {@code target/}).
 */
public final class CatalogerFixtures {

    public static final Path TARGET = Path.of("target", "cataloger-fixtures").toAbsolutePath();

    private CatalogerFixtures() {
    }

    public static CatalogContext context(Warnings warnings) {
        return context(AnalyzerLimits.defaults(), warnings);
    }

    public static CatalogContext context(AnalyzerLimits limits, Warnings warnings) {
        return new CatalogContext(limits, warnings, TempSpace.underSystemTemp(limits.maxTempBytes()));
    }

    /** Catalogs {@code content} found at {@code path} (no leading slash), after checking the cataloger wants it. */
    public static List<PackageRecord> catalog(FileCataloger cataloger, String path, byte[] content,
                                              CatalogContext context) throws IOException {
        byte[] head = Arrays.copyOf(content, Math.min(content.length, FileCataloger.HEAD_BYTES));
        assertThat(cataloger.wants(path, content.length, head)).as("wants " + path).isTrue();
        return cataloger.catalog(ScannedFile.inMemory("/" + path, content), context);
    }

    public static List<PackageRecord> catalog(FileCataloger cataloger, String path, String content)
            throws IOException {
        return catalog(cataloger, path, content.getBytes(StandardCharsets.UTF_8), context(new Warnings(20)));
    }

    /** Runs a command in {@code dir}; fails the test with its output when it fails or overruns. */
    public static String run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path output = Files.createTempFile(TARGET.getParent(), "command", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                        + log.substring(Math.max(0, log.length() - 4000)));
            }
            return log;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Whether {@code command --version} runs on this machine. */
    public static boolean available(String command) {
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * One file of a Debian package of this machine's release, fetched with {@code apt-get download} on first use.
     * Skips the test (with the reason) on a machine without apt.
     */
    public static synchronized byte[] debianFile(String debianPackage, String pathInPackage)
            throws IOException, InterruptedException {
        assumeTrue(available("apt-get") && available("dpkg-deb"),
                "apt-get and dpkg-deb are needed to fetch " + debianPackage + "; skipped");
        Path dir = TARGET.resolve("debian").resolve(debianPackage);
        Path extracted = dir.resolve("root").resolve(pathInPackage.replaceFirst("^/", ""));
        if (!Files.exists(extracted)) {
            try (var debs = Files.exists(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
                if (debs.noneMatch(p -> p.toString().endsWith(".deb"))) {
                    run(dir, Duration.ofMinutes(5), "apt-get", "download", debianPackage);
                }
            }
            Path deb;
            try (var debs = Files.list(dir)) {
                deb = debs.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
            }
            Files.createDirectories(dir.resolve("root"));
            run(dir, Duration.ofMinutes(5), "sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -x -C root \"$1\"",
                    deb.toString(), "." + pathInPackage);
        }
        return Files.readAllBytes(extracted);
    }
}
