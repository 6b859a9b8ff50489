package io.drydock.analyzer.distro;

import io.drydock.analyzer.layer.ContentRequest;
import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.ImageFileSystem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Detects the distro from the final file system, with Anchore's precedence: os-release, then
 * {@code /etc/system-release-cpe}, then {@code /etc/redhat-release}, then {@code /bin/busybox}. Alpine's
 * {@code /etc/alpine-release} is a last resort for images that deleted os-release.
 */
public final class DistroDetector {

    static final String ETC_OS_RELEASE = "etc/os-release";
    static final String USR_LIB_OS_RELEASE = "usr/lib/os-release";
    static final String SYSTEM_RELEASE_CPE = "etc/system-release-cpe";
    static final String REDHAT_RELEASE = "etc/redhat-release";
    static final String DEBIAN_VERSION = "etc/debian_version";
    static final String ALPINE_RELEASE = "etc/alpine-release";
    static final String BUSYBOX = "bin/busybox";
    /** Where bin/busybox really lives when /bin is a symlink to /usr/bin (merged-/usr images). */
    static final String USR_BUSYBOX = "usr/bin/busybox";

    private static final Set<String> TEXT_FILES = Set.of(ETC_OS_RELEASE, USR_LIB_OS_RELEASE, SYSTEM_RELEASE_CPE,
            REDHAT_RELEASE, DEBIAN_VERSION, ALPINE_RELEASE);
    /** Release files are a few hundred bytes; a larger one is still parsed from its head rather than failing. */
    private static final int TEXT_HEAD_BYTES = 64 * 1024;
    /** The version string sits in busybox's read-only data; static builds are about 2 MiB. */
    private static final int BUSYBOX_HEAD_BYTES = 8 * 1024 * 1024;

    private static final Pattern BUSYBOX_VERSION = Pattern.compile("BusyBox v([0-9][0-9A-Za-z.+~-]*) \\(");
    private static final Pattern RELEASE_NUMBER = Pattern.compile("(\\d+\\.\\d+|\\d+)");
    private static final Pattern DEBIAN_MAJOR = Pattern.compile("^(\\d+)");

    /** The files detection reads, for the layer stack to keep while streaming. */
    public static ContentSelector contentSelector() {
        return path -> {
            if (TEXT_FILES.contains(path)) {
                return Optional.of(ContentRequest.head(TEXT_HEAD_BYTES));
            }
            if (path.equals(BUSYBOX) || path.equals(USR_BUSYBOX)) {
                return Optional.of(ContentRequest.head(BUSYBOX_HEAD_BYTES));
            }
            return Optional.empty();
        };
    }

    public Distro detect(ImageFileSystem fs) {
        return fromOsRelease(fs)
                .or(() -> fromSystemReleaseCpe(fs))
                .or(() -> fromRedhatRelease(fs))
                .or(() -> fromAlpineRelease(fs))
                .or(() -> fromBusybox(fs))
                .orElse(Distro.UNKNOWN);
    }

    /** {@code /etc/os-release} wins; {@code /usr/lib/os-release} is its documented fallback. */
    private Optional<Distro> fromOsRelease(ImageFileSystem fs) {
        Optional<String> text = text(fs, ETC_OS_RELEASE).or(() -> text(fs, USR_LIB_OS_RELEASE));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = OsRelease.parse(text.get());
        String id = values.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String version = values.getOrDefault("VERSION_ID", "");
        if (version.isEmpty() && id.equals("debian")) {
            version = debianVersion(fs);
        }
        String like = Arrays.stream(values.getOrDefault("ID_LIKE", "").split("\\s+"))
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(","));
        return Optional.of(Distro.of(id, orUnknown(version), like.isEmpty() ? id : like));
    }

    /** Testing and sid carry no VERSION_ID; their debian_version reads like {@code trixie/sid}. */
    private String debianVersion(ImageFileSystem fs) {
        String text = text(fs, DEBIAN_VERSION).map(String::strip).orElse("");
        if (text.contains("sid")) {
            return "unstable";
        }
        Matcher major = DEBIAN_MAJOR.matcher(text);
        return major.find() ? major.group(1) : "";
    }

    /** {@code cpe:/o:redhat:enterprise_linux:8.4:ga} or its CPE 2.3 form {@code cpe:2.3:o:redhat:…}. */
    private Optional<Distro> fromSystemReleaseCpe(ImageFileSystem fs) {
        Optional<String> text = text(fs, SYSTEM_RELEASE_CPE).map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.get().split(":");
        int vendorIndex = parts.length > 1 && parts[1].equals("2.3") ? 3 : 2;
        if (parts.length <= vendorIndex) {
            return Optional.empty();
        }
        String vendor = parts[vendorIndex].toLowerCase(Locale.ROOT);
        String name;
        if (vendor.contains("fedora")) {
            name = "fedora";
        } else if (vendor.contains("redhat")) {
            name = "rhel";
        } else if (vendor.contains("centos")) {
            name = "centos";
        } else {
            return Optional.empty();
        }
        String version = parts.length > vendorIndex + 2 ? parts[vendorIndex + 2] : "";
        return Optional.of(Distro.of(name, orUnknown(version), name));
    }

    private Optional<Distro> fromRedhatRelease(ImageFileSystem fs) {
        Optional<String> text = text(fs, REDHAT_RELEASE).map(value -> value.toLowerCase(Locale.ROOT));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String name;
        if (text.get().contains("centos")) {
            name = "centos";
        } else if (text.get().contains("red hat") || text.get().contains("redhat")) {
            name = "rhel";
        } else if (text.get().contains("fedora")) {
            name = "fedora";
        } else {
            return Optional.empty();
        }
        Matcher number = RELEASE_NUMBER.matcher(text.get());
        return Optional.of(Distro.of(name, number.find() ? number.group(1) : Distro.UNKNOWN_VERSION, name));
    }

    private Optional<Distro> fromAlpineRelease(ImageFileSystem fs) {
        return text(fs, ALPINE_RELEASE)
                .map(text -> text.strip().lines().findFirst().orElse(""))
                .filter(version -> !version.isEmpty())
                .map(version -> Distro.of("alpine", version, "alpine"));
    }

    private Optional<Distro> fromBusybox(ImageFileSystem fs) {
        if (fs.resolve(BUSYBOX).isEmpty()) {
            return Optional.empty();
        }
        String version = fs.content(BUSYBOX)
                // ISO-8859-1 maps every byte to one char, so a binary decodes without loss or errors.
                .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
                .map(BUSYBOX_VERSION::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .orElse(Distro.UNKNOWN_VERSION);
        return Optional.of(Distro.of("busybox", version, "busybox"));
    }

    private static Optional<String> text(ImageFileSystem fs, String path) {
        return fs.content(path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static String orUnknown(String version) {
        return version.isEmpty() ? Distro.UNKNOWN_VERSION : version;
    }
}
