package io.drydock.analyzer.catalogers.php;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.FileCatalogerRun;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debian's php-* packages install sources under /usr/share/php without Composer's metadata, so these fixtures
 * follow Composer's documentation and schema (getcomposer.org/doc/01-basic-usage.md, res/composer-schema.json) and
 * the layout Composer 1 and 2 write to vendor/composer/installed.json.
 */
class ComposerCatalogerTest {

    private static final String LOCK = """
            {
                "_readme": ["This file locks the dependencies of your project to a known state"],
                "content-hash": "4e0a2c1f8b1f0d2c9a5e7b3d1c0f9e8a",
                "packages": [
                    {
                        "name": "monolog/monolog",
                        "version": "3.5.0",
                        "source": {"type": "git", "url": "https://github.com/Seldaek/monolog.git",
                                   "reference": "c915e2634718dbc8a4a15c61b0e62e7a44e14448"},
                        "dist": {"type": "zip", "url": "https://api.github.com/repos/Seldaek/monolog/zipball/c915e26",
                                 "reference": "c915e2634718dbc8a4a15c61b0e62e7a44e14448", "shasum": ""},
                        "require": {"php": ">=8.1", "psr/log": "^2.0 || ^3.0"},
                        "type": "library",
                        "license": ["MIT"],
                        "authors": [{"name": "Jordi Boggiano", "email": "j.boggiano@seld.be",
                                     "homepage": "https://seld.be"}],
                        "description": "Sends your logs to files, sockets, inboxes, databases and various web services"
                    },
                    {
                        "name": "Psr/Log",
                        "version": "3.0.0",
                        "type": "library",
                        "license": "MIT",
                        "authors": [{"name": "PHP-FIG"}]
                    },
                    {"name": "no-version/package"},
                    {"name": "not a valid name", "version": "1.0.0"}
                ],
                "packages-dev": [
                    {
                        "name": "phpunit/phpunit",
                        "version": "10.5.5",
                        "type": "library",
                        "license": ["BSD-3-Clause"],
                        "authors": [{"name": "Sebastian Bergmann", "email": "sebastian@phpunit.de", "role": "lead"}]
                    }
                ],
                "aliases": [],
                "minimum-stability": "stable",
                "stability-flags": [],
                "prefer-stable": false,
                "prefer-lowest": false,
                "platform": {"php": ">=8.1"},
                "platform-dev": [],
                "plugin-api-version": "2.6.0"
            }
            """;

    @Test
    void readsPackagesAndDevPackagesOfAComposerLock() {
        FileCatalogerRun run = FileCatalogerRun.of(new ComposerCataloger(),
                tar().file("srv/app/composer.lock", LOCK).gzip());

        assertThat(run.packages())
                .extracting(PackageRecord::name, PackageRecord::version, PackageRecord::purl,
                        pkg -> pkg.metadata().get("composer.dev"))
                .containsExactly(
                        tuple("monolog/monolog", "3.5.0", "pkg:composer/monolog/monolog@3.5.0", null),
                        tuple("Psr/Log", "3.0.0", "pkg:composer/psr/log@3.0.0", null),
                        tuple("phpunit/phpunit", "10.5.5", "pkg:composer/phpunit/phpunit@10.5.5", "true"));
        PackageRecord monolog = run.find("monolog/monolog");
        assertThat(monolog.type()).isEqualTo("composer");
        assertThat(monolog.licenses()).containsExactly("MIT");
        assertThat(monolog.origin()).isEqualTo("Jordi Boggiano");
        assertThat(monolog.location()).isEqualTo("/srv/app/composer.lock");
        assertThat(monolog.metadata()).containsEntry("composer.source-reference",
                "c915e2634718dbc8a4a15c61b0e62e7a44e14448").doesNotContainKey("composer.dist-shasum");
        assertThat(monolog.cpes()).containsExactly("cpe:2.3:a:monolog:monolog:3.5.0:*:*:*:*:*:*:*");
        assertThat(run.find("Psr/Log").licenses()).containsExactly("MIT");
    }

    @Test
    void readsBothFormsOfInstalledJson() {
        String composer1 = """
                [
                    {"name": "symfony/polyfill-ctype", "version": "v1.28.0", "version_normalized": "1.28.0.0",
                     "type": "library", "license": ["MIT"], "authors": [{"name": "Gert de Pagter"},
                     {"name": "Symfony Community", "homepage": "https://symfony.com/contributors"}]}
                ]
                """;
        String composer2 = """
                {
                    "packages": [
                        {"name": "guzzlehttp/guzzle", "version": "7.8.1", "version_normalized": "7.8.1.0",
                         "type": "library", "license": ["MIT"], "install-path": "../guzzlehttp/guzzle"},
                        {"name": "mockery/mockery", "version": "1.6.7", "type": "library",
                         "license": ["BSD-3-Clause"], "install-path": "../mockery/mockery"}
                    ],
                    "dev": true,
                    "dev-package-names": ["mockery/mockery"]
                }
                """;
        byte[] layer = tar()
                .file("legacy/vendor/composer/installed.json", composer1)
                .file("var/www/vendor/composer/installed.json", composer2)
                .file("var/www/vendor/other/installed.json", composer2)
                .gzip();

        FileCatalogerRun run = FileCatalogerRun.of(new ComposerCataloger(), layer);

        assertThat(run.packages())
                .extracting(PackageRecord::name, PackageRecord::location, pkg -> pkg.metadata().get("composer.dev"))
                .containsExactly(
                        tuple("symfony/polyfill-ctype", "/legacy/vendor/composer/installed.json", null),
                        tuple("guzzlehttp/guzzle", "/var/www/vendor/composer/installed.json", null),
                        tuple("mockery/mockery", "/var/www/vendor/composer/installed.json", "true"));
        assertThat(run.find("symfony/polyfill-ctype").origin()).isEqualTo("Gert de Pagter, Symfony Community");
        assertThat(run.find("symfony/polyfill-ctype").purl()).isEqualTo("pkg:composer/symfony/polyfill-ctype@v1.28.0");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void garbageAndDeeplyNestedFilesBecomeWarnings() {
        String deep = "{\"packages\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String longString = "{\"packages\":[{\"name\":\"a/b\",\"version\":\"" + "9".repeat(2 * 1024 * 1024) + "\"}]}";
        byte[] layer = tar()
                .file("a/composer.lock", "this is not json")
                .file("b/composer.lock", deep)
                .file("c/composer.lock", longString)
                .file("d/composer.lock", "\"a string\"")
                .file("e/composer.lock", "[" + "0,".repeat(1_500_000) + "0]")
                .plain();

        FileCatalogerRun run = FileCatalogerRun.of(new ComposerCataloger(), layer);

        assertThat(run.packages()).isEmpty();
        assertThat(run.warnings()).hasSize(5)
                .allMatch(warning -> warning.contains("ComposerCataloger could not read"))
                .anyMatch(warning -> warning.contains("/b/composer.lock") && warning.contains("nesting depth"))
                .anyMatch(warning -> warning.contains("/c/composer.lock") && warning.contains("String value length"))
                .anyMatch(warning -> warning.contains("/d/composer.lock is neither a JSON object nor an array"))
                .anyMatch(warning -> warning.contains("/e/composer.lock") && warning.contains("Token count"));
    }
}
