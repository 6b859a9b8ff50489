package io.drydock.platform.osv;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vulnerability namespace of an image's distro: which OSV ecosystem holds the records for its OS packages, and
 * which feed group (Anchore's {@code <distro>:<version>} names) stores them. The full table and its reasons are in
 * ADR 23 and the platform README. In short: Debian, AlmaLinux, Rocky Linux, Mageia and Azure Linux by major version
 * ({@code Debian:12}); Ubuntu by {@code YY.MM} with {@code :LTS} for the April releases of even years; Alpine by
 * {@code v<major>.<minor>}; RHEL (and CentOS, which has no OSV data of its own, as Anchore maps it) as the product
 * streams {@code Red Hat:enterprise_linux:<major>::*}; SLES as {@code SUSE:Linux Enterprise Server <major> SP<n>} and
 * its modules; openSUSE Leap, Tumbleweed, Wolfi and Chainguard by name; openEuler by {@code YY.MM} with {@code -LTS}
 * for the March releases of even years. Anything else resolves to nothing, except an unknown distro whose
 * {@code ID_LIKE} names {@code rhel} (a rebuild numbered as RHEL): Ubuntu and Debian derivatives number their own
 * releases (Linux Mint 21, Devuan 5), so following their {@code ID_LIKE} would name the wrong release.
 */
public final class DistroNamespaces {

    /** Feed groups of the language ecosystems: Anchore's {@code github:*} groups. */
    private static final Map<String, String> LANGUAGE_GROUPS = Map.of(
            "Maven", "github:java",
            "PyPI", "github:python",
            "npm", "github:npm",
            "RubyGems", "github:gem",
            "Go", "github:go",
            "crates.io", "github:rust",
            "NuGet", "github:nuget",
            "Packagist", "github:composer");

    private static final Pattern MAJOR = Pattern.compile("(\\d+)(?:\\.\\d+)*");
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)*");

    private static final Pattern DEBIAN = Pattern.compile("Debian:(\\d+)");
    private static final Pattern UBUNTU = Pattern.compile("Ubuntu:(\\d+\\.\\d+)(:LTS)?");
    private static final Pattern ALPINE = Pattern.compile("Alpine:v(\\d+\\.\\d+)");
    private static final Pattern BY_MAJOR = Pattern.compile("(AlmaLinux|Rocky Linux|Mageia|Azure Linux):(\\d+)");
    private static final Pattern RED_HAT = Pattern.compile("Red Hat:enterprise_linux:(\\d+)(?:::.+)?");
    private static final Pattern SUSE =
            Pattern.compile("SUSE:Linux Enterprise (?:Server|Module for [^:]+?) (\\d+)(?: SP(\\d+))?");
    private static final Pattern OPENSUSE_LEAP = Pattern.compile("openSUSE:Leap (\\d+\\.\\d+)");
    private static final Pattern OPENEULER = Pattern.compile("openEuler:(\\d+\\.\\d+)((?:-LTS)(?:-SP\\d+)?)?");

    private DistroNamespaces() {
    }

    /**
     * One vulnerability namespace.
     *
     * @param osvEcosystem the OSV ecosystem whose records apply ({@code Debian:12}, {@code Alpine:v3.20},
     *                     {@code Ubuntu:22.04:LTS}, {@code AlmaLinux:9}, {@code Red Hat:enterprise_linux:9}, …);
     *                     records of the ecosystems it {@link #covers} are matched under it
     * @param group        the feed group storing them ({@code debian:12}, {@code alpine:3.20}, {@code ubuntu:22.04},
     *                     {@code rhel:9}, {@code github:java}, …)
     */
    public record DistroNamespace(String osvEcosystem, String group) {

        public DistroNamespace {
            Objects.requireNonNull(osvEcosystem, "osvEcosystem");
            Objects.requireNonNull(group, "group");
        }

        /**
         * Whether records of an OSV ecosystem belong to this namespace: the ecosystem itself, and for vendors that
         * publish per product stream, the streams of the release ({@code Red Hat:enterprise_linux:9::appstream} for
         * RHEL 9, {@code SUSE:Linux Enterprise Module for Basesystem 15 SP5} for SLES 15 SP5).
         */
        public boolean covers(String ecosystem) {
            return namespaceOf(ecosystem).filter(this::equals).isPresent();
        }
    }

    /**
     * The namespace of an image's distro, from os-release.
     *
     * @param distro        {@code ID} ({@code debian}, {@code ubuntu}, {@code alpine}, {@code rhel}, ...), any case
     * @param distroVersion {@code VERSION_ID} ({@code 12}, {@code 22.04}, {@code 3.20.3}, {@code 9.4}, ...)
     * @param likeDistros   {@code ID_LIKE}, followed only for RHEL rebuilds
     * @return empty when no OSV ecosystem holds this distro's packages (unknown distro, unknown or rolling version)
     */
    public static Optional<DistroNamespace> resolve(String distro, String distroVersion, List<String> likeDistros) {
        String id = distro == null ? "" : distro.strip().toLowerCase(Locale.ROOT);
        String version = distroVersion == null ? "" : distroVersion.strip();
        Optional<DistroNamespace> own = own(id, version);
        if (own.isPresent() || known(id)) {
            return own;
        }
        boolean rhelLike = likeDistros != null && likeDistros.stream()
                .anyMatch(like -> like != null && like.strip().equalsIgnoreCase("rhel"));
        return rhelLike ? redHat(version) : Optional.empty();
    }

    /**
     * The feed group of an OSV ecosystem: its namespace's group ({@code Debian:12} → {@code debian:12},
     * {@code Red Hat:enterprise_linux:9::baseos} → {@code rhel:9}, {@code Maven} → {@code github:java}); an
     * ecosystem without a namespace keeps its own name in lower case ({@code Ubuntu:Pro:18.04:LTS} →
     * {@code ubuntu:pro:18.04:lts}).
     */
    public static String groupOf(String osvEcosystem) {
        return namespaceOf(osvEcosystem).map(DistroNamespace::group)
                .orElseGet(() -> osvEcosystem.toLowerCase(Locale.ROOT));
    }

    /**
     * The namespace the records of an OSV ecosystem belong to, for storing them: {@code Debian:12} in
     * {@code (Debian:12, debian:12)}, {@code Red Hat:enterprise_linux:9::baseos} in
     * {@code (Red Hat:enterprise_linux:9, rhel:9)}, {@code npm} in {@code (npm, github:npm)}; empty for ecosystems no
     * image resolves to (Ubuntu Pro, Red Hat EUS streams, SUSE products other than SLES and its modules, ...).
     */
    public static Optional<DistroNamespace> namespaceOf(String osvEcosystem) {
        if (osvEcosystem == null) {
            return Optional.empty();
        }
        String language = LANGUAGE_GROUPS.get(osvEcosystem);
        if (language != null) {
            return Optional.of(new DistroNamespace(osvEcosystem, language));
        }
        Matcher m;
        if ((m = DEBIAN.matcher(osvEcosystem)).matches()) {
            return Optional.of(new DistroNamespace(osvEcosystem, "debian:" + m.group(1)));
        }
        if ((m = UBUNTU.matcher(osvEcosystem)).matches()) {
            return ubuntu(m.group(1)).filter(ns -> ns.osvEcosystem().equals(osvEcosystem));
        }
        if ((m = ALPINE.matcher(osvEcosystem)).matches()) {
            return Optional.of(new DistroNamespace(osvEcosystem, "alpine:" + m.group(1)));
        }
        if ((m = BY_MAJOR.matcher(osvEcosystem)).matches()) {
            String prefix = switch (m.group(1)) {
                case "AlmaLinux" -> "almalinux";
                case "Rocky Linux" -> "rocky";
                case "Mageia" -> "mageia";
                default -> "azurelinux";
            };
            return Optional.of(new DistroNamespace(osvEcosystem, prefix + ":" + m.group(2)));
        }
        if ((m = RED_HAT.matcher(osvEcosystem)).matches()) {
            return redHat(m.group(1));
        }
        if ((m = SUSE.matcher(osvEcosystem)).matches()) {
            return sles(m.group(1), m.group(2));
        }
        if ((m = OPENSUSE_LEAP.matcher(osvEcosystem)).matches()) {
            return Optional.of(new DistroNamespace(osvEcosystem, "opensuse-leap:" + m.group(1)));
        }
        if ((m = OPENEULER.matcher(osvEcosystem)).matches()) {
            String suffix = m.group(2) == null ? "" : m.group(2);
            String group = "openeuler:" + m.group(1)
                    + (suffix.startsWith("-LTS-") ? suffix.substring("-LTS".length()).toLowerCase(Locale.ROOT) : "");
            return Optional.of(new DistroNamespace(osvEcosystem, group));
        }
        return switch (osvEcosystem) {
            case "openSUSE:Tumbleweed" -> Optional.of(new DistroNamespace(osvEcosystem, "opensuse-tumbleweed:rolling"));
            case "Wolfi" -> Optional.of(new DistroNamespace(osvEcosystem, "wolfi:rolling"));
            case "Chainguard" -> Optional.of(new DistroNamespace(osvEcosystem, "chainguard:rolling"));
            default -> Optional.empty();
        };
    }

    private static Optional<DistroNamespace> own(String id, String version) {
        return switch (id) {
            case "debian", "raspbian" -> major(version).map(v -> new DistroNamespace("Debian:" + v, "debian:" + v));
            case "ubuntu" -> majorMinor(version).flatMap(DistroNamespaces::ubuntu);
            case "alpine" -> majorMinor(version).map(v -> new DistroNamespace("Alpine:v" + v, "alpine:" + v));
            case "almalinux" -> major(version).map(v -> new DistroNamespace("AlmaLinux:" + v, "almalinux:" + v));
            case "rocky" -> major(version).map(v -> new DistroNamespace("Rocky Linux:" + v, "rocky:" + v));
            case "rhel", "centos" -> redHat(version);
            case "sles" -> {
                Matcher m = Pattern.compile("(\\d+)(?:\\.(\\d+))?").matcher(version);
                yield m.matches() ? sles(m.group(1), m.group(2) == null || m.group(2).equals("0") ? null : m.group(2))
                        : Optional.empty();
            }
            case "opensuse-leap" -> majorMinor(version)
                    .map(v -> new DistroNamespace("openSUSE:Leap " + v, "opensuse-leap:" + v));
            case "opensuse-tumbleweed" -> namespaceOf("openSUSE:Tumbleweed");
            case "wolfi" -> namespaceOf("Wolfi");
            case "chainguard" -> namespaceOf("Chainguard");
            case "mageia" -> major(version).map(v -> new DistroNamespace("Mageia:" + v, "mageia:" + v));
            case "openeuler" -> majorMinor(version).map(DistroNamespaces::openEuler);
            case "azurelinux", "mariner" -> major(version)
                    .map(v -> new DistroNamespace("Azure Linux:" + v, "azurelinux:" + v));
            default -> Optional.empty();
        };
    }

    /** Distros this class maps by their own id: an unknown version of one of them is not looked up by ID_LIKE. */
    private static boolean known(String id) {
        return switch (id) {
            case "debian", "raspbian", "ubuntu", "alpine", "almalinux", "rocky", "rhel", "centos", "sles",
                    "opensuse-leap", "opensuse-tumbleweed", "wolfi", "chainguard", "mageia", "openeuler", "azurelinux",
                    "mariner", "amzn" -> true;
            default -> false;
        };
    }

    /** Ubuntu's LTS releases are the April releases of even years; OSV suffixes them with {@code :LTS}. */
    private static Optional<DistroNamespace> ubuntu(String yearMonth) {
        boolean lts = yearMonth.endsWith(".04") && evenYear(yearMonth);
        return Optional.of(new DistroNamespace("Ubuntu:" + yearMonth + (lts ? ":LTS" : ""), "ubuntu:" + yearMonth));
    }

    private static Optional<DistroNamespace> redHat(String version) {
        return major(version).map(v -> new DistroNamespace("Red Hat:enterprise_linux:" + v, "rhel:" + v));
    }

    /** SLES {@code 15.5} is "15 SP5"; {@code 15} (or 15.0) is the release without a service pack. */
    private static Optional<DistroNamespace> sles(String major, String servicePack) {
        String release = servicePack == null ? major : major + " SP" + servicePack;
        String group = servicePack == null ? "sles:" + major : "sles:" + major + "." + servicePack;
        return Optional.of(new DistroNamespace("SUSE:Linux Enterprise Server " + release, group));
    }

    /** openEuler's LTS releases are the March releases of even years ({@code 20.03}, {@code 22.03}, {@code 24.03}). */
    private static DistroNamespace openEuler(String yearMonth) {
        boolean lts = yearMonth.endsWith(".03") && evenYear(yearMonth);
        return new DistroNamespace("openEuler:" + yearMonth + (lts ? "-LTS" : ""), "openeuler:" + yearMonth);
    }

    /** {@code 22.04}: 22 is even. */
    private static boolean evenYear(String yearMonth) {
        return (yearMonth.charAt(yearMonth.indexOf('.') - 1) - '0') % 2 == 0;
    }

    /** {@code 12}, {@code 12.5}, {@code 9.4} → the major number; anything else (unstable, 0, edge) → empty. */
    private static Optional<String> major(String version) {
        Matcher m = MAJOR.matcher(version);
        if (!m.matches()) {
            return Optional.empty();
        }
        String major = m.group(1).replaceFirst("^0+(?=\\d)", "");
        return major.equals("0") ? Optional.empty() : Optional.of(major);
    }

    /** {@code 3.20.3} → {@code 3.20}; {@code 22.04} → {@code 22.04}; a bare major or anything else → empty. */
    private static Optional<String> majorMinor(String version) {
        Matcher m = MAJOR_MINOR.matcher(version);
        return m.matches() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
    }
}
