package io.drydock.deploy.bench;

import io.drydock.testkit.osv.OsvFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A full-size OSV feed generated from a fixed seed, in the shapes of the real public records under
 * {@code io/drydock/testkit/osv} (each generated record is a copy of one of them with its id, package, versions and
 * dates replaced), written as one {@code all.zip} per OSV ecosystem like the public bucket.
 *
 * <p>Each ecosystem has a package universe ordered by popularity; records are spread over it by a Zipf-like law (a few
 * packages carry most advisories, as {@code linux} or {@code chromium} do upstream). Of Debian 12's entries 88% are
 * fixed in a version older than the release ships, 5% in a point release, 7% are unfixed (with an urgency).
 */
final class SyntheticFeed {

    /** Source packages of a Debian 12 minbase image (debootstrap), present in every generated Debian image. */
    static final List<String> BASE_SOURCES = List.of("acl", "apt", "attr", "audit", "base-files", "base-passwd",
            "bash", "bzip2", "cdebconf", "coreutils", "dash", "db5.3", "debconf", "debian-archive-keyring",
            "debianutils", "diffutils", "dpkg", "e2fsprogs", "findutils", "gcc-12", "glibc", "gmp", "gnupg2",
            "gnutls28", "grep", "gzip", "hostname", "init-system-helpers", "keyutils", "krb5", "libcap-ng",
            "libcap2", "libffi", "libgcrypt20", "libgpg-error", "libidn2", "libmd", "libseccomp", "libselinux",
            "libsemanage", "libsepol", "libtasn1-6", "libunistring", "libxcrypt", "libzstd", "login", "lz4",
            "mawk", "ncurses", "nettle", "openssl", "p11-kit", "pam", "pcre2", "perl", "sed", "shadow", "systemd",
            "sysvinit", "tar", "tzdata", "usrmerge", "util-linux", "xxhash", "xz-utils", "zlib");

    static final String[] DEBIAN_RELEASES = {"11", "12", "13"};

    /** One Debian source package: its binaries and its version in Debian 12 ({@code major.minor-rev+deb12uN}). */
    record DebianPackage(String source, List<String> binaries, int major, int minor, int revision, int pointRelease) {

        String bookwormVersion(int point) {
            return major + "." + minor + "-" + revision + (point == 0 ? "" : "+deb12u" + point);
        }
    }

    /** One language package and its newest version {@code major.minor.patch}. */
    record LanguagePackage(String name, int major, int minor, int patch) {
    }

    /** The sizes of one generated feed. */
    record Sizes(int debian, int debianPackages, int npm, int npmPackages, int pypi, int pypiPackages, int maven,
                 int mavenPackages, int go, int goPackages) {

        static Sizes defaults() {
            return new Sizes(48_000, 3_000, 15_000, 6_000, 12_000, 4_000, 8_000, 2_500, 4_000, 1_500);
        }

        /** The default sizes in percent, for a quick run (the base image's sources need 1 450 Debian packages). */
        static Sizes percent(int percent) {
            Sizes d = defaults();
            return new Sizes(d.debian * percent / 100, Math.max(1_500, d.debianPackages * percent / 100),
                    d.npm * percent / 100, d.npmPackages * percent / 100, d.pypi * percent / 100,
                    d.pypiPackages * percent / 100, d.maven * percent / 100, d.mavenPackages * percent / 100,
                    d.go * percent / 100, d.goPackages * percent / 100);
        }
    }

    /** What one ecosystem's archive holds. */
    record Written(String ecosystem, Path zip, int records, long bytes) {
    }

    private static final Instant PUBLISHED = Instant.parse("2024-06-01T00:00:00Z");
    private static final String[] URGENCIES = {"unimportant", "low", "medium", "not yet assigned", "end-of-life"};

    private final long seed;
    private final Sizes sizes;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<DebianPackage> debian;
    private final int[] debianRecords;
    private final List<LanguagePackage> npm;
    private final List<LanguagePackage> pypi;
    private final List<LanguagePackage> maven;
    private final List<LanguagePackage> go;

