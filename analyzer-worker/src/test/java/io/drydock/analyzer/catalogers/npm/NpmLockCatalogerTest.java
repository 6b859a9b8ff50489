package io.drydock.analyzer.catalogers.npm;

import static io.drydock.analyzer.catalogers.CatalogerFixtures.catalog;
import static io.drydock.analyzer.catalogers.CatalogerFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.Warnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpmLockCatalogerTest {

    private final NpmLockCataloger cataloger = new NpmLockCataloger();

    /** Every lock file format, written by its own tool for the same project, pins exactly what npm installs. */
    @ParameterizedTest
    @ValueSource(strings = {"npm-v1", "npm-v2", "npm-v3", "yarn-1", "yarn-4", "pnpm-7", "pnpm-8", "pnpm-9"})
    void pinsExactlyWhatNpmInstalls(String fixture) throws Exception {
        Path lock = NpmFixtures.lockFile(fixture);
        String path = "srv/app/" + lock.getFileName();
        Warnings warnings = new Warnings(10);

        List<PackageRecord> found = catalog(cataloger, path, Files.readAllBytes(lock), context(warnings));

        Set<String> pinned = new TreeSet<>();
        found.forEach(pkg -> pinned.add(pkg.name() + "@" + pkg.version()));
        assertThat(pinned).isEqualTo(NpmFixtures.npmLs());
        assertThat(found).hasSize(pinned.size());
        assertThat(warnings.toList()).isEmpty();
        assertThat(found).allSatisfy(pkg -> {
            assertThat(pkg.type()).isEqualTo("npm");
            assertThat(pkg.location()).isEqualTo("/" + path);
        });
        assertThat(found).filteredOn(pkg -> pkg.name().equals("@babel/code-frame"))
                .extracting(PackageRecord::purl).containsExactly("pkg:npm/%40babel/code-frame@7.0.0");
    }

    @Test
    void readsNoLockFileInsideNodeModules() {
        assertThat(cataloger.wants("app/package-lock.json", 10, new byte[0])).isTrue();
        assertThat(cataloger.wants("yarn.lock", 10, new byte[0])).isTrue();
        assertThat(cataloger.wants("app/npm-shrinkwrap.json", 10, new byte[0])).isTrue();
        assertThat(cataloger.wants("app/node_modules/.package-lock.json", 10, new byte[0])).isFalse();
        assertThat(cataloger.wants("app/node_modules/x/package-lock.json", 10, new byte[0])).isFalse();
        assertThat(cataloger.wants("node_modules/x/yarn.lock", 10, new byte[0])).isFalse();
        assertThat(cataloger.wants("app/pnpm-lock.yml", 10, new byte[0])).isFalse();
    }

    /**
     * Forms the fixture project does not produce, written from the formats' documentation (docs.npmjs.com
     * "package-lock.json", yarnpkg.com "yarn.lock" and "Protocols", pnpm.io "pnpm-lock.yaml"): aliases, links and
     * workspaces, local folders, git and tarball dependencies.
     */
    @Test
    void resolvesAliasesAndSkipsTheProjectsOwnCode() throws IOException {
        String v1 = """
                {"name": "p", "lockfileVersion": 1, "dependencies": {
                  "my-ms": {"version": "npm:ms@2.1.3"},
                  "local": {"version": "file:../local"},
                  "from-git": {"version": "git+https://github.com/u/from-git.git#0123abc"},
                  "a": {"version": "1.0.0", "dependencies": {"b": {"version": "2.0.0",
                        "dependencies": {"c": {"version": "3.0.0"}}}}}}}
                """;
        String v3 = """
                {"name": "p", "lockfileVersion": 3, "packages": {
                  "": {"name": "p", "version": "1.0.0"},
                  "packages/lib": {"name": "lib", "version": "0.1.0"},
                  "node_modules/lib": {"resolved": "packages/lib", "link": true},
                  "node_modules/my-ms": {"name": "ms", "version": "2.1.3"},
                  "node_modules/a/node_modules/@s/b": {"version": "2.0.0"}}}
                """;
        String yarn1 = """
                # yarn lockfile v1


                "my-ms@npm:ms@^2.1.0":
                  version "2.1.3"
                  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz"

                a@^1.0.0, a@^1.0.1:
                  version "1.0.2"
                """;
        String berry = """
                __metadata:
                  version: 8

                "lib@workspace:packages/lib":
                  version: 0.0.0-use.local
                  resolution: "lib@workspace:packages/lib"

                "my-ms@npm:ms@^2.1.0":
                  version: 2.1.3
                  resolution: "ms@npm:2.1.3"

                "resolve@patch:resolve@npm%3A^1.22.0#~builtin<compat/resolve>":
                  version: 1.22.8
                  resolution: "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8"
                """;
        String pnpm6 = """
                lockfileVersion: '6.0'

                packages:

                  /@s/b@2.0.0(react@18.2.0)(x@1.0.0):
                    resolution: {integrity: sha512-x}
                    engines: {node: '>=6'}
                    dev: false

                  '@github.com/u/repo/abc123':
                    resolution: {tarball: https://codeload.github.com/u/repo/tar.gz/abc123}
                    name: repo
                    version: 1.2.3

                  file:../local:
                    resolution: {directory: ../local, type: directory}
                    name: local
                """;
        String pnpm5 = """
                lockfileVersion: 5.4

                packages:

                  /@s/b/2.0.0_react@18.2.0:
                    resolution: {integrity: sha512-x}

                  /ms/2.1.3:
                    resolution: {integrity: sha512-y}
                """;

        assertThat(pinned("package-lock.json", v1)).containsExactly("ms@2.1.3", "a@1.0.0", "b@2.0.0", "c@3.0.0");
        assertThat(pinned("package-lock.json", v3)).containsExactly("ms@2.1.3", "@s/b@2.0.0");
        assertThat(pinned("yarn.lock", yarn1)).containsExactly("ms@2.1.3", "a@1.0.2");
        assertThat(pinned("yarn.lock", berry)).containsExactly("ms@2.1.3", "resolve@1.22.8");
        assertThat(pinned("pnpm-lock.yaml", pnpm6)).containsExactly("@s/b@2.0.0", "repo@1.2.3");
        assertThat(pinned("pnpm-lock.yaml", pnpm5)).containsExactly("@s/b@2.0.0", "ms@2.1.3");
    }

    @Test
    void turnsHostileLockFilesIntoErrorsOrNothingQuickly() {
        String deepJson = "{\"dependencies\": " + "{\"a\": {\"version\": \"1.0.0\", \"dependencies\": ".repeat(5000);
        String notJson = "\u0000\u0001 garbage";
        String hugeLine = "packages:\n  " + "x".repeat(8 * 1024 * 1024) + ":\n    version: 1\n";
        StringBuilder manyEntries = new StringBuilder("packages:\n");
        for (int i = 0; i < 250_000; i++) {
            manyEntries.append("  /p").append(i).append("@1.0.0:\n    resolution: {integrity: x}\n");
        }
        String yamlBomb = """
                lockfileVersion: '9.0'
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                packages:
                  *c:
                    version: 1.0.0
                  !!java.net.URL ["http://x"]: {}
                """;

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThatThrownBy(() -> pinned("package-lock.json", deepJson))
                    .isInstanceOf(IOException.class).hasMessageContaining("not a valid package-lock.json");
            assertThatThrownBy(() -> pinned("package-lock.json", notJson)).isInstanceOf(IOException.class);
            assertThat(pinned("pnpm-lock.yaml", hugeLine)).isEmpty();
            assertThatThrownBy(() -> pinned("pnpm-lock.yaml", manyEntries.toString()))
                    .hasMessageContaining("more than 200000 packages");
            assertThat(pinned("pnpm-lock.yaml", yamlBomb)).isEmpty();
            assertThat(pinned("yarn.lock", notJson + "\n:\n  version\n\"unterminated:\n")).isEmpty();
        });
    }

    @Test
    void refusesALockFileLargerThanTheSingleFileLimit() {
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxFileBytes(1024);
        byte[] lock = ("{\"lockfileVersion\": 3, \"packages\": {" + " ".repeat(2000) + "}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> catalog(cataloger, "package-lock.json", lock, context(limits, new Warnings(5))))
                .isInstanceOf(IOException.class).hasMessageContaining("more than the 1024 bytes");
    }

    private List<String> pinned(String fileName, String content) throws IOException {
        return catalog(cataloger, "app/" + fileName, content).stream()
                .map(pkg -> pkg.name() + "@" + pkg.version())
                .toList();
    }
}
