package io.drydock.analyzer.catalogers.golang;

import io.drydock.analyzer.catalogers.GoModuleCpes;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.catalogers.binary.ElfFile;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go modules compiled into ELF binaries, from the build information the Go linker embeds ({@link GoBuildInfo}): the
 * main module and every dependency as {@code go} packages ({@code pkg:golang/<module>@<version>}, replacements
 * reported as the module actually compiled in, one replaced by a local directory under its own path as
 * {@code (devel)}), and the Go toolchain, whose standard library is part of every Go
 * binary, as a {@code binary} package {@code go} ({@code pkg:golang/stdlib@<version>}, the name Go's vulnerability
 * database uses for the standard library). A binary built outside module mode (Debian builds Go that way) yields
 * only the toolchain.
 */
public final class GoBinaryCataloger implements FileCataloger {

    private static final Pattern RELEASE = Pattern.compile("go(\\d+\\.\\d+(?:\\.\\d+)?(?:(?:rc|beta)\\d+)?)");
    /** Build settings worth showing with the main module; the rest (compiler flags) rarely matter to a reader. */
    private static final List<String> SHOWN_SETTINGS = List.of("-buildmode", "-ldflags", "-tags", "-trimpath",
            "CGO_ENABLED", "GOARCH", "GOOS", "GOAMD64", "GOARM", "vcs", "vcs.revision", "vcs.time", "vcs.modified");

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return ElfFile.isElf(head);
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        Optional<GoBuildInfo> info;
        try (SeekableByteChannel channel = file.channel()) {
            info = GoBuildInfo.read(ElfFile.read(channel));
        }
        if (info.isEmpty()) {
            return List.of();
        }
        GoModInfo modules = GoModInfo.parse(info.get().modInfo());
        String toolchain = info.get().goVersion();
        List<PackageRecord> packages = new ArrayList<>();
        if (modules.main() != null) {
            Map<String, String> metadata = metadata(toolchain, modules.main());
            if (!modules.path().isEmpty()) {
                metadata.put("mainPackage", modules.path());
            }
            for (String key : SHOWN_SETTINGS) {
                String value = modules.settings().get(key);
                if (value != null) {
                    metadata.put("build:" + key, value);
                }
            }
            packages.add(module(modules.main(), modules.mainVersion(), file.path(), metadata));
        }
        for (GoModInfo.Module dep : modules.deps()) {
            if (dep.replaces() != null && dep.version().isEmpty()) {
                // Replaced by a local directory ("=> ../fork"): the module keeps its name, its code is unversioned.
                Map<String, String> metadata = metadata(toolchain, dep.replaces());
                metadata.put("replacedBy", dep.path());
                packages.add(module(dep.replaces(), GoModInfo.DEVEL, file.path(), metadata));
            } else {
                packages.add(module(dep, dep.version(), file.path(), metadata(toolchain, dep)));
            }
        }
        if (!toolchain.isEmpty()) {
            packages.add(toolchain(toolchain, modules.path(), file.path()));
        }
        return packages;
    }

    private static Map<String, String> metadata(String toolchain, GoModInfo.Module module) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("goToolchain", toolchain);
        if (module.sum() != null) {
            metadata.put("h1Digest", module.sum());
        }
        if (module.replaces() != null) {
            GoModInfo.Module original = module.replaces();
            metadata.put("replaces", original.path() + (original.version().isEmpty() ? "" : "@" + original.version()));
        }
        return metadata;
    }

    private static PackageRecord module(GoModInfo.Module module, String version, String location,
                                        Map<String, String> metadata) {
        return PackageRecord.language(PackageTypes.GO, module.path(), version, List.of(), null, location,
                purl(module.path(), version), GoModuleCpes.of(module.path(), version), List.of(), metadata);
    }

    /** {@code pkg:golang/github.com/spf13/cobra@v1.6.1}: all but the last path element form the namespace. */
    static String purl(String modulePath, String version) {
        int slash = modulePath.lastIndexOf('/');
        return PackageUrl.builder("golang", modulePath.substring(slash + 1))
                .namespace(slash < 0 ? null : modulePath.substring(0, slash))
                .version(version)
                .build();
    }

    /** {@code go1.19.8} becomes 1.19.8; experiments after a space ({@code X:boringcrypto}) are left out. */
    static PackageRecord toolchain(String goVersion, String mainPackage, String location) {
        Matcher release = RELEASE.matcher(goVersion);
        boolean isRelease = release.lookingAt();
        String version = isRelease ? release.group(1) : goVersion;
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("goToolchain", goVersion);
        if (mainPackage != null && !mainPackage.isEmpty()) {
            metadata.put("mainPackage", mainPackage);
        }
        List<String> cpes = isRelease ? List.of("cpe:2.3:a:golang:go:" + version + ":-:*:*:*:*:*:*") : List.of();
        return PackageRecord.language(PackageTypes.BINARY, "go", version, List.of(), null, location,
                PackageUrl.builder("golang", "stdlib").version(version).build(), cpes, List.of(), metadata);
    }
}