    SyntheticFeed(long seed, Sizes sizes) {
        this.seed = seed;
        this.sizes = sizes;
        this.debian = debianUniverse(new Random(seed), sizes.debianPackages());
        this.debianRecords = spread(sizes.debian(), sizes.debianPackages(), 3);
        this.npm = languageUniverse(new Random(seed + 1), sizes.npmPackages(), i -> i % 7 == 0
                ? "@scope" + (i % 97) + "/lib" + i : "npm-lib-" + i);
        this.pypi = languageUniverse(new Random(seed + 2), sizes.pypiPackages(), i -> i % 3 == 0
                ? "py_lib_" + i : "py-lib-" + i);
        this.maven = languageUniverse(new Random(seed + 3), sizes.mavenPackages(),
                i -> "org.example" + (i % 211) + ":artifact-" + i);
        this.go = languageUniverse(new Random(seed + 4), sizes.goPackages(),
                i -> "github.com/example" + (i % 173) + "/module" + i);
    }

    List<DebianPackage> debian() {
        return debian;
    }

    List<LanguagePackage> npm() {
        return npm;
    }

    List<LanguagePackage> pypi() {
        return pypi;
    }

    List<LanguagePackage> maven() {
        return maven;
    }

    List<LanguagePackage> go() {
        return go;
    }

    Sizes sizes() {
        return sizes;
    }

    /**
     * The Debian universe in popularity order. The base image's sources sit between ranks 20 and about 1 450, as
     * glibc, openssl or tar do upstream (tens to a few hundred advisories each, far fewer than linux or chromium).
     */
    private static List<DebianPackage> debianUniverse(Random random, int count) {
        String[] names = new String[count];
        for (int i = 0; i < BASE_SOURCES.size(); i++) {
            names[20 + i * 22] = BASE_SOURCES.get(i);
        }
        names[0] = "linux";
        List<DebianPackage> packages = new ArrayList<>();
        for (int rank = 0; rank < count; rank++) {
            String source = names[rank] != null ? names[rank] : "srcpkg" + rank;
            List<String> binaries = new ArrayList<>();
            binaries.add(source);
            int extra = random.nextInt(3);
            if (extra >= 1) {
                binaries.add("lib" + source + (1 + random.nextInt(5)));
            }
            if (extra >= 2) {
                binaries.add(source + "-common");
            }
            packages.add(new DebianPackage(source, List.copyOf(binaries), 1 + random.nextInt(9), 1 + random.nextInt(30),
                    1 + random.nextInt(5), random.nextInt(5)));
        }
        return List.copyOf(packages);
    }

