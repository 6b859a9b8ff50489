package io.drydock.analyzer.catalogers.binary;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Software installed without a package manager (copied from a release archive, built from source), recognised by the
 * file's name and a version string in its content: OpenSSL, BusyBox, Node.js, CPython and Java runtimes. Each becomes
 * a {@code binary} package with a generic package URL and the product's CPE, for matching against NVD data. A binary
 * an OS package owns is reported by its package already; the analyzer drops the duplicate found here.
 */
public final class BinaryCataloger implements FileCataloger {

    /** How much of a file the version pattern is looked for in; Node.js's binary is about 100 MiB. */
    static final long MAX_SCAN_BYTES = 256L * 1024 * 1024;
    /** A JDK's {@code release} file is a few kilobytes. */
    private static final long MAX_RELEASE_FILE_BYTES = 64 * 1024;
    private static final Pattern RELEASE_LINE = Pattern.compile("(?m)^([A-Z_]+)=\"([^\"\\n]{0,4096})\"");
    private static final Pattern JAVA_VERSION = Pattern.compile("\\d+(\\.\\d+)*(\\+\\d+)?[-_.+0-9A-Za-z]*");

    /**
     * One kind of binary: which file names it has, and (from the name's match) the pattern whose first group is the
     * version in the content.
     */
    record Classifier(String name, Pattern fileName, Function<Matcher, Pattern> version, String cpeVendor,
                      String cpeProduct) {
    }

    static final List<Classifier> CLASSIFIERS = List.of(
            // OPENSSL_VERSION_TEXT, "OpenSSL 3.0.15 3 Sep 2024": libcrypto and the openssl tool carry it; OpenSSL
            // 3's libssl does not, and yields nothing.
            new Classifier("openssl", Pattern.compile("openssl|lib(?:ssl|crypto)\\.so(?:\\.[0-9a-z]+)*"),
                    name -> Pattern.compile(
                            "OpenSSL (\\d+\\.\\d+\\.\\d+[a-z]{0,2}(?:-(?:alpha|beta)\\d{1,2})?) {1,2}\\d{1,2} "
                                    + "[A-Z][a-z]{2} \\d{4}"),
                    "openssl", "openssl"),
            // The banner every applet prints: "BusyBox v1.36.1 (2023-...) multi-call binary".
            new Classifier("busybox", Pattern.compile("busybox"),
                    name -> Pattern.compile("BusyBox v(\\d+\\.\\d+\\.\\d+)"), "busybox", "busybox"),
            // The release URL compiled into node ("https://nodejs.org/download/release/.../node.js/v18.19.0").
            new Classifier("node", Pattern.compile("node|nodejs|libnode\\.so(?:\\.\\d+)*"),
                    name -> Pattern.compile("node\\.js/v(\\d+\\.\\d+\\.\\d+)"), "nodejs", "node.js"),
            // PY_VERSION as a NUL-terminated string; the file name gives major.minor, the content the patch level.
            new Classifier("python", Pattern.compile("(?:lib)?python(\\d\\.\\d{1,2})(?:\\.so(?:\\.\\d+)*)?"),
                    name -> Pattern.compile("\\x00(" + Pattern.quote(name.group(1))
                            + "\\.\\d{1,3}(?:(?:a|b|rc)\\d{1,2})?\\+?)\\x00"),
                    "python", "python"));

    @Override
    public boolean wants(String path, long size, byte[] head) {
        String name = baseName(path);
        if (name.equals("release")) {
            return size <= MAX_RELEASE_FILE_BYTES && javaRelease(head);
        }
        return ElfFile.isElf(head) && classifier(name).isPresent();
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        String name = baseName(file.path());
        if (name.equals("release")) {
            return javaRuntime(file);
        }
        Optional<Match> match = classifier(name);
        if (match.isEmpty()) {
            return List.of();
        }
        Classifier classifier = match.get().classifier();
        Optional<String> version;
        try (InputStream in = file.open()) {
            version = VersionScanner.find(in, classifier.version().apply(match.get().fileName()), MAX_SCAN_BYTES);
        }
        return version.map(v -> List.of(record(classifier.name(), v, file.path(),
                        List.of(cpe(classifier.cpeVendor(), classifier.cpeProduct(), v)), Map.of())))
                .orElse(List.of());
    }

    private record Match(Classifier classifier, Matcher fileName) {
    }

    private static Optional<Match> classifier(String fileName) {
        for (Classifier classifier : CLASSIFIERS) {
            Matcher matcher = classifier.fileName().matcher(fileName);
            if (matcher.matches()) {
                return Optional.of(new Match(classifier, matcher));
            }
        }
        return Optional.empty();
    }

    /** A JDK's or JRE's {@code release} file ({@code JAVA_VERSION="21.0.5"}, JEP 220's image layout). */
    private static List<PackageRecord> javaRuntime(ScannedFile file) throws IOException {
        byte[] content;
        try (InputStream in = file.open()) {
            content = in.readNBytes((int) MAX_RELEASE_FILE_BYTES);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher line = RELEASE_LINE.matcher(new String(content, StandardCharsets.UTF_8));
        while (line.find()) {
            fields.putIfAbsent(line.group(1), line.group(2));
        }
        String version = fields.get("JAVA_VERSION");
        if (version == null || !JAVA_VERSION.matcher(version).matches()) {
            throw new IOException("Java release file without a valid JAVA_VERSION");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String key : List.of("IMPLEMENTOR", "IMPLEMENTOR_VERSION", "JAVA_RUNTIME_VERSION", "JAVA_VERSION_DATE")) {
            if (fields.containsKey(key)) {
                metadata.put(key.toLowerCase(Locale.ROOT), fields.get(key));
            }
        }
        // A runtime image with the compiler module is a JDK; jlink-ed runtimes and JREs lack it.
        boolean jdk = fields.getOrDefault("MODULES", "").matches("(.*\\s)?jdk\\.compiler(\\s.*)?");
        metadata.put("kind", jdk ? "jdk" : "jre");
        return List.of(record("java", version, file.path(),
                List.of(cpe("oracle", "openjdk", version), cpe("oracle", jdk ? "jdk" : "jre", version)),
                metadata));
    }

    private static boolean javaRelease(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        return text.startsWith("JAVA_VERSION=\"") || text.contains("\nJAVA_VERSION=\"");
    }

    private static PackageRecord record(String name, String version, String location, List<String> cpes,
                                        Map<String, String> metadata) {
        return PackageRecord.language(PackageTypes.BINARY, name, version, List.of(), null, location,
                PackageUrl.builder("generic", name).version(version).build(), cpes, List.of(), metadata);
    }

    /** CPE 2.3 formatted string; characters with a meaning in it are escaped as the specification requires. */
    static String cpe(String vendor, String product, String version) {
        return "cpe:2.3:a:" + escape(vendor) + ":" + escape(product) + ":" + escape(version) + ":*:*:*:*:*:*:*";
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
