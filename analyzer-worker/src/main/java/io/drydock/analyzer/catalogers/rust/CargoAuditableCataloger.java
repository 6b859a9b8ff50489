package io.drydock.analyzer.catalogers.rust;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.LanguageCpes;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.catalogers.binary.ElfFile;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rust crates compiled into ELF binaries built with {@code cargo auditable}: its {@code .dep-v0} section holds the
 * zlib-compressed JSON dependency list ({@code {"packages":[{"name","version","source","kind","dependencies",
 * "root"}]}}, schema at rustsec.org/schemas/cargo-auditable.json). Each runtime crate becomes a {@code rust} package
 * {@code pkg:cargo/<name>@<version>}; build-time crates (build scripts, proc macros) are not in the binary and are
 * left out. Binaries built with plain {@code cargo build} carry no such section and yield nothing.
 */
public final class CargoAuditableCataloger implements FileCataloger {

    static final String SECTION = ".dep-v0";
    /** cargo-auditable's own reader stops at 8 MiB of JSON and compressed input. */
    static final int MAX_COMPRESSED_BYTES = 8 * 1024 * 1024;
    static final int MAX_JSON_BYTES = 8 * 1024 * 1024;
    private static final int MAX_PACKAGES = 50_000;
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
                    .build())
            .build();

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return ElfFile.isElf(head);
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        byte[] compressed;
        try (SeekableByteChannel channel = file.channel()) {
            ElfFile elf = ElfFile.read(channel);
            Optional<ElfFile.Section> section = elf.section(SECTION);
            if (section.isEmpty()) {
                return List.of();
            }
            compressed = elf.content(section.get(), MAX_COMPRESSED_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(inflate(compressed));
        } catch (JacksonException e) {
            throw new IOException("cargo-auditable data in " + SECTION + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        JsonNode packages = root.path("packages");
        if (!packages.isArray()) {
            throw new IOException("cargo-auditable data in " + SECTION + " has no \"packages\" array");
        }
        if (packages.size() > MAX_PACKAGES) {
            throw new IOException("cargo-auditable data lists " + packages.size() + " packages, more than "
                    + MAX_PACKAGES);
        }
        List<PackageRecord> result = new ArrayList<>();
        for (JsonNode pkg : packages) {
            String name = text(pkg, "name");
            String version = text(pkg, "version");
            if (name == null || version == null) {
                throw new IOException("cargo-auditable data has a package without a name or version");
            }
            String kind = Optional.ofNullable(text(pkg, "kind")).orElse("runtime");
            if (kind.equals("build")) {
                continue;
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            String source = text(pkg, "source");
            if (source != null) {
                metadata.put("source", source);
            }
            if (pkg.path("root").asBoolean(false)) {
                metadata.put("root", "true");
            }
            result.add(PackageRecord.language(PackageTypes.RUST, name, version, List.of(), null, file.path(),
                    PackageUrl.builder("cargo", name).version(version).build(),
                    LanguageCpes.of(List.of(name, name + "_project"), List.of(name), version, "rust"), List.of(),
                    metadata));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    /** zlib (RFC 1950) as miniz_oxide writes it, inflated up to {@link #MAX_JSON_BYTES}. */
    static byte[] inflate(byte[] compressed) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[Math.min(MAX_JSON_BYTES, Math.max(1024, compressed.length * 4))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (out.length >= MAX_JSON_BYTES) {
                        throw new IOException("cargo-auditable data inflates to more than " + MAX_JSON_BYTES
                                + " bytes (limit)");
                    }
                    out = Arrays.copyOf(out, Math.min(MAX_JSON_BYTES, out.length * 2));
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("cargo-auditable data in " + SECTION + " is truncated");
                }
                length += n;
            }
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new IOException("cargo-auditable data in " + SECTION + " is not zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
