package io.drydock.gateway.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Packs a directory (an OCI layout) into a tar, as {@code oci-archive} does, for tests that alter a layout first. */
final class Tars {

    private Tars() {
    }

    static Path of(Path directory, Path tar) throws IOException {
        try (OutputStream file = Files.newOutputStream(tar);
             TarArchiveOutputStream out = new TarArchiveOutputStream(file);
             Stream<Path> walk = Files.walk(directory)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Path> paths = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path path : paths) {
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), directory.relativize(path).toString());
                out.putArchiveEntry(entry);
                Files.copy(path, out);
                out.closeArchiveEntry();
            }
        }
        return tar;
    }
}
