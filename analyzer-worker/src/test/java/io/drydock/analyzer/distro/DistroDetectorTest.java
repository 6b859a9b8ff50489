package io.drydock.analyzer.distro;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.analyzer.TestImage;
import io.drydock.analyzer.TestTar;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DistroDetectorTest {

    private static final String DEBIAN_12 = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            HOME_URL="https://www.debian.org/"
            """;

    private static Distro detect(TestTar... layers) {
        byte[][] blobs = new byte[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            blobs[i] = layers[i].gzip();
        }
        return new DistroDetector().detect(TestImage.stack(DistroDetector.contentSelector(), blobs));
    }

    @Test
    void followsDebiansOsReleaseSymlinkIntoUsrLib() {
        Distro distro = detect(tar().file("usr/lib/os-release", DEBIAN_12)
                .symlink("etc/os-release", "../usr/lib/os-release"));

        assertThat(distro).isEqualTo(new Distro("debian", "12", "debian", "DEB"));
    }

    @Test
    void fallsBackToUsrLibOsReleaseWhenEtcHasNone() {
        assertThat(detect(tar().file("usr/lib/os-release", DEBIAN_12)).name()).isEqualTo("debian");
    }

    @Test
    void prefersEtcOsReleaseOverUsrLib() {
        Distro distro = detect(tar().file("usr/lib/os-release", DEBIAN_12)
                .file("etc/os-release", "ID=ubuntu\nVERSION_ID=\"22.04\"\nID_LIKE=debian\n"));

        assertThat(distro).isEqualTo(new Distro("ubuntu", "22.04", "debian", "DEB"));
    }

    @Test
    void readsOsReleaseFromAnUpperLayerAfterTheLowerOneWasReplaced() {
        Distro distro = detect(tar().file("etc/os-release", DEBIAN_12),
                tar().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.1\n"));

        assertThat(distro).isEqualTo(new Distro("alpine", "3.20.1", "alpine", "ALPINE"));
    }

    @Test
    void derivesFlavorFromIdLikeForDerivatives() {
        Distro distro = detect(tar().file("etc/os-release",
                "ID=\"rocky\"\nVERSION_ID=\"9.3\"\nID_LIKE=\"rhel centos fedora\"\n"));

        assertThat(distro).isEqualTo(new Distro("rocky", "9.3", "rhel,centos,fedora", "RHEL"));
    }

    /** The identifying lines of each distro's published /etc/os-release. */
    @Test
    void detectsRhelFamilyAndSuseImagesFromTheirOsRelease() {
        assertThat(osRelease("NAME=\"AlmaLinux\"\nID=\"almalinux\"\nID_LIKE=\"rhel centos fedora\"\n"
                + "VERSION_ID=\"9.3\"\n"))
                .isEqualTo(new Distro("almalinux", "9.3", "rhel,centos,fedora", "RHEL"));
        assertThat(osRelease("NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n"
                + "VERSION_ID=\"8.9\"\n"))
                .isEqualTo(new Distro("rocky", "8.9", "rhel,centos,fedora", "RHEL"));
        assertThat(osRelease("NAME=\"CentOS Linux\"\nVERSION=\"7 (Core)\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\n"
                + "VERSION_ID=\"7\"\n"))
                .isEqualTo(new Distro("centos", "7", "rhel,fedora", "RHEL"));
        assertThat(osRelease("NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\n"
                + "VERSION_ID=\"9.4\"\n"))
                .isEqualTo(new Distro("rhel", "9.4", "fedora", "RHEL"));
        assertThat(osRelease("NAME=\"Fedora Linux\"\nVERSION=\"40 (Container Image)\"\nID=fedora\nVERSION_ID=40\n"))
                .isEqualTo(new Distro("fedora", "40", "fedora", "RHEL"));
        assertThat(osRelease("NAME=\"Amazon Linux\"\nVERSION=\"2\"\nID=\"amzn\"\nID_LIKE=\"centos rhel fedora\"\n"
                + "VERSION_ID=\"2\"\n"))
                .isEqualTo(new Distro("amzn", "2", "centos,rhel,fedora", "RHEL"));
        assertThat(osRelease("NAME=\"Amazon Linux\"\nVERSION=\"2023\"\nID=\"amzn\"\nID_LIKE=\"fedora\"\n"
                + "VERSION_ID=\"2023\"\n"))
                .isEqualTo(new Distro("amzn", "2023", "fedora", "RHEL"));
        assertThat(osRelease("NAME=\"openSUSE Leap\"\nVERSION=\"15.5\"\nID=\"opensuse-leap\"\n"
                + "ID_LIKE=\"suse opensuse\"\nVERSION_ID=\"15.5\"\n"))
                .isEqualTo(new Distro("opensuse-leap", "15.5", "suse,opensuse", "RHEL"));
        assertThat(osRelease("NAME=\"SLES\"\nVERSION=\"15-SP5\"\nVERSION_ID=\"15.5\"\nID=\"sles\"\n"
                + "ID_LIKE=\"suse\"\n"))
                .isEqualTo(new Distro("sles", "15.5", "suse", "RHEL"));
    }

    private static Distro osRelease(String text) {
        return detect(tar().file("etc/os-release", text));
    }

    @Test
    void usesDebianVersionMajorWhenOsReleaseHasNoVersion() {
        Distro distro = detect(tar().file("etc/os-release", "ID=debian\n").file("etc/debian_version", "11.9\n"));

        assertThat(distro.version()).isEqualTo("11");
    }

    @Test
    void callsSidUnstable() {
        Distro distro = detect(tar().file("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nID=debian\n")
                .file("etc/debian_version", "trixie/sid\n"));

        assertThat(distro.version()).isEqualTo("unstable");
    }

    @Test
    void readsSystemReleaseCpeWhenOsReleaseIsMissing() {
        Distro distro = detect(tar().file("etc/system-release-cpe", "cpe:/o:redhat:enterprise_linux:7.9:ga:server\n")
                .file("etc/redhat-release", "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n"));

        assertThat(distro).isEqualTo(new Distro("rhel", "7.9", "rhel", "RHEL"));
    }

    @Test
    void readsRedhatReleaseText() {
        Distro distro = detect(tar().file("etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)\n"));

        assertThat(distro).isEqualTo(new Distro("centos", "7.9", "centos", "RHEL"));
    }

    @Test
    void recognisesBusyboxAndItsVersion() {
        byte[] binary = ("\u007fELF\0\0garbage\0BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\0")
                .getBytes(StandardCharsets.ISO_8859_1);
        Distro distro = detect(tar().file("bin/busybox", binary, 0755, 0, 0).hardlink("bin/sh", "bin/busybox"));

        assertThat(distro).isEqualTo(new Distro("busybox", "1.36.1", "busybox", "BUSYB"));
    }

    @Test
    void fallsBackToUnknownAndZero() {
        Distro distro = detect(tar().file("app/server", "binary"));

        assertThat(distro).isEqualTo(new Distro("Unknown", "0", "Unknown", "Unknown"));
    }
}
