package io.drydock.analyzer.catalogers.rpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real rpm packages built with Debian's {@code rpmbuild} and installed with Debian's {@code rpm} into a temporary root,
 * whose sqlite database the tests read (Debian package {@code rpm}, in the {@code drydock} script's TEST_PACKAGES).
 * Built once per test run under {@code target/}.
 *
 * <p>Two spec files: {@code drydock-hello} (epoch 2, a {@code -libs} subpackage whose source rpm has another name, a
 * directory among its files) and {@code drydock-tools} (no epoch, a package with hundreds of files and subpackages, so
 * that headers spill onto SQLite overflow pages and the table needs interior b-tree pages).
 */
final class RealRpmDatabase {

    /** Fields rpm prints for each package, tab-separated; the epoch is empty when the package has none. */
    static final String QUERY_FORMAT = "%{NAME}\\t%|EPOCH?{%{EPOCH}}:{}|\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}"
            + "\\t%{SOURCERPM}\\t%{LICENSE}\\t%{LONGSIZE}\\t%{VENDOR}\\n";
    /** One line per file: package name, path, mode. */
    static final String FILES_FORMAT = "[%{=NAME}\\t%{FILENAMES}\\t%{FILEMODES}\\n]";

    private static final int TOOLS_DATA_PACKAGES = 6;

    private static RealRpmDatabase built;

    final Path work;
    final Path rpms;

    private RealRpmDatabase(Path work) {
        this.work = work;
        this.rpms = work.resolve("top/RPMS");
    }

    /** The packages, built once; each test installs them into its own root with {@link #installInto}. */
    static synchronized RealRpmDatabase packages() throws IOException, InterruptedException {
        if (built == null) {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            RealRpmDatabase db = new RealRpmDatabase(Files.createTempDirectory(target, "rpm-fixtures"));
            Path specs = Files.createDirectories(db.work.resolve("top/SPECS"));
            Files.writeString(specs.resolve("hello.spec"), helloSpec());
            Files.writeString(specs.resolve("tools.spec"), toolsSpec());
            for (String spec : List.of("hello.spec", "tools.spec")) {
                run(db.work, "rpmbuild", "--define", "_topdir " + db.work.resolve("top"), "--define",
                        "debug_package %{nil}", "-bb", specs.resolve(spec).toString());
            }
            built = db;
        }
        return built;
    }

    /** The built package files whose names start with one of the prefixes. */
    List<Path> rpmFiles(String... prefixes) throws IOException {
        try (Stream<Path> files = Files.walk(rpms)) {
            return files.filter(file -> file.toString().endsWith(".rpm"))
                    .filter(file -> Stream.of(prefixes).anyMatch(p -> file.getFileName().toString().startsWith(p)))
                    .sorted()
                    .toList();
        }
    }

    /** Registers the packages in the root's database ({@code --justdb}: their files are not needed). */
    static void installInto(Path root, List<Path> packages) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm",
                "-i", "--nodeps", "--justdb", "--noscripts"));
        packages.forEach(file -> command.add(file.toString()));
        run(root.getParent(), command.toArray(String[]::new));
    }

    static byte[] sqliteOf(Path root) throws IOException {
        return Files.readAllBytes(root.resolve("var/lib/rpm/rpmdb.sqlite"));
    }

    /** What rpm itself says about the root's database, in the given query format. */
    static List<String> query(Path root, String format) throws IOException, InterruptedException {
        String out = run(root.getParent(), "rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "-qa",
                "--queryformat", format);
        return out.lines().sorted().toList();
    }

    /** Our reading of a package in {@link #QUERY_FORMAT}'s fields. */
    static String queryLine(RpmPackage pkg) {
        return String.join("\t", pkg.name(), pkg.epoch() == null ? "" : pkg.epoch().toString(), pkg.version(),
                pkg.release(), pkg.arch(), pkg.sourceRpm(), pkg.license(), String.valueOf(pkg.size()),
                pkg.vendor() == null ? "" : pkg.vendor());
    }

    /** Our reading of the packages' files as {@code name, path} lines, sorted. */
    static List<String> fileLines(List<RpmPackage> packages) {
        return packages.stream().flatMap(pkg -> pkg.files().stream().map(file -> pkg.name() + "\t" + file))
                .sorted().toList();
    }

    /** rpm's {@link #FILES_FORMAT} output as {@code name, path} lines without directories, sorted. */
    static List<String> filesWithoutDirectories(String rpmOutput) {
        return rpmOutput.lines()
                .map(line -> line.split("\t"))
                .filter(fields -> (Integer.parseInt(fields[2]) & 0170000) != 0040000)
                .map(fields -> fields[0] + "\t" + fields[1])
                .sorted()
                .toList();
    }

    /** What Debian's rpm reads from a Berkeley DB {@code Packages} file in {@code dir} (read-only backend). */
    static String queryBerkeleyDb(Path dir, String format) throws IOException, InterruptedException {
        return run(dir, "rpm", "--define", "_db_backend bdb_ro", "--dbpath", dir.toString(), "-qa", "--queryformat",
                format);
    }

    /** Runs a tool and returns its standard output; Debian's rpm warns on standard error that it is not dpkg. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(dir, "stderr", ".txt");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.to(errors.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is not installed: install Debian's rpm package (the"
                    + " drydock script's TEST_PACKAGES does)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output
                    + Files.readString(errors));
        }
        return output;
    }

    /**
     * Imports the public keys of Debian's archive keyring (package debian-archive-keyring) into the root's database:
     * real OpenPGP keys that rpm records as {@code gpg-pubkey} pseudo packages. rpm wants them ASCII-armoured
     * (RFC 4880 section 6: base64 and a CRC-24 checksum).
     */
    static void importKeys(Path root) throws IOException, InterruptedException {
        byte[] keyring = Files.readAllBytes(Path.of("/usr/share/keyrings/debian-archive-keyring.gpg"));
        int crc = 0xB704CE;
        for (byte b : keyring) {
            crc ^= (b & 0xff) << 16;
            for (int i = 0; i < 8; i++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        crc &= 0xFFFFFF;
        byte[] checksum = {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc};
        String armored = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keyring)
                + "\n=" + Base64.getEncoder().encodeToString(checksum) + "\n-----END PGP PUBLIC KEY BLOCK-----\n";
        Path key = Files.writeString(root.getParent().resolve("debian-archive-keyring.asc"), armored);
        run(root.getParent(), "rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "--import",
                key.toString());
    }

    private static String helloSpec() {
        return """
                Name: drydock-hello
                Version: 1.2.3
                Release: 4.dd1
                Epoch: 2
                Summary: Greets
                License: MIT AND Apache-2.0
                Vendor: Drydock Tests
                %description
                Greets.
                %package libs
                Summary: Greeting library
                License: LGPL-2.1-or-later
                %description libs
                The library.
                %install
                mkdir -p %{buildroot}/usr/share/drydock-hello %{buildroot}/usr/bin %{buildroot}/usr/lib64
                echo hello > %{buildroot}/usr/share/drydock-hello/greeting.txt
                printf '#!/bin/sh\\necho hello\\n' > %{buildroot}/usr/bin/drydock-hello
                echo lib > %{buildroot}/usr/lib64/libdrydock-hello.so.1
                %files
                %dir /usr/share/drydock-hello
                /usr/share/drydock-hello/greeting.txt
                /usr/bin/drydock-hello
                %files libs
                /usr/lib64/libdrydock-hello.so.1
                """;
    }

    private static String toolsSpec() {
        StringBuilder spec = new StringBuilder("""
                Name: drydock-tools
                Version: 0.9
                Release: 1
                Summary: Tools
                License: GPL-2.0-only
                Vendor: Drydock Tests
                BuildArch: noarch
                %description
                Tools.
                """);
        for (int i = 1; i <= TOOLS_DATA_PACKAGES; i++) {
            spec.append("%package -n drydock-data").append(i).append("\nSummary: Data ").append(i)
                    .append("\nVersion: 3.").append(i).append("\n%description -n drydock-data").append(i)
                    .append("\nData.\n");
        }
        spec.append("%install\n");
        spec.append("mkdir -p %{buildroot}/usr/share/drydock-tools/tool-files\n");
        spec.append("for n in $(seq 1 400); do echo $n > %{buildroot}/usr/share/drydock-tools/tool-files/"
                + "a-rather-long-file-name-to-make-the-header-large-$n.txt; done\n");
        for (int i = 1; i <= TOOLS_DATA_PACKAGES; i++) {
            spec.append("mkdir -p %{buildroot}/usr/share/drydock-data").append(i).append('\n');
            spec.append("for n in $(seq 1 60); do echo $n > %{buildroot}/usr/share/drydock-data").append(i)
                    .append("/data-$n.bin; done\n");
        }
        spec.append("%files\n/usr/share/drydock-tools\n");
        for (int i = 1; i <= TOOLS_DATA_PACKAGES; i++) {
            spec.append("%files -n drydock-data").append(i).append("\n/usr/share/drydock-data").append(i)
                    .append('\n');
        }
        return spec.toString();
    }
}
