package io.drydock.cli.image;

import io.drydock.cli.CliException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code image add} was given: an image in a registry, an archive file, or an OCI image layout directory, told
 * apart by a transport prefix as skopeo writes them ({@code docker-archive:PATH}, {@code oci-archive:PATH},
 * {@code oci-dir:PATH}; {@code docker://} is accepted before a registry reference).
 */
public sealed interface ImageSource {

    /** The characters Anchore accepts in a pull string. */
    Pattern PULL_STRING = Pattern.compile("[a-zA-Z0-9@:/_.-]+");

    /** A registry reference as the API takes it, e.g. {@code registry.example.com/team/app:1.4}. */
    record Registry(String reference) implements ImageSource {
    }

    /** A {@code docker save} tar or an OCI archive, uploaded as it is. */
    record Archive(ArchiveFormat format, Path path) implements ImageSource {
    }

    /** An OCI image layout directory, packed into an {@code oci-archive} by the client. */
    record OciDirectory(Path path) implements ImageSource {
    }

    enum ArchiveFormat {
        DOCKER_ARCHIVE("docker-archive"), OCI_ARCHIVE("oci-archive");

        private final String label;

        ArchiveFormat(String label) {
            this.label = label;
        }

        /** The API's name of the format ({@code format} parameter of {@code POST /images/archive}). */
        public String label() {
            return label;
        }
    }

    /**
     * @throws CliException when the text is neither a transport with a path nor a valid registry reference
     */
    static ImageSource parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new CliException("no image given");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("docker-archive:")) {
            return new Archive(ArchiveFormat.DOCKER_ARCHIVE, path(value, "docker-archive:"));
        }
        if (lower.startsWith("oci-archive:")) {
            return new Archive(ArchiveFormat.OCI_ARCHIVE, path(value, "oci-archive:"));
        }
        if (lower.startsWith("oci-dir:")) {
            return new OciDirectory(path(value, "oci-dir:"));
        }
        if (lower.startsWith("docker://")) {
            return registry(value.substring("docker://".length()), text);
        }
        // skopeo's other transports: named, so that a user who writes one learns what to write instead.
        for (String transport : new String[]{"oci:", "dir:", "docker-daemon:", "containers-storage:"}) {
            if (lower.startsWith(transport)) {
                throw new CliException("'" + transport + "' images are not supported: give a registry reference,"
                        + " docker-archive:PATH, oci-archive:PATH or oci-dir:PATH (an OCI image layout directory)");
            }
        }
        return registry(value, text);
    }

    private static Path path(String value, String prefix) {
        String path = value.substring(prefix.length());
        if (path.isBlank()) {
            throw new CliException("'" + prefix + "' needs a path after it, e.g. " + prefix + "./image.tar");
        }
        return Path.of(path);
    }

    private static Registry registry(String reference, String original) {
        if (reference.startsWith("/") || reference.startsWith(".") || reference.startsWith("~")) {
            throw new CliException("'" + original + "' looks like a file: write docker-archive:" + original
                    + ", oci-archive:" + original + " or oci-dir:" + original);
        }
        if (!PULL_STRING.matcher(reference).matches()) {
            throw new CliException("'" + original + "' is not an image reference: a registry reference has only"
                    + " letters, digits and @:/_.- (e.g. registry.example.com/team/app:1.4); files need a"
                    + " docker-archive:, oci-archive: or oci-dir: prefix");
        }
        return new Registry(reference);
    }
}
