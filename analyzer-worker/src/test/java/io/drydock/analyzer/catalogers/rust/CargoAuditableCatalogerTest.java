package io.drydock.analyzer.catalogers.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.catalogers.TestCatalogContext;
import io.drydock.analyzer.catalogers.binary.TestElf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No Rust toolchain or cargo-auditable binary can be produced on this machine, so the fixtures are built from the
 * format's specification (rust-secure-code/cargo-auditable, auditable-serde's VersionInfo and the JSON schema at
 * rustsec.org/schemas/cargo-auditable.json): the dependency list as JSON, zlib-compressed, in an ELF section named
 * {@code .dep-v0}, written as real ELF files by {@link TestElf}.
 */
class CargoAuditableCatalogerTest {

    /** What cargo-auditable 0.6 embeds for a small CLI: root package, runtime crates, a build-time crate. */
    private static final String DEPENDENCIES = """
            {"packages":[
              {"name":"adler","version":"1.0.2","source":"crates.io"},
              {"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"},
              {"name":"miniz_oxide","version":"0.7.1","source":"crates.io","dependencies":[0]},
              {"name":"ripgrep-lite","version":"0.3.0","source":"local","dependencies":[0,1,2,4],"root":true},
              {"name":"serde_json","version":"1.0.108","source":"git"}
            ],"format":1}
            """;

    private final CargoAuditableCataloger cataloger = new CargoAuditableCataloger();
    @RegisterExtension
    final TestCatalogContext catalog = new TestCatalogContext();

    @Test
    void readsTheRuntimeCratesOfAnAuditableBinary() throws Exception {
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN)
                .section(".text", new byte[64])
                .section(".dep-v0", zlib(DEPENDENCIES.getBytes(StandardCharsets.UTF_8)))
                .build();

        List<PackageRecord> packages = cataloger.catalog(ScannedFile.inMemory("/usr/local/bin/rg", elf),
                catalog.context());

        assertThat(packages).extracting(PackageRecord::type, PackageRecord::name, PackageRecord::version,
                        PackageRecord::purl, PackageRecord::location)
                .containsExactly(
                        tuple("rust", "adler", "1.0.2", "pkg:cargo/adler@1.0.2", "/usr/local/bin/rg"),
                        tuple("rust", "miniz_oxide", "0.7.1", "pkg:cargo/miniz_oxide@0.7.1", "/usr/local/bin/rg"),
                        tuple("rust", "ripgrep-lite", "0.3.0", "pkg:cargo/ripgrep-lite@0.3.0", "/usr/local/bin/rg"),
                        tuple("rust", "serde_json", "1.0.108", "pkg:cargo/serde_json@1.0.108", "/usr/local/bin/rg"));
        assertThat(packages.get(2).metadata()).containsEntry("source", "local").containsEntry("root", "true");
        assertThat(packages.get(3).metadata()).containsEntry("source", "git").doesNotContainKey("root");
    }

    @Test
    void readsThirtyTwoBitBigEndianBinaries() throws Exception {
        byte[] elf = TestElf.of(false, ByteOrder.BIG_ENDIAN)
                .section(".dep-v0", zlib("""
                        {"packages":[{"name":"libc","version":"0.2.150","source":"crates.io"}]}
                        """.getBytes(StandardCharsets.UTF_8)))
                .build();

        assertThat(cataloger.catalog(ScannedFile.inMemory("/bin/tool", elf), catalog.context()))
                .extracting(PackageRecord::purl).containsExactly("pkg:cargo/libc@0.2.150");
    }

    @Test
    void binaryWithoutAuditDataYieldsNothing() throws Exception {
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN).section(".text", new byte[32]).build();

        assertThat(cataloger.catalog(ScannedFile.inMemory("/bin/plain", elf), catalog.context())).isEmpty();
    }

    @Test
    void dataThatIsNotZlibIsAnError() {
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN)
                .section(".dep-v0", DEPENDENCIES.getBytes(StandardCharsets.UTF_8)).build();

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/bin/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("not zlib data");
    }

    @Test
    void truncatedZlibDataIsAnError() {
        byte[] compressed = zlib(DEPENDENCIES.getBytes(StandardCharsets.UTF_8));
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN)
                .section(".dep-v0", Arrays.copyOf(compressed, compressed.length / 2)).build();

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/bin/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    /** A few kilobytes that inflate to more JSON than any real dependency list: stopped at the limit. */
    @Test
    void decompressionBombIsStoppedAtTheLimit() {
        byte[] huge = new byte[CargoAuditableCataloger.MAX_JSON_BYTES + 1024];
        Arrays.fill(huge, (byte) ' ');
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN).section(".dep-v0", zlib(huge)).build();

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/bin/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("inflates to more than");
    }

    @Test
    void jsonWithoutPackagesIsAnError() {
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN)
                .section(".dep-v0", zlib("{\"format\":1}".getBytes(StandardCharsets.UTF_8))).build();

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/bin/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("no \"packages\" array");
    }

    @Test
    void deeplyNestedJsonIsAnError() {
        String nested = "[".repeat(10_000) + "]".repeat(10_000);
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN)
                .section(".dep-v0", zlib(("{\"packages\":" + nested + "}").getBytes(StandardCharsets.UTF_8)))
                .build();

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/bin/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void wantsElfFilesOnly() {
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN).section(".text", new byte[32]).build();

        assertThat(cataloger.wants("usr/bin/rg", elf.length, Arrays.copyOf(elf, 64))).isTrue();
        assertThat(cataloger.wants("usr/bin/script", 100, "#!/bin/sh\necho hello, this is not ELF at all\n"
                .repeat(2).getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
