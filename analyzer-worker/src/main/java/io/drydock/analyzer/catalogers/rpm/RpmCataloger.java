package io.drydock.analyzer.catalogers.rpm;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.LayerAttribution;
import io.drydock.analyzer.catalogers.PackageCataloger;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.distro.Distro;
import io.drydock.analyzer.layer.ContentRequest;
import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.FsEntry;
import io.drydock.analyzer.layer.ImageFileSystem;
import io.drydock.analyzer.layer.ImagePaths;
import io.drydock.analyzer.layer.LayerFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Red Hat family and SUSE packages from rpm's database, in whichever of its three formats the image has: sqlite
 * ({@code rpmdb.sqlite}: Fedora 33+, RHEL 9), Berkeley DB hash ({@code Packages}: RHEL up to 8, CentOS, Amazon Linux
 * 2) or NDB ({@code Packages.db}: SUSE). Read by Drydock's own code, without librpm or a native sqlite (ADR 0018).
 *
 * <p>rpm reads one database, so this does too: the first present of {@link #DATABASES}, in that order, so that a
 * database converted to a newer format wins over a stale copy of the old one. A corrupt database fails the analysis:
 * reporting an image with an unreadable package database as having no packages would hide everything in it.
 */
public final class RpmCataloger implements PackageCataloger {

    public static final String TYPE = PackageTypes.RPM;

    /**
     * Where rpm keeps its database: {@code /usr/lib/sysimage/rpm} since Fedora 36 and SUSE (with {@code /var/lib/rpm}
     * a symlink to it), {@code /var/lib/rpm} before and on RHEL; newer formats first.
     */
    static final List<String> DATABASES = List.of(
            "usr/lib/sysimage/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/Packages.db",
            "usr/lib/sysimage/rpm/Packages",
            "var/lib/rpm/rpmdb.sqlite",
            "var/lib/rpm/Packages.db",
            "var/lib/rpm/Packages");

    /** Key servers' signing keys installed with {@code rpm --import} are headers too, but not software. */
    private static final String GPG_PUBKEY = "gpg-pubkey";

    @Override
    public ContentSelector contentSelector() {
        return path -> DATABASES.contains(path)
                ? Optional.of(ContentRequest.wholeFile().withLayerVersions())
                : Optional.empty();
    }

    @Override
    public List<PackageRecord> catalog(ImageFileSystem fs, Distro distro) {
        Optional<String> database = DATABASES.stream().filter(path -> fs.content(path).isPresent()).findFirst();
        if (database.isEmpty()) {
            return List.of();
        }
        LayerAttribution attribution = new LayerAttribution();
        for (LayerFile copy : fs.layerVersions(DATABASES::contains)) {
            read(copy.path(), copy.content(), false, pkg -> attribution.listed(copy, pkg.name(), pkg.fullVersion()));
        }
        String path = database.get();
        String location = ImagePaths.absolute(fs.resolvePath(path).orElse(path));
        String layerOfDatabase = fs.resolve(path).map(FsEntry::layerDigest).orElse(null);
        List<PackageRecord> packages = new ArrayList<>();
        read(path, fs.content(path).orElseThrow(), true, pkg -> packages.add(new PackageRecord(TYPE, pkg.name(),
                pkg.fullVersion(), pkg.arch(), pkg.sourceName(), pkg.sourceVersion(), licenses(pkg.license()),
                pkg.size(), pkg.vendor(),
                attribution.firstLayer(pkg.name(), pkg.fullVersion()).orElse(layerOfDatabase), location,
                purl(distro, pkg), List.of(), pkg.files(), null)));
        packages.sort(Comparator.comparing(PackageRecord::name).thenComparing(PackageRecord::version)
                .thenComparing(PackageRecord::arch, Comparator.nullsFirst(Comparator.naturalOrder())));
        return packages;
    }

    /** Reads every package of a database file, recognising its format by its name as rpm does. */
    static void read(String path, byte[] content, boolean withFiles, Consumer<RpmPackage> sink) {
        Consumer<byte[]> headers = blob -> {
            RpmPackage pkg = RpmPackage.from(RpmHeader.parse(blob), withFiles);
            if (!pkg.name().equals(GPG_PUBKEY)) {
                sink.accept(pkg);
            }
        };
        try {
            switch (ImagePaths.name(path)) {
                case "rpmdb.sqlite" -> SqliteDatabase.forEachPackageBlob(content, headers);
                case "Packages.db" -> NdbDatabase.forEachBlob(content, headers);
                default -> BerkeleyDbHash.forEachValue(content, headers);
            }
        } catch (RpmDatabaseException e) {
            throw new AnalysisFailure("rpm database " + ImagePaths.absolute(path) + " is unreadable: "
                    + e.getMessage(), e);
        }
    }

    /** The License tag is free text; Anchore keeps it as one license, which is what users search for. */
    private static List<String> licenses(String license) {
        return license == null || license.isBlank() ? List.of() : List.of(license.strip());
    }

    /**
     * {@code pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1}: the purl specification's rpm
     * type, version-release as the version, the vendor (distro) lowercased as the namespace and the epoch as a
     * qualifier. An image whose distro is unknown gets no namespace and no distro qualifier.
     */
    static String purl(Distro distro, RpmPackage pkg) {
        return PackageUrl.builder("rpm", pkg.name())
                .namespace(distro.known() ? distro.name().toLowerCase(Locale.ROOT) : null)
                .version(pkg.versionRelease())
                .qualifier("arch", pkg.arch())
                .qualifier("epoch", pkg.epoch() == null ? null : pkg.epoch().toString())
                .qualifier("distro", distro.known() ? distro.name() + "-" + distro.version() : null)
                .build();
    }
}
