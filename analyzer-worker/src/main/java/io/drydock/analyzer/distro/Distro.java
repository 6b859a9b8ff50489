package io.drydock.analyzer.distro;

import java.util.Locale;
import java.util.Objects;

/**
 * The operating system an image is built on, named as Anchore names it.
 *
 * @param name       os-release {@code ID} or the equivalent ({@code debian}, {@code alpine}, {@code rhel}), else
 *                   {@code Unknown}
 * @param version    os-release {@code VERSION_ID} or the equivalent, else {@code 0}
 * @param likeDistro os-release {@code ID_LIKE} as a comma list, else the name itself
 * @param flavor     the family vulnerability data is keyed by: {@code RHEL}, {@code DEB}, {@code ALPINE},
 *                   {@code BUSYB} or {@code Unknown}
 */
public record Distro(String name, String version, String likeDistro, String flavor) {

    public static final String UNKNOWN_NAME = "Unknown";
    public static final String UNKNOWN_VERSION = "0";

    public static final Distro UNKNOWN = new Distro(UNKNOWN_NAME, UNKNOWN_VERSION, UNKNOWN_NAME, "Unknown");

    public Distro {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(likeDistro, "likeDistro");
        Objects.requireNonNull(flavor, "flavor");
    }

    /** A distro with its flavor derived from the name, then from the like-list. */
    public static Distro of(String name, String version, String likeDistro) {
        String flavor = flavorOf(name);
        if (flavor == null) {
            for (String like : likeDistro.split(",")) {
                flavor = flavorOf(like.trim());
                if (flavor != null) {
                    break;
                }
            }
        }
        return new Distro(name, version, likeDistro, flavor == null ? "Unknown" : flavor);
    }

    public boolean known() {
        return !name.equals(UNKNOWN_NAME);
    }

    /**
     * Anchore's flavors, plus the rpm distros its distro mappings put in the RHEL family (amzn, rocky, sles); almalinux
     * and {@code suse} (openSUSE's ID_LIKE) too, so that an rpm-based image does not end up with flavor Unknown.
     */
    private static String flavorOf(String distro) {
        return switch (distro.toLowerCase(Locale.ROOT)) {
            case "centos", "rhel", "redhat", "fedora", "ol", "amzn", "rocky", "almalinux", "sles", "suse" -> "RHEL";
            case "debian", "ubuntu" -> "DEB";
            case "alpine" -> "ALPINE";
            case "busybox" -> "BUSYB";
            default -> null;
        };
    }
}
