package io.drydock.analyzer.catalogers.npm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drydock.analyzer.catalogers.CatalogerFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real npm fixtures, made once per build directory by the package managers themselves against the public npm
 * registry and kept under {@code target/cataloger-fixtures/npm}: lock files from npm (lockfile versions 1, 2 and 3),
 * Yarn 1, Yarn 4 and pnpm 7, 8 and 9 for one project, that project installed by npm, and lodash 4.17.15 as published.
 * Tests skip, saying why, on a machine without node and npm.
 */
public final class NpmFixtures {

    static final Path DIR = CatalogerFixtures.TARGET.resolve("npm");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Pinned top-level versions, a scoped package, a package installed at two versions (ms 2.0.0 for debug, 2.1.3
     * for send, nested under send) and a peer dependency (react-dom on react), which pnpm writes into its keys.
     */
    static final String PROJECT = """
            {"name": "fixture", "version": "1.0.0", "private": true,
             "dependencies": {"lodash": "4.17.15", "@babel/code-frame": "7.0.0", "debug": "2.6.9",
                              "react-dom": "18.2.0", "react": "18.2.0", "send": "0.18.0"}}
            """;

    /** Lock file name and the commands that write it, by fixture. */
    static final Map<String, String[]> LOCK_FILES = Map.of(
            "npm-v1", new String[] {"package-lock.json",
                    "npm install --package-lock-only --lockfile-version 1 --ignore-scripts --no-audit --no-fund"},
            "npm-v2", new String[] {"package-lock.json",
                    "npm install --package-lock-only --lockfile-version 2 --ignore-scripts --no-audit --no-fund"},
            "npm-v3", new String[] {"package-lock.json",
                    "npm install --package-lock-only --lockfile-version 3 --ignore-scripts --no-audit --no-fund"},
            "yarn-1", new String[] {"yarn.lock",
                    "npx --yes yarn@1 install --ignore-scripts --non-interactive --no-progress"},
            "yarn-4", new String[] {"yarn.lock",
                    "printf 'nodeLinker: node-modules\\nenableTelemetry: false\\n' > .yarnrc.yml && touch yarn.lock"
                            + " && YARN_ENABLE_IMMUTABLE_INSTALLS=false npx --yes @yarnpkg/cli-dist@4 install"
                            + " --mode=update-lockfile"},
            "pnpm-7", new String[] {"pnpm-lock.yaml", "npx --yes pnpm@7 install --lockfile-only --ignore-scripts"},
            "pnpm-8", new String[] {"pnpm-lock.yaml", "npx --yes pnpm@8 install --lockfile-only --ignore-scripts"},
            "pnpm-9", new String[] {"pnpm-lock.yaml", "npx --yes pnpm@9 install --lockfile-only --ignore-scripts"});

    private NpmFixtures() {
    }

    static void assumeNpm() {
        assumeTrue(CatalogerFixtures.available("node") && CatalogerFixtures.available("npm"),
                "node and npm are not installed on this machine; the npm fixtures cannot be made; skipped");
    }

    /** The lock file of one fixture, made on first use. */
    public static synchronized Path lockFile(String fixture) throws IOException, InterruptedException {
        assumeNpm();
        String[] spec = LOCK_FILES.get(fixture);
        Path dir = DIR.resolve(fixture);
        Path lock = dir.resolve(spec[0]);
        Path done = dir.resolve(".made");
        if (!Files.exists(done)) {
            Files.createDirectories(dir);
            Files.deleteIfExists(lock);
            Files.writeString(dir.resolve("package.json"), PROJECT);
            CatalogerFixtures.run(dir, TIMEOUT, "sh", "-c", spec[1]);
            Files.writeString(done, spec[1]);
        }
        return lock;
    }

    /** The project installed by npm: its directory, holding {@code node_modules}. */
    public static synchronized Path installed() throws IOException, InterruptedException {
        assumeNpm();
        Path dir = DIR.resolve("installed");
        if (!Files.exists(dir.resolve(".made"))) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), PROJECT);
            CatalogerFixtures.run(dir, TIMEOUT, "npm", "install", "--ignore-scripts", "--no-audit", "--no-fund");
            Files.writeString(dir.resolve(".made"), "npm install");
        }
        return dir;
    }

    /** The project installed by pnpm 9: packages under {@code node_modules/.pnpm}, symlinks above them. */
    static synchronized Path installedByPnpm() throws IOException, InterruptedException {
        assumeNpm();
        Path dir = DIR.resolve("pnpm-installed");
        if (!Files.exists(dir.resolve(".made"))) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), PROJECT);
            CatalogerFixtures.run(dir, TIMEOUT, "sh", "-c",
                    "npx --yes pnpm@9 install --ignore-scripts --store-dir ../pnpm-store");
            Files.writeString(dir.resolve(".made"), "pnpm install");
        }
        return dir;
    }

    /**
     * What npm itself says the project resolves to ({@code npm ls --all --json} over the installed tree), as
     * {@code name@version}: the truth every cataloger is compared with.
     */
    public static synchronized Set<String> npmLs() throws IOException, InterruptedException {
        Path dir = installed();
        Path listing = dir.resolve("npm-ls.json");
        if (!Files.exists(listing)) {
            CatalogerFixtures.run(dir, TIMEOUT, "sh", "-c", "npm ls --all --json > npm-ls.json.part"
                    + " && mv npm-ls.json.part npm-ls.json");
        }
        Set<String> packages = new TreeSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(JSON.readTree(listing.toFile()));
        while (!pending.isEmpty()) {
            for (Map.Entry<String, JsonNode> dependency : pending.pop().path("dependencies").properties()) {
                packages.add(dependency.getKey() + "@" + dependency.getValue().path("version").stringValue());
                pending.push(dependency.getValue());
            }
        }
        return packages;
    }

    /** {@code package/package.json} of lodash 4.17.15 as published, from the tarball {@code npm pack} fetches. */
    static synchronized byte[] lodashPackageJson() throws IOException, InterruptedException {
        assumeNpm();
        Path dir = DIR.resolve("pack");
        Path tarball = dir.resolve("lodash-4.17.15.tgz");
        if (!Files.exists(tarball)) {
            CatalogerFixtures.run(dir, TIMEOUT, "npm", "pack", "lodash@4.17.15");
        }
        try (InputStream in = Files.newInputStream(tarball);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals("package/package.json")) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new IOException("no package/package.json in " + tarball);
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
