package io.drydock.testkit.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Debian 12 (bookworm) root file system with a real dpkg database, built once per machine with
 * {@code debootstrap --variant=minbase} (about 30 s, needs root and network access to the Debian mirror) and cached
 * under {@code ${java.io.tmpdir}/drydock-test-cache/debootstrap-bookworm-minbase}.
 *
 * <p>The build happens in a temporary sibling directory that is renamed into place only once complete, so an
 * aborted build leaves nothing that looks usable and concurrent builds (two test JVMs) both end with the same result.
 */
public final class DebianRootfs {

    private static final Logger log = LoggerFactory.getLogger(DebianRootfs.class);

    private static final String SUITE = "bookworm";
    private static final String CACHE_NAME = "debootstrap-" + SUITE + "-minbase";
    private static final String COMPLETE_MARKER = "COMPLETE";
    private static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    private static final long BUILD_TIMEOUT_MINUTES = 15;
    private static final Path DEBOOTSTRAP = Path.of("/usr/sbin/debootstrap");

    private DebianRootfs() {
    }

    /**
     * The root file system, building it first if this machine has none cached. The mirror can be changed with the
     * system property {@code drydock.test.debian-mirror}.
     */
    public static synchronized Path path() {
        Path cacheRoot = Path.of(System.getProperty("java.io.tmpdir"), "drydock-test-cache");
        Path cached = cacheRoot.resolve(CACHE_NAME);
        if (Files.exists(cached.resolve(COMPLETE_MARKER))) {
            return cached.resolve("rootfs");
        }
        build(cacheRoot, cached);
        return cached.resolve("rootfs");
    }

    private static void build(Path cacheRoot, Path cached) {
        if (!Files.isExecutable(DEBOOTSTRAP)) {
            throw new IllegalStateException(DEBOOTSTRAP + " not found: install the 'debootstrap' Debian package "
                    + "(apt-get install debootstrap) to run tests that need a Debian root file system");
        }
        if (!isRoot()) {
            throw new IllegalStateException("debootstrap needs root to build the Debian test root file system; run the "
                    + "tests as root or build it once as root (it is cached in " + cached + ")");
        }
        String mirror = System.getProperty("drydock.test.debian-mirror", DEFAULT_MIRROR);
        Path building = cacheRoot.resolve(CACHE_NAME + ".building-" + UUID.randomUUID());
        try {
            Files.createDirectories(building);
            Path rootfs = building.resolve("rootfs");
            Path logFile = building.resolve("debootstrap.log");
            log.info("Building the Debian {} test root file system in {} from {}; about 30 s, once per machine",
                    SUITE, cached, mirror);
            Process process = new ProcessBuilder(DEBOOTSTRAP.toString(), "--variant=minbase", SUITE, rootfs.toString(), mirror)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("debootstrap did not finish within " + BUILD_TIMEOUT_MINUTES
                        + " minutes:\n" + tail(logFile));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("debootstrap failed with exit code " + process.exitValue() + ":\n" + tail(logFile));
            }
            Files.writeString(building.resolve(COMPLETE_MARKER), SUITE + " minbase from " + mirror + "\n");
            publish(building, cached);
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the Debian test root file system", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the Debian test root file system", e);
        } finally {
            deleteRecursively(building);
        }
    }

    /** Renames the finished build into place; if another build got there first, keeps theirs. */
    private static void publish(Path building, Path cached) throws IOException {
        if (Files.exists(cached) && !Files.exists(cached.resolve(COMPLETE_MARKER))) {
            // Left by something other than this class (a rename is all or nothing); clear it out of the way.
            deleteRecursively(cached);
        }
        try {
            Files.move(building, cached, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException concurrentBuildWon) {
            log.info("Another build of {} finished first; using it", cached);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException(cached.getParent() + " cannot rename atomically", e);
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean hasMountsUnder(Path root) {
        try {
            String prefix = root.toRealPath().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] fields = line.split(" ");
                // Mount points escape spaces and the like as octal; the paths here have none.
                if (fields.length > 1 && (fields[1].equals(prefix) || fields[1].startsWith(prefix + "/"))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        if (hasMountsUnder(root)) {
            // debootstrap mounts proc (and binds devices) into the target; a killed run can leave them mounted, and
            // deleting through a mount would reach the host's files.
            log.warn("{} still has file systems mounted inside; leaving it for manual cleanup", root);
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}; leaving it", root, e);
        }
    }
}
