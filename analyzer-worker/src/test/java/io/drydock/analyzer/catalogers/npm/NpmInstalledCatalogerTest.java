package io.drydock.analyzer.catalogers.npm;

import static io.drydock.analyzer.catalogers.CatalogerFixtures.catalog;
import static io.drydock.analyzer.catalogers.CatalogerFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NpmInstalledCatalogerTest {

    private final NpmInstalledCataloger cataloger = new NpmInstalledCataloger();

    @Test
    void readsLodashAsPublished() throws Exception {
        List<PackageRecord> found = catalog(cataloger, "app/node_modules/lodash/package.json",
                NpmFixtures.lodashPackageJson(), context(new Warnings(10)));

        assertThat(found).singleElement().satisfies(lodash -> {
            assertThat(lodash.type()).isEqualTo("npm");
            assertThat(lodash.name()).isEqualTo("lodash");
            assertThat(lodash.version()).isEqualTo("4.17.15");
            assertThat(lodash.licenses()).containsExactly("MIT");
            assertThat(lodash.origin()).isEqualTo("John-David Dalton <john.david.dalton@gmail.com>");
            assertThat(lodash.location()).isEqualTo("/app/node_modules/lodash/package.json");
            assertThat(lodash.purl()).isEqualTo("pkg:npm/lodash@4.17.15");
            assertThat(lodash.metadata()).containsEntry("homepage", "https://lodash.com/");
        });
    }

    @Test
    void findsExactlyThePackagesNpmInstalled() throws Exception {
        List<PackageRecord> found = catalogTreeExpectingWhatNpmResolves(NpmFixtures.installed());

        assertThat(found).filteredOn(pkg -> pkg.name().equals("@babel/code-frame")).singleElement()
                .satisfies(pkg -> {
                    assertThat(pkg.purl()).isEqualTo("pkg:npm/%40babel/code-frame@7.0.0");
                    assertThat(pkg.location()).isEqualTo("/app/node_modules/@babel/code-frame/package.json");
                    assertThat(pkg.licenses()).containsExactly("MIT");
                });
        assertThat(found).filteredOn(pkg -> pkg.name().equals("ms")).extracting(PackageRecord::location)
                .containsExactlyInAnyOrder("/app/node_modules/ms/package.json",
                        "/app/node_modules/send/node_modules/ms/package.json");
    }

    /** pnpm's layout: real directories under {@code node_modules/.pnpm}, symlinks (not regular files) above. */
    @Test
    void findsExactlyThePackagesPnpmInstalled() throws Exception {
        List<PackageRecord> found = catalogTreeExpectingWhatNpmResolves(NpmFixtures.installedByPnpm());

        assertThat(found).filteredOn(pkg -> pkg.name().equals("react-dom")).extracting(PackageRecord::location)
                .containsExactly("/app/node_modules/.pnpm/react-dom@18.2.0_react@18.2.0/node_modules/react-dom/"
                        + "package.json");
    }

    @Test
    void readsOnlyTheManifestsOfInstalledPackages() {
        assertThat(cataloger.wants("node_modules/lodash/package.json", 10, new byte[0])).isTrue();
        assertThat(cataloger.wants("usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json", 10,
                new byte[0])).isTrue();
        assertThat(cataloger.wants("app/node_modules/.pnpm/ms@2.1.3/node_modules/ms/package.json", 10, new byte[0]))
                .isTrue();
        assertThat(cataloger.wants("app/package.json", 10, new byte[0])).as("the project itself").isFalse();
        assertThat(cataloger.wants("app/node_modules/ajv/lib/refs/package.json", 10, new byte[0]))
                .as("a file inside a package").isFalse();
        assertThat(cataloger.wants("app/node_modules/@babel/package.json", 10, new byte[0]))
                .as("a scope directory").isFalse();
        assertThat(cataloger.wants("app/node_modules/lodash/package.json.bak", 10, new byte[0])).isFalse();
    }

    /**
     * Catalogs every regular file of a project's {@code node_modules} the cataloger wants, as if the project were at
     * /app, and checks that it finds each package npm resolves exactly once, without warnings.
     */
    private List<PackageRecord> catalogTreeExpectingWhatNpmResolves(Path project) throws Exception {
        Warnings warnings = new Warnings(10);
        List<PackageRecord> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(project.resolve("node_modules"))) {
            for (Path file : files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String path = "app/" + project.relativize(file).toString().replace('\\', '/');
                byte[] content = Files.readAllBytes(file);
                if (cataloger.wants(path, content.length, content)) {
                    found.addAll(cataloger.catalog(ScannedFile.inMemory("/" + path, content), context(warnings)));
                }
            }
        }
        Set<String> names = new TreeSet<>();
        found.forEach(pkg -> names.add(pkg.name() + "@" + pkg.version()));
        assertThat(names).isEqualTo(NpmFixtures.npmLs());
        assertThat(found).hasSize(names.size());
        assertThat(warnings.toList()).isEmpty();
        return found;
    }

    /**
     * The deprecated forms npm's package.json documentation (docs.npmjs.com, "license") still describes and old
     * published packages carry: a {@code {type, url}} object, a {@code licenses} array of such objects, and the
     * author as an object.
     */
    @Test
    void readsEveryHistoricLicenseAndAuthorForm() throws IOException {
        String object = """
                {"name": "old-object", "version": "0.1.0",
                 "license": {"type": "MIT", "url": "https://opensource.org/licenses/MIT"},
                 "author": {"name": "Barney Rubble", "email": "b@rubble.com", "url": "http://barnyrubble.tumblr.com/"}}
                """;
        String array = """
                {"name": "old-array", "version": "0.2.0",
                 "licenses": [{"type": "MIT", "url": "https://x/MIT"}, {"type": "Apache-2.0", "url": "https://x/A"}],
                 "author": {"email": "b@rubble.com"}}
                """;
        String expression = """
                {"name": "@scope/new", "version": "1.0.0-beta.1", "license": "(MIT OR Apache-2.0)", "author": ""}
                """;

        PackageRecord objectForm = catalog(cataloger, "node_modules/old-object/package.json", object).getFirst();
        PackageRecord arrayForm = catalog(cataloger, "node_modules/old-array/package.json", array).getFirst();
        PackageRecord expressionForm = catalog(cataloger, "node_modules/@scope/new/package.json", expression)
                .getFirst();

        assertThat(objectForm.licenses()).containsExactly("MIT");
        assertThat(objectForm.origin()).isEqualTo("Barney Rubble <b@rubble.com> (http://barnyrubble.tumblr.com/)");
        assertThat(arrayForm.licenses()).containsExactly("MIT", "Apache-2.0");
        assertThat(arrayForm.origin()).isEqualTo("<b@rubble.com>");
        assertThat(expressionForm.licenses()).containsExactly("(MIT OR Apache-2.0)");
        assertThat(expressionForm.origin()).isNull();
        assertThat(expressionForm.purl()).isEqualTo("pkg:npm/%40scope/new@1.0.0-beta.1");
        // names from before npm required lower case keep their case: the purl npm type is case-sensitive
        assertThat(catalog(cataloger, "node_modules/JSONStream/package.json",
                "{\"name\": \"JSONStream\", \"version\": \"1.3.5\", \"license\": \"(MIT OR Apache-2.0)\"}"))
                .extracting(PackageRecord::purl).containsExactly("pkg:npm/JSONStream@1.3.5");
    }

    @Test
    void ignoresManifestsWithoutAUsableNameOrVersion() throws IOException {
        assertThat(catalog(cataloger, "node_modules/a/package.json", "{\"name\": \"a\"}")).isEmpty();
        assertThat(catalog(cataloger, "node_modules/a/package.json", "{\"version\": \"1.0.0\"}")).isEmpty();
        assertThat(catalog(cataloger, "node_modules/a/package.json", "{\"name\": \"a b\", \"version\": \"1\"}"))
                .isEmpty();
        assertThat(catalog(cataloger, "node_modules/a/package.json", "{\"name\": 3, \"version\": [\"1\"]}"))
                .isEmpty();
    }

    @Test
    void refusesHostileManifestsWithAClearReason() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String wide = "{\"name\": \"a\", \"version\": \"1.0.0\", \"x\": \"" + "y".repeat(5 * 1024 * 1024) + "\"}";

        assertThatThrownBy(() -> catalog(cataloger, "node_modules/a/package.json", deep))
                .isInstanceOf(IOException.class).hasMessageContaining("not a valid package.json");
        assertThatThrownBy(() -> catalog(cataloger, "node_modules/a/package.json", wide))
                .isInstanceOf(IOException.class).hasMessageContaining("more than the 4194304 bytes");
        assertThatThrownBy(() -> catalog(cataloger, "node_modules/a/package.json", "\u0000\u0001garbage"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a valid package.json");
        assertThatThrownBy(() -> catalog(cataloger, "node_modules/a/package.json", "[1, 2]"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> catalog(cataloger, "node_modules/a/package.json",
                new String(new byte[0], StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void givesCpesAsSyftDoesWithTheScopeAsAFurtherVendor() {
        assertThat(NpmPackages.cpes("lodash", "4.17.15")).containsExactly(
                "cpe:2.3:a:lodash:lodash:4.17.15:*:*:*:*:node.js:*:*",
                "cpe:2.3:a:lodash_project:lodash:4.17.15:*:*:*:*:node.js:*:*");
        assertThat(NpmPackages.cpes("@babel/traverse", "7.22.5"))
                .contains("cpe:2.3:a:babel:traverse:7.22.5:*:*:*:*:node.js:*:*");
    }
}