    private static List<LanguagePackage> languageUniverse(Random random, int count,
                                                          java.util.function.IntFunction<String> name) {
        List<LanguagePackage> packages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            packages.add(new LanguagePackage(name.apply(i), 2 + random.nextInt(5), random.nextInt(20),
                    random.nextInt(20)));
        }
        return List.copyOf(packages);
    }

    /** {@code total} records over {@code packages} ranks, rank r weighing 1/(r+offset); every package gets one. */
    static int[] spread(int total, int packages, int offset) {
        double sum = 0;
        for (int r = 0; r < packages; r++) {
            sum += 1.0 / (r + offset);
        }
        int[] counts = new int[packages];
        int assigned = 0;
        for (int r = 0; r < packages; r++) {
            counts[r] = Math.max(1, (int) Math.round(total / sum / (r + offset)));
            assigned += counts[r];
        }
        for (int r = 0; assigned > total; r = (r + 1) % packages) {
            if (counts[r] > 1) {
                counts[r]--;
                assigned--;
            }
        }
        for (int r = 0; assigned < total; r = (r + 1) % packages) {
            counts[r]++;
            assigned++;
        }
        return counts;
    }

    /** Writes every ecosystem's {@code all.zip} under {@code directory/<ecosystem>/}. */
    List<Written> writeAll(Path directory) throws IOException {
        List<Written> written = new ArrayList<>();
        written.add(writeDebian(directory, Set.of(), null));
        written.add(writeLanguage(directory, "npm", "GHSA-4xc9-xhrj-v574", npm, sizes.npm(), "GHSA-npm", 11));
        written.add(writeLanguage(directory, "PyPI", "PYSEC-2021-66", pypi, sizes.pypi(), "PYSEC-2099", 12));
        written.add(writeLanguage(directory, "Maven", "GHSA-599f-7c49-w659", maven, sizes.maven(), "GHSA-mvn", 13));
        written.add(writeLanguage(directory, "Go", "GO-2020-0013", go, sizes.go(), "GO-2099", 14));
        return written;
    }

    /**
     * Writes the Debian archive. For each source package in {@code updated}, its first record with a Debian 12 entry
     * is the one a security update just changed: {@code modified} is {@code updatedAt} and its Debian 12 entry is now
     * fixed in the next point release. Every other record is byte for byte what an earlier call wrote.
     */
    Written writeDebian(Path directory, Set<String> updated, Instant updatedAt) throws IOException {
        ObjectNode template = template("Debian", "DEBIAN-CVE-2011-3374");
        Path zip = Files.createDirectories(directory.resolve("Debian")).resolve("all.zip");
        int written = 0;
        int cve = 0;
        try (ZipOutputStream out = zip(zip)) {
            for (int rank = 0; rank < debian.size(); rank++) {
                DebianPackage pkg = debian.get(rank);
                Random random = new Random(seed * 1_000_003L + rank);
                boolean pendingUpdate = updated.contains(pkg.source());
                for (int n = 0; n < debianRecords[rank]; n++) {
                    cve++;
                    String cveId = "CVE-" + (2005 + cve % 21) + "-" + (100_000 + cve);
                    ObjectNode record = template.deepCopy();
                    record.put("id", "DEBIAN-" + cveId);
                    record.put("published", PUBLISHED.minusSeconds(3_600L * (cve % 9_000)).toString());
                    record.putArray("upstream").add(cveId);
                    record.put("details", "Synthetic advisory " + cveId + " for " + pkg.source()
                            + " (Drydock benchmark feed).");
                    ArrayNode affected = record.putArray("affected");
                    JsonNode entryTemplate = template.get("affected").get(0);
                    boolean inBookworm = false;
                    for (String release : DEBIAN_RELEASES) {
                        double p = switch (release) {
                            case "11" -> 0.85;
                            case "12" -> 0.94;
                            default -> 0.90;
                        };
                        if (random.nextDouble() >= p && !(release.equals("13") && affected.isEmpty())) {
                            continue;
                        }
                        ObjectNode entry = (ObjectNode) entryTemplate.deepCopy();
                        ((ObjectNode) entry.get("package")).put("name", pkg.source()).put("ecosystem", "Debian:" + release)
                                .put("purl", "pkg:deb/debian/" + pkg.source() + "?arch=source");
                        ArrayNode events = ((ObjectNode) entry.get("ranges").get(0)).putArray("events");
                        events.addObject().put("introduced", "0");
                        double kind = random.nextDouble();
                        String fixed = null;
                        if (kind < 0.88) {
                            fixed = oldFix(pkg, release, random);
                        } else if (kind < 0.93) {
                            fixed = pointFix(pkg, release, 1 + random.nextInt(pkg.pointRelease() + 2));
                        }
                        if (release.equals("12")) {
                            if (pendingUpdate && !inBookworm) {
                                fixed = pointFix(pkg, release, pkg.pointRelease() + 1);
                            }
                            inBookworm = true;
                        }
                        if (fixed != null) {
                            events.addObject().put("fixed", fixed);
                            entry.remove("ecosystem_specific");
                        } else {
                            ((ObjectNode) entry.get("ecosystem_specific"))
                                    .put("urgency", URGENCIES[random.nextInt(URGENCIES.length)]);
                        }
                        affected.add(entry);
                    }
                    boolean changedNow = pendingUpdate && inBookworm;
                    record.put("modified", changedNow ? updatedAt.toString()
                            : PUBLISHED.plusSeconds(60L * (cve % 100_000)).toString());
                    if (changedNow) {
                        pendingUpdate = false;
                    }
                    ((ObjectNode) record.get("references").get(0)).put("url",
                            "https://security-tracker.debian.org/tracker/" + cveId);
                    put(out, record);
                    written++;
                }
            }
        }
        return new Written("Debian", zip, written, Files.size(zip));
    }

    /** A fix older than anything Debian 12 ships: the image's version is not affected. */
    private static String oldFix(DebianPackage pkg, String release, Random random) {
        int minor = Math.max(0, pkg.minor() - 1 - random.nextInt(5));
        return pkg.major() + "." + minor + "-" + (1 + random.nextInt(3)) + (release.equals("11") ? "+deb11u1" : "");
    }

    private static String pointFix(DebianPackage pkg, String release, int point) {
        return switch (release) {
            case "11" -> pkg.major() + "." + Math.max(0, pkg.minor() - 1) + "-1+deb11u" + point;
            case "12" -> pkg.major() + "." + pkg.minor() + "-" + pkg.revision() + "+deb12u" + point;
            default -> pkg.major() + "." + (pkg.minor() + 1) + "-" + point;
        };
    }

    private Written writeLanguage(Path directory, String ecosystem, String templateId, List<LanguagePackage> universe,
                                  int total, String idPrefix, int salt) throws IOException {
        ObjectNode template = template(ecosystem, templateId);
        int[] counts = spread(total, universe.size(), 100);
        Path zip = Files.createDirectories(directory.resolve(ecosystem)).resolve("all.zip");
        int written = 0;
        try (ZipOutputStream out = zip(zip)) {
            for (int rank = 0; rank < universe.size(); rank++) {
                LanguagePackage pkg = universe.get(rank);
                Random random = new Random(seed * 7_919L + salt * 1_000_003L + rank);
                for (int n = 0; n < counts[rank]; n++) {
                    written++;
                    String id = idPrefix + "-" + String.format(Locale.ROOT, "%06d", written);
                    String cveId = "CVE-" + (2015 + written % 11) + "-" + (500_000 + salt * 100_000 + written);
                    ObjectNode record = template.deepCopy();
                    record.put("id", id);
                    record.put("modified", PUBLISHED.plusSeconds(60L * written).toString());
                    record.put("published", PUBLISHED.minusSeconds(3_600L * (written % 9_000)).toString());
                    record.putArray("aliases").add(cveId);
                    if (record.has("summary")) {
                        record.put("summary", "Synthetic advisory " + id + " in " + pkg.name());
                    }
                    record.put("details", "Synthetic advisory " + id + " for " + pkg.name() + " (Drydock benchmark feed).");
                    ObjectNode entry = (ObjectNode) template.get("affected").get(0).deepCopy();
                    ((ObjectNode) entry.get("package")).put("name", pkg.name());
                    if (entry.get("package").has("purl")) {
                        ((ObjectNode) entry.get("package")).put("purl", "pkg:pypi/" + pkg.name().toLowerCase(Locale.ROOT));
                    }
                    // most advisories are about versions older than those in use (installed majors are the
                    // newest two)
                    int fixMajor = random.nextInt(100) < 85 ? 1 + random.nextInt(Math.max(1, pkg.major() - 2))
                            : pkg.major();
                    int fixMinor = random.nextInt(20);
                    int fixPatch = random.nextInt(20);
                    int introducedMajor = random.nextInt(3) == 0 ? Math.max(0, fixMajor - 1) : 0;
                    ArrayNode events = ((ObjectNode) entry.get("ranges").get(0)).putArray("events");
                    events.addObject().put("introduced", introducedMajor == 0 ? "0" : introducedMajor + ".0.0");
                    boolean fixed = random.nextInt(20) != 0;
                    if (fixed) {
                        events.addObject().put("fixed", fixMajor + "." + fixMinor + "." + fixPatch);
                    } else {
                        events.addObject().put("last_affected", pkg.major() + "." + pkg.minor() + "." + pkg.patch());
                    }
                    if (entry.has("versions")) {
                        ArrayNode versions = entry.putArray("versions");
                        for (int minor = 0; minor <= Math.min(fixMinor, 15); minor++) {
                            versions.add(fixMajor + "." + minor + ".0");
                        }
                    }
                    record.putArray("affected").add(entry);
                    put(out, record);
                }
            }
        }
        return new Written(ecosystem, zip, written, Files.size(zip));
    }

    private ObjectNode template(String ecosystem, String id) {
        return (ObjectNode) json.readTree(OsvFixtures.read(ecosystem, id));
    }

    private static ZipOutputStream zip(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
        zip.setLevel(1);
        return zip;
    }

    private void put(ZipOutputStream out, ObjectNode record) throws IOException {
        out.putNextEntry(new ZipEntry(record.get("id").asString() + ".json"));
        out.write(json.writeValueAsBytes(record));
        out.closeEntry();
    }
}
