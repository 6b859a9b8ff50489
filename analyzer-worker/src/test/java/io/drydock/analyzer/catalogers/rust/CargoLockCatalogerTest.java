package io.drydock.analyzer.catalogers.rust;

import static io.drydock.analyzer.catalogers.CatalogerFixtures.catalog;
import static io.drydock.analyzer.catalogers.CatalogerFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.catalogers.CatalogerFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real lock files from Debian 12's {@code rust-src} (the Rust 1.63 source tree ships several). */
class CargoLockCatalogerTest {

    private static final String RUST_SRC = "/usr/src/rustc-1.63.0/";

    private final CargoLockCataloger cataloger = new CargoLockCataloger();

    @Test
    void readsRegistryAndGitCratesAndSkipsTheWorkspacesOwn() throws Exception {
        byte[] lock = CatalogerFixtures.debianFile("rust-src", RUST_SRC + "compiler/rustc_codegen_cranelift/Cargo.lock");

        List<PackageRecord> found = catalog(cataloger, "src/cranelift/Cargo.lock", lock, context(new Warnings(5)));

        // 35 [[package]] tables, one of them (rustc_codegen_cranelift itself) without a source
        assertThat(found).hasSize(sourceLines(lock)).hasSize(34);
        assertThat(found).extracting(PackageRecord::name).doesNotContain("rustc_codegen_cranelift");
        assertThat(found.getFirst()).satisfies(anyhow -> {
            assertThat(anyhow.type()).isEqualTo("rust");
            assertThat(anyhow.name()).isEqualTo("anyhow");
            assertThat(anyhow.version()).isEqualTo("1.0.56");
            assertThat(anyhow.purl()).isEqualTo("pkg:cargo/anyhow@1.0.56");
            assertThat(anyhow.location()).isEqualTo("/src/cranelift/Cargo.lock");
            assertThat(anyhow.metadata()).containsEntry("source", "registry+https://github.com/rust-lang/crates.io-index")
                    .containsEntry("checksum", "4361135be9122e0870de935d7c439aef945b9f9ddd4199a553b5270b49c82a27");
        });
        assertThat(found.get(1)).satisfies(ar -> {
            assertThat(ar.name()).isEqualTo("ar");
            assertThat(ar.version()).isEqualTo("0.8.0");
            assertThat(ar.metadata().get("source")).startsWith("git+https://github.com/bjorn3/rust-ar.git");
        });
    }

    /** The original lock format: no {@code version = 3}, checksums in a {@code [metadata]} table. */
    @Test
    void readsTheVersionOneFormat() throws Exception {
        byte[] lock = CatalogerFixtures.debianFile("rust-src",
                RUST_SRC + "src/test/run-make/thumb-none-qemu/example/Cargo.lock");

        List<PackageRecord> found = catalog(cataloger, "Cargo.lock", lock, context(new Warnings(5)));

        assertThat(found).hasSize(sourceLines(lock)).hasSize(22);
        assertThat(found).allSatisfy(pkg -> assertThat(pkg.purl()).startsWith("pkg:cargo/" + pkg.name() + "@"));
    }

    /** Path dependencies of a workspace (no {@code source}) leave only the sysroot's registry crates. */
    @Test
    void readsAWorkspaceOfPathDependencies() throws Exception {
        byte[] lock = CatalogerFixtures.debianFile("rust-src",
                RUST_SRC + "compiler/rustc_codegen_cranelift/build_sysroot/Cargo.lock");

        assertThat(catalog(cataloger, "Cargo.lock", lock, context(new Warnings(5)))).hasSize(sourceLines(lock))
                .hasSize(19);
    }

    @Test
    void turnsHostileFilesIntoErrorsOrNothingQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThatThrownBy(() -> catalog(cataloger, "Cargo.lock", "[[package]]\nname = \"a\nversion = \"1\"\n"))
                    .hasMessageContaining("line 2: unterminated string");
            assertThatThrownBy(() -> catalog(cataloger, "Cargo.lock", "[[package]]\ndependencies = [[[[\n"))
                    .hasMessageContaining("arrays nested deeper");
            assertThatThrownBy(() -> catalog(cataloger, "Cargo.lock", "\u0000 garbage\n"))
                    .hasMessageContaining("line 1: not a TOML key = value pair");
            assertThatThrownBy(() -> catalog(cataloger, "Cargo.lock",
                    "[[package]]\nname = \"" + "a".repeat(10_000) + "\"\n"))
                    .hasMessageContaining("longer than 4096");
            assertThat(catalog(cataloger, "Cargo.lock", "dependencies = [\n" + "\"x\",\n".repeat(500_000))).isEmpty();
            assertThat(catalog(cataloger, "Cargo.lock", """
                    [[package]]
                    name = "../../etc"
                    version = "1.0.0"
                    source = "registry+https://github.com/rust-lang/crates.io-index"
                    """)).isEmpty();
        });
    }

    /** An independent count: each {@code [[package]]} table with a source has one {@code source = } line. */
    private static int sourceLines(byte[] lock) {
        return (int) new String(lock, StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("source = "))
                .count();
    }
}
