package io.drydock.cli.image;

import io.drydock.cli.CliException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}) checked before it
 * is uploaded, and packed into the tar an {@code oci-archive} is. Checking here saves uploading gigabytes to learn that
 * a blob is missing: every blob the index reaches (nested indexes, manifests, their configs and layers) must be in
 * {@code blobs/} with the size its descriptor gives.
 */
public final class OciLayout {

    static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_PROBLEMS_SHOWN = 5;
    private static final Pattern DIGEST = Pattern.compile("([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)");
    private static final Set<String> INDEXES = Set.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Set<String> MANIFESTS = Set.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private final Path directory;
    private final List<Path> files;

    private OciLayout(Path directory, List<Path> files) {
        this.directory = directory;
        this.files = files;
    }

    /**
     * @throws CliException naming what is wrong: not a directory, {@code oci-layout} or {@code index.json} missing or
     *                      unreadable, a blob missing or of the wrong size
     */
    public static OciLayout open(Path directory, JsonMapper json) {
        if (!Files.isDirectory(directory)) {
            throw new CliException("oci-dir:" + directory + " is not a directory");
        }
        JsonNode layout = document(directory, directory.resolve("oci-layout"), "oci-layout", json);
        if (!layout.path("imageLayoutVersion").isString()) {
            throw invalid(directory, "oci-layout has no imageLayoutVersion");
        }
        JsonNode index = document(directory, directory.resolve("index.json"), "index.json", json);
        if (!index.path("manifests").isArray() || index.path("manifests").isEmpty()) {
            throw invalid(directory, "index.json lists no manifests");
        }
        List<String> problems = new ArrayList<>();
        new Walk(directory, json, problems).descriptors(index.get("manifests"), "listed in index.json", 0);
        if (!problems.isEmpty()) {
            String shown = String.join("; ", problems.subList(0, Math.min(MAX_PROBLEMS_SHOWN, problems.size())));
            throw invalid(directory, shown + (problems.size() > MAX_PROBLEMS_SHOWN
                    ? " (and " + (problems.size() - MAX_PROBLEMS_SHOWN) + " more)" : ""));
        }
        return new OciLayout(directory, regularFiles(directory));
    }

    /** The layout's files, relative to its directory, in the order they are packed. */
    public List<Path> files() {
        return files;
    }

    /**
     * Writes the layout's files into {@code tar} (which must not exist yet), streamed from disk; entry names are the
     * relative paths with {@code /}, owner 0 and a fixed time, so the same layout always packs to the same bytes.
     */
    public void packTo(Path tar) throws IOException {
        try (OutputStream file = Files.newOutputStream(tar, java.nio.file.StandardOpenOption.CREATE_NEW);
             TarArchiveOutputStream out = new TarArchiveOutputStream(new BufferedOutputStream(file, 1 << 16))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path relative : files) {
                Path source = directory.resolve(relative);
                TarArchiveEntry entry = new TarArchiveEntry(entryName(relative), true);
                entry.setSize(Files.size(source));
                entry.setMode(0100644);
                entry.setModTime(0);
                out.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(source)) {
                    in.transferTo(out);
                }
                out.closeArchiveEntry();
            }
            out.finish();
        }
    }

    static String entryName(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    /** Regular files (or links to them) below the directory; links to directories are not followed. */
    private static List<Path> regularFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> {
                        if (!Files.isRegularFile(path)) {
                            throw invalid(directory, directory.relativize(path) + " is not a regular file");
                        }
                        return true;
                    })
                    .map(directory::relativize).sorted().toList();
        } catch (IOException e) {
            throw new CliException("cannot read oci-dir:" + directory + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CliException("cannot read oci-dir:" + directory + ": " + e.getCause().getMessage(), e);
        }
    }

    private static JsonNode document(Path directory, Path file, String what, JsonMapper json) {
        try {
            return readDocument(file, what, json);
        } catch (LayoutProblem e) {
            throw invalid(directory, e.getMessage());
        }
    }

    private static JsonNode readDocument(Path file, String what, JsonMapper json) {
        if (!Files.isRegularFile(file)) {
            throw new LayoutProblem(what + " is missing");
        }
        try {
            if (Files.size(file) > MAX_DOCUMENT_BYTES) {
                throw new LayoutProblem(what + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            JsonNode node = json.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject()) {
                throw new LayoutProblem(what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new LayoutProblem(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LayoutProblem("cannot read " + what + ": " + e.getMessage());
        }
    }

    /** One thing wrong with the layout, in words that follow "is not a usable OCI image layout: ". */
    private static final class LayoutProblem extends RuntimeException {
        LayoutProblem(String message) {
            super(message);
        }
    }

    private static CliException invalid(Path directory, String problem) {
        return new CliException("oci-dir:" + directory + " is not a usable OCI image layout: " + problem);
    }

    /** Follows descriptors from the index down to layers, collecting every problem rather than stopping at the first. */
    private record Walk(Path directory, JsonMapper json, List<String> problems, Set<String> seen) {

        Walk(Path directory, JsonMapper json, List<String> problems) {
            this(directory, json, problems, new HashSet<>());
        }

        /** @param role how the blobs are used, for messages: "layer of manifest sha256:…" */
        void descriptors(JsonNode list, String role, int depth) {
            if (list == null || list.isMissingNode()) {
                return;
            }
            if (!list.isArray()) {
                problems.add("the descriptors (" + role + ") are not a JSON array");
                return;
            }
            for (JsonNode descriptor : list) {
                descriptor(descriptor, role, depth);
            }
        }

        void descriptor(JsonNode descriptor, String role, int depth) {
            String digest = descriptor.path("digest").asString("");
            var matcher = DIGEST.matcher(digest);
            if (!matcher.matches()) {
                problems.add("a descriptor (" + role + ") has an invalid digest '" + digest + "'");
                return;
            }
            Path blob = directory.resolve("blobs").resolve(matcher.group(1)).resolve(matcher.group(2));
            String name = "blobs/" + matcher.group(1) + "/" + matcher.group(2);
            if (!Files.isRegularFile(blob)) {
                problems.add(name + " (" + role + ") is missing");
                return;
            }
            try {
                long size = Files.size(blob);
                if (descriptor.path("size").isNumber() && descriptor.get("size").asLong() != size) {
                    problems.add(name + " (" + role + ") is " + size + " bytes, the descriptor says "
                            + descriptor.get("size").asLong());
                    return;
                }
            } catch (IOException e) {
                problems.add("cannot read " + name + ": " + e.getMessage());
                return;
            }
            String mediaType = descriptor.path("mediaType").asString("");
            boolean index = INDEXES.contains(mediaType);
            if ((!index && !MANIFESTS.contains(mediaType)) || !seen.add(digest)) {
                return;
            }
            if (depth >= MAX_DEPTH) {
                problems.add(name + " (" + role + ") nests indexes deeper than " + MAX_DEPTH);
                return;
            }
            JsonNode document;
            try {
                document = readDocument(blob, name, json);
            } catch (LayoutProblem e) {
                problems.add(e.getMessage());
                return;
            }
            if (index) {
                descriptors(document.get("manifests"), "listed in index " + digest, depth + 1);
            } else {
                if (document.path("config").isObject()) {
                    descriptor(document.get("config"), "config of manifest " + digest, depth + 1);
                } else {
                    problems.add("manifest " + digest + " has no config");
                }
                descriptors(document.get("layers"), "layer of manifest " + digest, depth + 1);
            }
        }
    }
}
