package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an ecosystem's own tool once for a whole batch of comparisons and returns its output lines. A missing tool
 * fails the test naming the Debian package that provides it (the test command installs TEST_PACKAGES).
 */
final class AuthorityTool {

    private AuthorityTool() {
    }

    static void require(String executable, String debianPackage) {
        if (!Files.isExecutable(Path.of(executable))) {
            fail(executable + " is missing: install the Debian package " + debianPackage
                    + " (listed in TEST_PACKAGES of ./drydock)");
        }
    }

    /** Runs the command, waits at most two minutes, and returns stdout's lines; stderr goes to a file for failures. */
    static List<String> run(Path workDir, String... command) throws IOException, InterruptedException {
        Path stderr = workDir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        List<String> lines = new ArrayList<>();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in two minutes");
        }
        assertThat(process.exitValue())
                .as("%s failed: %s", String.join(" ", command), Files.readString(stderr))
                .isZero();
        return lines;
    }

    /**
     * Compares every pair both ways and checks each against the tool's verdict (-1, 0 or 1 per line, in order).
     *
     * @return the disagreements, one line each
     */
    static List<String> disagreements(List<String[]> pairs, List<String> toolVerdicts, VersionComparator comparator) {
        assertThat(toolVerdicts).hasSize(pairs.size());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String[] pair = pairs.get(i);
            int expected = Integer.parseInt(toolVerdicts.get(i).trim());
            int actual = Integer.signum(comparator.compare(pair[0], pair[1]));
            int reversed = Integer.signum(comparator.compare(pair[1], pair[0]));
            if (actual != expected || reversed != -expected) {
                disagreements.add("%s vs %s: tool %d, we %d/%d"
                        .formatted(pair[0], pair[1], expected, actual, reversed));
            }
        }
        return disagreements;
    }

    /** Every unordered pair of the list, each version also against itself. */
    static List<String[]> pairs(List<String> versions) {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            for (int j = i; j < versions.size(); j++) {
                pairs.add(new String[] {versions.get(i), versions.get(j)});
            }
        }
        return pairs;
    }
}
