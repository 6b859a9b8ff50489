package io.drydock.analyzer.catalogers.rpm;

import java.util.ArrayList;
import java.util.List;

/**
 * One installed package as its database header describes it.
 *
 * @param epoch     null when the package has none (rpm treats that as 0 when comparing, but shows nothing)
 * @param sourceRpm the source package file name ({@code glibc-2.28-151.el8.src.rpm}), or null
 * @param size      installed size in bytes, or null
 * @param files     absolute paths of the package's files, directories left out
 */
record RpmPackage(String name, Long epoch, String version, String release, String arch, String sourceRpm,
                  String license, Long size, String vendor, List<String> files) {

    /** {@code S_IFMT} and {@code S_IFDIR} of the file modes rpm records. */
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    /**
     * Characters of one package's file paths. Paths share their directory names in the header, so a crafted header
     * could name one long directory for a million files; real packages stay far below.
     */
    static final long MAX_PATH_CHARS = 64L * 1024 * 1024;

    /** The package, with its file list only when {@code withFiles} (attribution needs names and versions only). */
    static RpmPackage from(RpmHeader header, boolean withFiles) {
        String name = header.string(RpmHeader.NAME)
                .orElseThrow(() -> new RpmDatabaseException("package header has no name"));
        String version = header.string(RpmHeader.VERSION)
                .orElseThrow(() -> new RpmDatabaseException("package header of " + name + " has no version"));
        return new RpmPackage(name,
                header.integer(RpmHeader.EPOCH).orElse(null),
                version,
                header.string(RpmHeader.RELEASE).orElse(""),
                header.string(RpmHeader.ARCH).orElse(null),
                header.string(RpmHeader.SOURCERPM).orElse(null),
                header.string(RpmHeader.LICENSE).orElse(null),
                header.integer(RpmHeader.LONGSIZE).or(() -> header.integer(RpmHeader.SIZE)).orElse(null),
                header.string(RpmHeader.VENDOR).orElse(null),
                withFiles ? files(name, header) : List.of());
    }

    /**
     * {@code epoch:version-release} as Anchore shows rpm versions, the epoch only when the package has one; this is
     * also the form rpm's own {@code %{EVR}} query tag prints.
     */
    String fullVersion() {
        String versionRelease = versionRelease();
        return epoch == null ? versionRelease : epoch + ":" + versionRelease;
    }

    String versionRelease() {
        return release.isEmpty() ? version : version + "-" + release;
    }

    /** The source package's name: the source rpm file name without its {@code -version-release.src.rpm}. */
    String sourceName() {
        String[] parts = sourceParts();
        return parts == null ? name : parts[0];
    }

    /**
     * The source package's {@code version-release}, with this package's epoch in front when it has one: the source
     * rpm's file name carries no epoch, but it is built from the same spec file, so it shares the binary's epoch.
     */
    String sourceVersion() {
        String[] parts = sourceParts();
        if (parts == null) {
            return fullVersion();
        }
        String versionRelease = parts[1] + "-" + parts[2];
        return epoch == null ? versionRelease : epoch + ":" + versionRelease;
    }

    private String[] sourceParts() {
        if (sourceRpm == null) {
            return null;
        }
        String base = sourceRpm;
        for (String suffix : List.of(".src.rpm", ".nosrc.rpm")) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        int releaseDash = base.lastIndexOf('-');
        int versionDash = releaseDash <= 0 ? -1 : base.lastIndexOf('-', releaseDash - 1);
        if (versionDash <= 0) {
            return null;
        }
        return new String[] {base.substring(0, versionDash), base.substring(versionDash + 1, releaseDash),
                base.substring(releaseDash + 1)};
    }

    /** Compressed file names (rpm 4.x: basenames, dirnames, dirindexes) or the old full names. */
    private static List<String> files(String name, RpmHeader header) {
        List<String> basenames = header.strings(RpmHeader.BASENAMES);
        List<String> paths = new ArrayList<>(basenames.size());
        long chars = 0;
        if (!basenames.isEmpty()) {
            List<String> dirnames = header.strings(RpmHeader.DIRNAMES);
            long[] dirIndexes = header.integers(RpmHeader.DIRINDEXES);
            if (dirIndexes.length != basenames.size()) {
                throw new RpmDatabaseException("package " + name + " lists " + basenames.size() + " file names but "
                        + dirIndexes.length + " directory indexes");
            }
            for (int i = 0; i < basenames.size(); i++) {
                if (dirIndexes[i] >= dirnames.size()) {
                    throw new RpmDatabaseException("package " + name + " points file " + basenames.get(i)
                            + " at directory " + dirIndexes[i] + " of " + dirnames.size());
                }
                String dir = dirnames.get((int) dirIndexes[i]);
                chars += dir.length() + basenames.get(i).length();
                if (chars > MAX_PATH_CHARS) {
                    throw new RpmDatabaseException("package " + name + " lists file paths of more than "
                            + MAX_PATH_CHARS + " characters (limit)");
                }
                paths.add(dir + basenames.get(i));
            }
        } else {
            paths.addAll(header.strings(RpmHeader.OLDFILENAMES));
        }
        long[] modes = header.integers(RpmHeader.FILEMODES);
        List<String> files = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            boolean directory = modes.length == paths.size() && (modes[i] & FILE_TYPE_MASK) == DIRECTORY;
            if (!directory && paths.get(i).startsWith("/")) {
                files.add(paths.get(i));
            }
        }
        return files;
    }
}
