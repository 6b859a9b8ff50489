package io.drydock.analyzer.catalogers.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks the parser against dpkg itself, on the real database of the machine running the tests. */
class DpkgStatusOnThisMachineTest {

    private static final Path STATUS = Path.of("/var/lib/dpkg/status");

    @Test
    void findsTheSameInstalledPackagesAsDpkgQuery() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(STATUS), "no readable /var/lib/dpkg/status: not a Debian-family machine");
        Set<String> expected = dpkgQuery();

        Set<String> parsed = DpkgStanzas.parse(Files.readString(STATUS, StandardCharsets.UTF_8)).stream()
                .map((Map<String, String> stanza) -> DpkgPackage.from(stanza, true))
                .flatMap(Optional::stream)
                .map(pkg -> pkg.name() + "\t" + pkg.version())
                .collect(Collectors.toSet());

        assertThat(parsed).isNotEmpty().isEqualTo(expected);
    }

    /**
     * {@code name<TAB>version} of every installed package according to dpkg: status abbreviation {@code ii}, or
     * {@code hi} for held packages, which the parser counts as installed too.
     */
    private static Set<String> dpkgQuery() throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("dpkg-query", "-W", "-f",
                    "${binary:Package}\\t${Version}\\t${db:Status-Abbrev}\\n")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "dpkg-query is not installed: " + e.getMessage());
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "dpkg-query did not finish");
        assumeTrue(process.exitValue() == 0, "dpkg-query failed with exit code " + process.exitValue());
        return output.lines()
                .map(line -> line.split("\t", -1))
                .filter(fields -> fields.length == 3 && (fields[2].startsWith("ii") || fields[2].startsWith("hi")))
                // Multi-Arch: same packages show as name:arch; the status file's Package field has no qualifier.
                .map(fields -> stripArch(fields[0]) + "\t" + fields[1])
                .collect(Collectors.toSet());
    }

    private static String stripArch(String binaryPackage) {
        int colon = binaryPackage.indexOf(':');
        return colon < 0 ? binaryPackage : binaryPackage.substring(0, colon);
    }
}
