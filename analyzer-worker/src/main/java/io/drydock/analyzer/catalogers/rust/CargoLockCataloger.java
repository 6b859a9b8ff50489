package io.drydock.analyzer.catalogers.rust;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ManifestText;
import io.drydock.analyzer.catalogers.LanguageCpes;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rust crates a {@code Cargo.lock} pins: its {@code [[package]]} tables that have a {@code source} (a registry or a
 * git repository). Tables without one are the workspace's own crates and path dependencies: they are not published
 * releases, and matching them by name against crates.io advisories would only produce false findings. (Syft reports
 * them too; Drydock does not.)
 */
public final class CargoLockCataloger implements FileCataloger {

    /** The largest real lock files (rustc's own, some 6 000 lines) are a few hundred kilobytes. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return path.equals("Cargo.lock") || path.endsWith("/Cargo.lock");
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        return CargoLock.parse(ManifestText.read(file, MAX_BYTES)).stream()
                .filter(crate -> crate.source() != null)
                .map(crate -> {
                    Map<String, String> metadata = new LinkedHashMap<>();
                    metadata.put("source", crate.source());
                    if (crate.checksum() != null) {
                        metadata.put("checksum", crate.checksum());
                    }
                    return PackageRecord.language(PackageTypes.RUST, crate.name(), crate.version(), List.of(), null,
                            file.path(), PackageUrl.builder("cargo", crate.name()).version(crate.version()).build(),
                            LanguageCpes.of(List.of(crate.name(), crate.name() + "_project"), List.of(crate.name()),
                                    crate.version(), "rust"),
                            List.of(), metadata);
                })
                .toList();
    }
}
