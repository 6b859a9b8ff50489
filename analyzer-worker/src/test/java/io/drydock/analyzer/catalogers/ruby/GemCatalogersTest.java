package io.drydock.analyzer.catalogers.ruby;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.catalogers.DebianPackages;
import io.drydock.analyzer.catalogers.DebianPackages.Unpacked;
import io.drydock.analyzer.catalogers.FileCatalogerRun;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GemCatalogersTest {

    @Test
    void readsTheSpecificationsOfDebianRubyPackages() {
        Unpacked rack = DebianPackages.fetch("ruby-rack");
        Unpacked json = DebianPackages.fetch("ruby-json");
        byte[] layer = json.addTo(rack.addTo(tar())).gzip();

        FileCatalogerRun run = FileCatalogerRun.of(new GemspecCataloger(), layer);

        PackageRecord rackGem = run.find("rack");
        assertThat(rackGem.type()).isEqualTo("gem");
        assertThat(rackGem.version()).isEqualTo(rack.upstreamVersion());
        assertThat(rackGem.licenses()).containsExactly("MIT");
        assertThat(rackGem.origin()).isEqualTo("Leah Neukirchen");
        assertThat(rackGem.location()).isEqualTo("/usr/share/rubygems-integration/all/specifications/rack-"
                + rack.upstreamVersion() + ".gemspec");
        assertThat(rackGem.purl()).isEqualTo("pkg:gem/rack@" + rack.upstreamVersion());
        assertThat(rackGem.cpes()).containsExactly(
                "cpe:2.3:a:rack:rack:" + rack.upstreamVersion() + ":*:*:*:*:ruby:*:*",
                "cpe:2.3:a:rack_project:rack:" + rack.upstreamVersion() + ":*:*:*:*:ruby:*:*");
        assertThat(rackGem.layerDigest()).isEqualTo(TestTar.describe(layer).digest());

        PackageRecord jsonGem = run.find("json");
        assertThat(jsonGem.version()).isEqualTo(json.upstreamVersion());
        assertThat(jsonGem.licenses()).containsExactly("Ruby");
        assertThat(jsonGem.origin()).isEqualTo("Florian Frank");
        assertThat(run.warnings()).isEmpty();
    }

    @Test
    void neverEvaluatesAndSkipsComputedValues() {
        String spec = """
                # -*- encoding: utf-8 -*-
                Gem::Specification.new do |spec|
                  spec.name = "evil"
                  spec.version = "1.0.#{`id`}"
                  spec.version = Gem::Version.new('2.0.1')
                  spec.authors = ["A \\"Quoted\\" Author", 'Second Author'] # trailing comment
                  spec.license = 'BSD-2-Clause' if spec.respond_to? :license=
                  other.name = "not-this-spec"
                end
                """;
        byte[] layer = tar().file("var/lib/gems/3.1.0/specifications/evil-2.0.1.gemspec", spec).gzip();

        PackageRecord pkg = FileCatalogerRun.of(new GemspecCataloger(), layer).find("evil");

        // The interpolated version is skipped as computed; the next literal assignment counts.
        assertThat(pkg.version()).isEqualTo("2.0.1");
        assertThat(pkg.origin()).isEqualTo("A \"Quoted\" Author, Second Author");
        assertThat(pkg.licenses()).containsExactly("BSD-2-Clause");
    }

    /** The lock file format Bundler documents (bundler.io, "Gemfile.lock") and its LockfileParser reads. */
    @Test
    void readsTheSpecsOfAGemfileLock() {
        String lock = """
                GIT
                  remote: https://github.com/rails/rails.git
                  revision: 6f0d2d2c1d0a7a4cba8d0e6a3e1b5a3bbd8f4c11
                  branch: main
                  specs:
                    activesupport (7.2.0.alpha)
                      concurrent-ruby (~> 1.0, >= 1.0.2)

                PATH
                  remote: engines/billing
                  specs:
                    billing (0.1.0)

                GEM
                  remote: https://rubygems.org/
                  specs:
                    concurrent-ruby (1.2.2)
                    nokogiri (1.16.0-x86_64-linux)
                      racc (~> 1.4)
                    racc (1.7.3)
                    rack (3.0.8)

                PLATFORMS
                  x86_64-linux

                DEPENDENCIES
                  billing!
                  nokogiri (~> 1.16)
                  rack (>= 3)

                BUNDLED WITH
                   2.5.3
                """;
        byte[] layer = tar().file("app/Gemfile.lock", lock).gzip();

        FileCatalogerRun run = FileCatalogerRun.of(new GemfileLockCataloger(), layer);

        assertThat(run.packages())
                .extracting(PackageRecord::name, PackageRecord::version, pkg -> pkg.metadata().get("bundler.source"))
                .containsExactly(
                        tuple("activesupport", "7.2.0.alpha", "GIT"),
                        tuple("billing", "0.1.0", "PATH"),
                        tuple("concurrent-ruby", "1.2.2", "GEM"),
                        tuple("nokogiri", "1.16.0-x86_64-linux", "GEM"),
                        tuple("racc", "1.7.3", "GEM"),
                        tuple("rack", "3.0.8", "GEM"));
        assertThat(run.find("rack").location()).isEqualTo("/app/Gemfile.lock");
        assertThat(run.find("rack").purl()).isEqualTo("pkg:gem/rack@3.0.8");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hugeAndGarbageFilesAreSkippedOrWarnedAbout() {
        byte[] garbage = new byte[512 * 1024];
        new java.util.Random(11).nextBytes(garbage);
        byte[] huge = new byte[GemspecCataloger.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) 'a');
        String unterminated = "Gem::Specification.new do |s|\n  s.name = \"x\n  s.version = '1.0\n"
                + "  s.authors = [\"" + "\\".repeat(100_000) + "\n".repeat(50_000);
        byte[] layer = tar()
                .file("gems/specifications/garbage-1.0.gemspec", garbage, 0644, 0, 0)
                .file("gems/specifications/huge-1.0.gemspec", huge, 0644, 0, 0)
                .file("gems/specifications/unterminated-1.0.gemspec", unterminated)
                .file("app/Gemfile.lock", garbage, 0644, 0, 0)
                .plain();

        FileCatalogerRun specs = FileCatalogerRun.of(new GemspecCataloger(), layer);
        FileCatalogerRun locks = FileCatalogerRun.of(new GemfileLockCataloger(), layer);

        assertThat(specs.packages()).isEmpty();
        assertThat(specs.warnings()).hasSize(2).allMatch(warning -> warning.contains("GemspecCataloger could not read"));
        assertThat(locks.packages()).isEmpty();
    }
}
