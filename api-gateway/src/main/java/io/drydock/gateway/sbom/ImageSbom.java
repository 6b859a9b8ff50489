package io.drydock.gateway.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageTag;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an export describes: an account's analysed image, its stored analysis and packages (in catalogue order),
 * and when the export was made.
 */
record ImageSbom(Image image, StoredAnalysis analysis, List<StoredPackage> packages, Instant created) {

    ImageSbom {
        packages = List.copyOf(packages);
    }

    /** The image's first tag ({@code registry/repo:tag}), or its digest when it has none. */
    String name() {
        return tag().map(ImageTag::fulltag).orElse(image.digest());
    }

    Optional<ImageTag> tag() {
        return image.tags().stream().findFirst();
    }

    /**
     * {@code pkg:oci/<last repository segment>@<digest>?repository_url=<registry>/<repo>&tag=<tag>} (the purl
     * specification's oci type: the name is lower case and the digest is the version; packageurl-java percent-encodes
     * the qualifier values); empty without a tag, which alone gives the image a name.
     */
    Optional<String> purl() {
        return tag().map(tag -> {
            String repo = tag.repo();
            String name = repo.substring(repo.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            try {
                return PackageURLBuilder.aPackageURL().withType("oci").withName(name).withVersion(image.digest())
                        .withQualifier("repository_url", tag.registry() + "/" + repo)
                        .withQualifier("tag", tag.tag())
                        .build().canonicalize();
            } catch (MalformedPackageURLException e) {
                // A stored tag is a parsed reference; a purl it cannot make is left out rather than invented.
                return null;
            }
        });
    }

    /** The distribution, when the analysis identified one. */
    Optional<Distro> distro() {
        String name = analysis.distro();
        if (name == null || name.isBlank() || name.equalsIgnoreCase("unknown")) {
            return Optional.empty();
        }
        return Optional.of(new Distro(name, analysis.distroVersion(), analysis.likeDistro()));
    }

    record Distro(String name, String version, String like) {
    }
}
