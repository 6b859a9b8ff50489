package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.TestTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.stream.Stream;

/**
 * Real Debian packages for catalogers' tests: downloaded once with {@code apt-get download} (from the machine's
 * configured Debian mirror) into {@code target/debs}, unpacked with {@code dpkg-deb -x}, and turned into layers.
 */
public final class DebianPackages {

    private static final Path CACHE = Path.of("target", "debs").toAbsolutePath();

    private DebianPackages() {
    }

    /** One unpacked package. */
    public record Unpacked(String name, String version, String control, Path root) {

        /** The upstream version: no epoch, no Debian revision, no repack suffix ({@code 2.28.1+dfsg-1} → 2.28.1). */
        public String upstreamVersion() {
            String upstream = version.substring(version.indexOf(':') + 1);
            int revision = upstream.lastIndexOf('-');
            if (revision > 0) {
                upstream = upstream.substring(0, revision);
            }
            for (char suffix : new char[] {'+', '~'}) {
                int at = upstream.indexOf(suffix);
                if (at > 0) {
                    upstream = upstream.substring(0, at);
                }
            }
            return upstream;
        }

        /** Every path the package installs, relative to the root, directories first, in file-system walk order. */
        public List<String> paths() {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(path -> !path.equals(root))
                        .map(path -> root.relativize(path).toString())
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Adds the package's directories, files and symlinks to a layer, as dpkg would unpack them. */
        public TestTar addTo(TestTar tar) {
            for (String relative : paths()) {
                Path path = root.resolve(relative);
                try {
                    if (Files.isSymbolicLink(path)) {
                        tar.symlink(relative, Files.readSymbolicLink(path).toString());
                    } else if (Files.isDirectory(path)) {
                        tar.dir(relative);
                    } else {
                        tar.file(relative, Files.readAllBytes(path), 0644, 0, 0);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return tar;
        }

        /** The package's stanza in {@code /var/lib/dpkg/status}: its control fields, marked installed. */
        public String statusStanza() {
            return control.strip().replaceFirst("(?m)^(Package: .*)$", "$1\nStatus: install ok installed") + "\n";
        }

        /** Its {@code /var/lib/dpkg/info/<name>.list}: {@code /.} and every path it installs, absolute. */
        public String fileList() {
            StringBuilder list = new StringBuilder("/.\n");
            paths().forEach(path -> list.append('/').append(path).append('\n'));
            return list.toString();
        }

        /**
         * Installs the wheel the package ships whose file name starts with {@code wheelPrefix} the way pip does:
         * unpacked into the site-packages directory.
         */
        public TestTar installWheel(TestTar tar, String wheelPrefix, String sitePackages) {
            String wheel = paths().stream()
                    .filter(path -> path.endsWith(".whl") && path.substring(path.lastIndexOf('/') + 1)
                            .startsWith(wheelPrefix))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " ships no " + wheelPrefix + "*.whl"));
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(read(wheel)))) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    if (!entry.isDirectory()) {
                        tar.file(sitePackages + "/" + entry.getName(), zip.readAllBytes(), 0644, 0, 0);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return tar;
        }

        public byte[] read(String relative) {
            try {
                return Files.readAllBytes(root.resolve(relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The package, downloaded and unpacked on first use. */
    public static synchronized Unpacked fetch(String name) {
        try {
            Files.createDirectories(CACHE);
            if (cached(name) == null) {
                run(List.of("apt-get", "download", name), CACHE);
            }
            Path deb = cached(name);
            if (deb == null) {
                throw new AssertionError("apt-get download " + name + " left no .deb in " + CACHE);
            }
            Path root = CACHE.resolve(name);
            if (!Files.isDirectory(root)) {
                Path partial = CACHE.resolve(name + ".partial");
                run(List.of("rm", "-rf", partial.toString()), CACHE);
                run(List.of("dpkg-deb", "-x", deb.toString(), partial.toString()), CACHE);
                Files.move(partial, root);
            }
            String control = run(List.of("dpkg-deb", "-f", deb.toString()), CACHE);
            String version = control.lines().filter(line -> line.startsWith("Version: ")).findFirst()
                    .map(line -> line.substring("Version: ".length()).strip())
                    .orElseThrow(() -> new AssertionError(deb + " has no Version field"));
            return new Unpacked(name, version, control, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path cached(String name) throws IOException {
        try (Stream<Path> files = Files.list(CACHE)) {
            return files.filter(path -> path.getFileName().toString().startsWith(name + "_")
                    && path.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
        }
    }

    private static String run(List<String> command, Path directory) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (Debian packages come from the "
                        + "configured apt mirror; run apt-get update first):\n" + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
