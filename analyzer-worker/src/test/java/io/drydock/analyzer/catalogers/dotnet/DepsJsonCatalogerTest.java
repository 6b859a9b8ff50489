package io.drydock.analyzer.catalogers.dotnet;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.FileCatalogerRun;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No .NET SDK is available here to publish an application, so the fixture follows the deps.json specification
 * (dotnet/sdk, documentation/specs/runtime-configuration-file.md): a runtime target, per-target dependencies and
 * the libraries keyed {@code <name>/<version>} with their type, sha512, path and hashPath.
 */
class DepsJsonCatalogerTest {

    private static final String DEPS = """
            {
              "runtimeTarget": {"name": ".NETCoreApp,Version=v8.0", "signature": ""},
              "compilationOptions": {},
              "targets": {
                ".NETCoreApp,Version=v8.0": {
                  "WebApi/1.0.0": {
                    "dependencies": {"Newtonsoft.Json": "13.0.3", "Serilog": "3.1.1", "Shared": "1.0.0"},
                    "runtime": {"WebApi.dll": {}}
                  },
                  "Newtonsoft.Json/13.0.3": {
                    "runtime": {"lib/net6.0/Newtonsoft.Json.dll": {"assemblyVersion": "13.0.0.0",
                                                                   "fileVersion": "13.0.3.27908"}}
                  },
                  "Serilog/3.1.1": {"runtime": {"lib/net7.0/Serilog.dll": {}}},
                  "Shared/1.0.0": {"runtime": {"Shared.dll": {}}}
                }
              },
              "libraries": {
                "WebApi/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
                "Newtonsoft.Json/13.0.3": {
                  "type": "package",
                  "serviceable": true,
                  "sha512": "sha512-HrC5BXdl00IP9zeV+0Z848QWPAoCr9P3bDEZguI+gkLcBKAOxix/tLEAAHC+UvDNPv4a2d18lOReHMOagPa+zQ==",
                  "path": "newtonsoft.json/13.0.3",
                  "hashPath": "newtonsoft.json.13.0.3.nupkg.sha512"
                },
                "Serilog/3.1.1": {
                  "type": "package",
                  "serviceable": true,
                  "sha512": "sha512-P6G4/4Kt9bT635bhuwdXlJ2SCqqn2nhh4gqFqQueCOr9bK/e7W9ll/IoX1Ter948cV2Z/5+5v8pAfJYUISY03A==",
                  "path": "serilog/3.1.1",
                  "hashPath": "serilog.3.1.1.nupkg.sha512"
                },
                "Shared/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
                "Bad Name/1.0": {"type": "package"},
                "NoVersion": {"type": "package"}
              }
            }
            """;

    @Test
    void readsThePackageLibrariesOfADepsJson() {
        FileCatalogerRun run = FileCatalogerRun.of(new DepsJsonCataloger(),
                tar().file("app/WebApi.deps.json", DEPS).gzip());

        assertThat(run.packages())
                .extracting(PackageRecord::type, PackageRecord::name, PackageRecord::version, PackageRecord::purl,
                        PackageRecord::location)
                .containsExactly(
                        tuple("nuget", "Newtonsoft.Json", "13.0.3", "pkg:nuget/Newtonsoft.Json@13.0.3",
                                "/app/WebApi.deps.json"),
                        tuple("nuget", "Serilog", "3.1.1", "pkg:nuget/Serilog@3.1.1", "/app/WebApi.deps.json"));
        PackageRecord json = run.find("Newtonsoft.Json");
        assertThat(json.metadata())
                .containsEntry("nuget.path", "newtonsoft.json/13.0.3")
                .containsEntry("nuget.hash-path", "newtonsoft.json.13.0.3.nupkg.sha512")
                .hasEntrySatisfying("nuget.sha512", sha -> assertThat(sha).startsWith("sha512-HrC5"));
        assertThat(json.cpes()).containsExactly(
                "cpe:2.3:a:newtonsoft.json:newtonsoft.json:13.0.3:*:*:*:*:*:*:*",
                "cpe:2.3:a:newtonsoft:newtonsoft.json:13.0.3:*:*:*:*:*:*:*");
        assertThat(run.warnings()).isEmpty();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void garbageFilesBecomeWarningsAndOversizedOnesAreSkipped() {
        byte[] oversized = new byte[DepsJsonCataloger.MAX_BYTES + 1];
        java.util.Arrays.fill(oversized, (byte) ' ');
        byte[] layer = tar()
                .file("app/a.deps.json", "{\"libraries\": [1, 2, 3]}")
                .file("app/b.deps.json", "\u0000\u0001garbage")
                .file("app/c.deps.json", "{\"libraries\": {\"x/1\": " + "{\"a\":".repeat(10_000) + "}")
                .file("app/d.deps.json", oversized, 0644, 0, 0)
                .plain();

        FileCatalogerRun run = FileCatalogerRun.of(new DepsJsonCataloger(), layer);

        assertThat(run.packages()).isEmpty();
        assertThat(run.warnings()).hasSize(3).allMatch(warning -> warning.contains("DepsJsonCataloger could not read"));
    }
}
