package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an ecosystem's own tool says about a list of versions, asked in one process: the tool reads the versions
 * (hex-encoded, one a line, so blanks and whitespace survive), prints one line of validity flags ({@code 1}/{@code 0})
 * and then one row per version with {@code <}, {@code =}, {@code >} against every version ({@code ?} when either is
 * invalid).
 */
record AuthorityMatrix(List<String> versions, String validity, List<String> rows) {

    /** Runs {@code interpreter} on the test resource {@code script}, under {@code target/versions}. */
    static AuthorityMatrix askScript(List<String> versions, String interpreter, String script) throws Exception {
        Path path = Path.of(AuthorityMatrix.class.getResource(script).toURI());
        return ask(versions, Path.of("target", "versions"), interpreter, path.toString());
    }

    /** Runs {@code command} with the path of the version file appended. */
    static AuthorityMatrix ask(List<String> versions, Path workDir, String... command) throws Exception {
        String executable = command[0];
        if (!Files.isExecutable(Path.of(executable))) {
            fail(executable + " is missing: the version tests compare against it (the drydock script's TEST_PACKAGES "
                    + "installs it)");
        }
        Files.createDirectories(workDir);
        Path input = Files.createTempFile(workDir, "versions", ".hex");
        Path output = Files.createTempFile(workDir, "authority", ".out");
        HexFormat hex = HexFormat.of();
        Files.write(input, versions.stream().map(v -> hex.formatHex(v.getBytes(StandardCharsets.UTF_8))).toList());
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.add(input.toString());
        Process process = new ProcessBuilder(arguments).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(executable + " did not finish in 2 minutes");
        }
        assertThat(process.exitValue()).as(executable + " exit status").isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).as("validity line and one row per version").hasSize(versions.size() + 1);
        return new AuthorityMatrix(versions, lines.getFirst(), lines.subList(1, lines.size()));
    }

    /** Checks the comparator's validity and every ordered pair against the tool; returns the comparisons made. */
    int assertAgrees(VersionComparator comparator) {
        List<String> failures = new ArrayList<>();
        int comparisons = 0;
        for (int i = 0; i < versions.size(); i++) {
            boolean valid = validity.charAt(i) == '1';
            if (comparator.isValid(versions.get(i)) != valid) {
                failures.add("isValid(" + quote(versions.get(i)) + ") should be " + valid);
            }
        }
        for (int i = 0; i < versions.size(); i++) {
            for (int j = 0; j < versions.size(); j++) {
                char expected = rows.get(i).charAt(j);
                if (expected == '?') {
                    continue;
                }
                comparisons++;
                char actual = symbol(comparator, versions.get(i), versions.get(j));
                if (actual != expected) {
                    failures.add(quote(versions.get(i)) + " " + actual + " " + quote(versions.get(j)) + ", tool says "
                            + expected);
                }
            }
        }
        assertThat(failures).as("disagreements with the tool").isEmpty();
        return comparisons;
    }

    private static char symbol(VersionComparator comparator, String left, String right) {
        try {
            int order = comparator.compare(left, right);
            return order < 0 ? '<' : order > 0 ? '>' : '=';
        } catch (InvalidVersionException e) {
            return '!';
        }
    }

    private static String quote(String version) {
        return "'" + version.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }

    /** Reads a test resource as lines, dropping {@code #} comments and blank lines. */
    static List<String> resourceLines(String name) throws IOException {
        try (var in = AuthorityMatrix.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }
}
