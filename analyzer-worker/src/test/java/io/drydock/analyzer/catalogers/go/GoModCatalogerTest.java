package io.drydock.analyzer.catalogers.go;

import static io.drydock.analyzer.catalogers.CatalogerFixtures.catalog;
import static io.drydock.analyzer.catalogers.CatalogerFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.catalogers.CatalogerFixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoModCatalogerTest {

    private final GoModCataloger cataloger = new GoModCataloger();

    /** prometheus/common v0.39.0 as Debian 12 ships it: a direct and an indirect require block. */
    @Test
    void readsDirectAndIndirectRequirementsOfARealModule() throws Exception {
        byte[] goMod = CatalogerFixtures.debianFile("golang-github-prometheus-common-dev",
                "/usr/share/gocode/src/github.com/prometheus/common/go.mod");

        List<PackageRecord> found = catalog(cataloger, "usr/share/gocode/src/github.com/prometheus/common/go.mod",
                goMod, context(new Warnings(5)));

        assertThat(found).hasSize(24);
        assertThat(found).filteredOn(pkg -> pkg.metadata().containsKey("indirect")).hasSize(13);
        assertThat(found).allSatisfy(pkg -> {
            assertThat(pkg.type()).isEqualTo("go");
            assertThat(pkg.location()).isEqualTo("/usr/share/gocode/src/github.com/prometheus/common/go.mod");
        });
        assertThat(found.getFirst()).satisfies(kit -> {
            assertThat(kit.name()).isEqualTo("github.com/go-kit/log");
            assertThat(kit.version()).isEqualTo("v0.2.1");
            assertThat(kit.purl()).isEqualTo("pkg:golang/github.com/go-kit/log@v0.2.1");
            assertThat(kit.metadata()).isEmpty();
        });
        assertThat(found).filteredOn(pkg -> pkg.name().equals("github.com/cespare/xxhash/v2")).singleElement()
                .satisfies(xxhash -> {
                    assertThat(xxhash.version()).isEqualTo("v2.1.2");
                    assertThat(xxhash.purl()).isEqualTo("pkg:golang/github.com/cespare/xxhash/v2@v2.1.2");
                    assertThat(xxhash.metadata()).isEqualTo(Map.of("indirect", "true"));
                });
        assertThat(found).filteredOn(pkg -> pkg.name().equals("github.com/mwitkow/go-conntrack"))
                .extracting(PackageRecord::version).containsExactly("v0.0.0-20190716064945-2f068394615f");
    }

    /** golang.org/x/tools as Debian 12 ships it: a require block followed by a single-line require. */
    @Test
    void readsBlockAndSingleLineRequirements() throws Exception {
        byte[] goMod = CatalogerFixtures.debianFile("golang-golang-x-tools-dev",
                "/usr/share/gocode/src/golang.org/x/tools/go.mod");

        assertThat(catalog(cataloger, "go/src/golang.org/x/tools/go.mod", goMod, context(new Warnings(5))))
                .extracting(pkg -> pkg.name() + "@" + pkg.version())
                .containsExactly("github.com/yuin/goldmark@v1.4.13", "golang.org/x/mod@v0.7.0",
                        "golang.org/x/net@v0.5.0", "golang.org/x/sys@v0.4.0", "golang.org/x/sync@v0.1.0");
    }

    /**
     * Written from the Go Modules Reference (go.dev/ref/mod, "replace directive", "exclude", "retract"): Debian's
     * go.mod files carry none of these.
     */
    @Test
    void appliesReplacementsAndSkipsLocalOnes() throws IOException {
        String goMod = """
                module example.com/app // the main module is not a package

                go 1.21

                require (
                	golang.org/x/net v1.2.3
                	golang.org/x/text v0.3.0 // indirect
                	"example.com/quoted" v1.0.0
                	example.com/local v1.0.0
                	github.com/old/lib v1.1.0
                	github.com/Azure/go-autorest v14.2.0+incompatible
                )

                require github.com/other/lib v0.0.0-20200101000000-abcdef123456 // indirect; used by tests

                replace golang.org/x/net v1.2.3 => example.com/fork/net v1.4.5
                replace (
                	golang.org/x/net => example.com/never/net v9.9.9
                	example.com/local => ../local
                	github.com/old/lib v1.0.0 => github.com/new/lib v2.0.0 // another version: not applied
                )
                exclude golang.org/x/net v1.3.0
                retract [v1.0.0, v1.0.5] // broken
                retract (
                	v1.0.6
                )
                """;

        List<PackageRecord> found = catalog(cataloger, "src/app/go.mod", goMod);

        assertThat(found).extracting(pkg -> pkg.name() + "@" + pkg.version()).containsExactly(
                "example.com/fork/net@v1.4.5", "golang.org/x/text@v0.3.0", "example.com/quoted@v1.0.0",
                "github.com/old/lib@v1.1.0", "github.com/Azure/go-autorest@v14.2.0+incompatible",
                "github.com/other/lib@v0.0.0-20200101000000-abcdef123456");
        assertThat(found.getFirst().metadata()).isEqualTo(Map.of("replaces", "golang.org/x/net@v1.2.3"));
        assertThat(found.get(5).metadata()).isEqualTo(Map.of("indirect", "true"));
        // module paths are case-sensitive (the Go vulnerability database keys on them as written)
        assertThat(found.get(4).purl()).isEqualTo("pkg:golang/github.com/Azure/go-autorest@v14.2.0%2Bincompatible");
    }

    @Test
    void readsNoModuleCacheCopies() {
        assertThat(cataloger.wants("go.mod", 10, new byte[0])).isTrue();
        assertThat(cataloger.wants("src/app/go.mod", 10, new byte[0])).isTrue();
        assertThat(cataloger.wants("root/go/pkg/mod/golang.org/x/net@v0.5.0/go.mod", 10, new byte[0])).isFalse();
        assertThat(cataloger.wants("src/app/go.sum", 10, new byte[0])).isFalse();
    }

    @Test
    void turnsHostileFilesIntoErrorsOrNothingQuickly() {
        StringBuilder many = new StringBuilder("require (\n");
        for (int i = 0; i < 60_000; i++) {
            many.append("example.com/m").append(i).append(" v1.0.0\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThatThrownBy(() -> catalog(cataloger, "go.mod", many.toString()))
                    .hasMessageContaining("more than 50000 requirements");
            assertThatThrownBy(() -> catalog(cataloger, "go.mod", "require \"example.com/x v1.0.0\n"))
                    .hasMessageContaining("line 1: unterminated quoted string");
            assertThat(catalog(cataloger, "go.mod", "(".repeat(100_000) + "\u0000garbage\n)))) => =>"))
                    .isEmpty();
            assertThat(catalog(cataloger, "go.mod", "require example.com/x not-a-version\nrequire a b c d\n"))
                    .isEmpty();
            assertThatThrownBy(() -> catalog(cataloger, "go.mod", "x".repeat(5 * 1024 * 1024)))
                    .hasMessageContaining("more than the 4194304 bytes");
        });
    }
}
