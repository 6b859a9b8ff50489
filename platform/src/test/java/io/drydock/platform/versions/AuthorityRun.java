package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of an ecosystem's own tool over a list of versions: the tool reads the versions (one JSON string a line)
 * and prints its name and version, a line of validity flags ({@code 1}/{@code 0}), then one line per version with
 * {@code <}, {@code =}, {@code >} (or {@code x} when either is invalid) against every version. The comparator under
 * test must agree on every flag and every pair.
 */
final class AuthorityRun {

    private AuthorityRun() {
    }

    /** The lines the tool printed; fails, naming the command, when it cannot run or exits non-zero. */
    static List<String> run(Path workDir, List<String> versions, String... command) throws Exception {
        Files.createDirectories(workDir);
        Path input = workDir.resolve("versions.jsonl");
        List<String> lines = new ArrayList<>();
        for (String version : versions) {
            lines.add(json(version));
        }
        Files.write(input, lines, StandardCharsets.UTF_8);
        List<String> full = new ArrayList<>(List.of(command));
        full.add(input.toString());
        Path output = workDir.resolve("authority.out");
        Process process;
        try {
            process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + full.getFirst() + " (the drydock script installs the test's"
                    + " Debian packages: TEST_PACKAGES): " + e.getMessage(), e);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", full) + " did not finish within 120 s");
        }
        List<String> out = Files.readAllLines(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", full) + " failed (exit " + process.exitValue() + "):\n"
                    + String.join("\n", out));
        }
        assertThat(out).as("tool, validity line and one row per version").hasSize(versions.size() + 2);
        return out;
    }

    /**
     * Every disagreement between the tool's output and the comparator, as readable lines; checks there were at
     * least {@code minPairs} valid pairs, so that a list gone invalid cannot pass.
     */
    static List<String> disagreements(List<String> out, List<String> versions, VersionComparator comparator,
                                      int minPairs) {
        List<String> problems = new ArrayList<>();
        String valid = out.get(1);
        for (int i = 0; i < versions.size(); i++) {
            boolean expected = valid.charAt(i) == '1';
            if (comparator.isValid(versions.get(i)) != expected) {
                problems.add(json(versions.get(i)) + ": " + out.getFirst() + " says valid=" + expected);
            }
        }
        int pairs = 0;
        for (int i = 0; i < versions.size(); i++) {
            String row = out.get(i + 2);
            for (int j = 0; j < versions.size(); j++) {
                char expected = row.charAt(j);
                if (expected == 'x') {
                    continue;
                }
                pairs++;
                char actual;
                try {
                    int result = comparator.compare(versions.get(i), versions.get(j));
                    actual = result < 0 ? '<' : result == 0 ? '=' : '>';
                } catch (InvalidVersionException e) {
                    actual = 'x';
                }
                if (actual != expected) {
                    problems.add(json(versions.get(i)) + " " + actual + " " + json(versions.get(j)) + ", but "
                            + out.getFirst() + " says " + expected);
                }
            }
        }
        assertThat(pairs).as("valid pairs compared").isGreaterThanOrEqualTo(minPairs);
        return problems;
    }

    /** A JSON string literal (ASCII only, so every tool reads it the same). */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
