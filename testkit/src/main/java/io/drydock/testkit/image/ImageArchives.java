package io.drydock.testkit.image;

import io.drydock.testkit.registry.TestRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Image archives written by a real tool: Debian's {@code skopeo} copies an image from the test registry into a
 * {@code docker-archive} (the format of {@code docker save}) or an {@code oci-archive} (an OCI image layout in a tar),
 * or an {@code oci} directory layout.
 */
public final class ImageArchives {

    private ImageArchives() {
    }

    /**
     * @param transport  {@code docker-archive}, {@code oci-archive} or {@code oci} (a directory)
     * @param name       the name written into the archive ({@code repo:tag} for docker-archive, a tag for OCI); null
     *                   for none
     * @param allPlatforms copy a multi-platform index whole instead of the linux/amd64 image
     */
    public static Path export(TestRegistry registry, String repositoryAndTag, String transport, Path target, String name,
                              boolean allPlatforms) {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--quiet",
                "--src-tls-verify=false"));
        registry.username().ifPresent(user -> command.add("--src-creds=" + user + ":" + registry.password().orElse("")));
        if (allPlatforms) {
            command.add("--all");
        } else {
            command.addAll(List.of("--override-os", "linux", "--override-arch", "amd64"));
        }
        command.add("docker://" + registry.hostPort() + "/" + repositoryAndTag);
        command.add(transport + ":" + target + (name == null ? "" : ":" + name));
        run(command, target.getParent());
        return target;
    }

    private static void run(List<String> command, Path workingDirectory) {
        try {
            Path log = Files.createTempFile("skopeo-", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("skopeo did not finish within 120 s: " + command);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("skopeo failed (" + process.exitValue() + "): " + command + "\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run skopeo (Debian package skopeo): " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running skopeo", e);
        }
    }
}
