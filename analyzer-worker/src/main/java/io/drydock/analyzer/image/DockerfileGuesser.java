package io.drydock.analyzer.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reconstructs a Dockerfile from the config history, as Anchore's "Guessed" Dockerfile: {@code FROM scratch}, then
 * one line per step. The classic builder records config-only steps as {@code /bin/sh -c #(nop) <instruction>} and
 * RUN steps as the bare shell command; BuildKit records the instruction itself and marks it {@code # buildkit}.
 */
public final class DockerfileGuesser {

    private static final String NOP_PREFIX = "/bin/sh -c #(nop)";
    private static final String SHELL_PREFIX = "/bin/sh -c ";
    private static final Pattern BUILDKIT_MARKER = Pattern.compile("\\s*#\\s*buildkit\\s*$");
    /** Classic-builder RUN steps with build args: {@code |2 A=1 B=2 /bin/sh -c …}. */
    private static final Pattern BUILD_ARGS = Pattern.compile("^\\|(\\d+)\\s+");
    private static final Set<String> INSTRUCTIONS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV",
            "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER",
            "VOLUME", "WORKDIR");

    private DockerfileGuesser() {
    }

    public static String guess(List<HistoryEntry> history) {
        List<String> lines = new ArrayList<>();
        lines.add("FROM scratch");
        for (HistoryEntry step : history) {
            line(step.createdBy()).ifPresent(lines::add);
        }
        return String.join("\n", lines) + "\n";
    }

    static Optional<String> line(String createdBy) {
        if (createdBy == null || createdBy.isBlank()) {
            return Optional.empty();
        }
        String text = createdBy.strip();
        if (text.startsWith(NOP_PREFIX)) {
            return Optional.of(text.substring(NOP_PREFIX.length()).strip());
        }
        text = BUILDKIT_MARKER.matcher(text).replaceFirst("");
        if (text.startsWith("#")) {
            // Tools such as debuerreotype record a comment, not a command: keep it as one.
            return Optional.of(text);
        }
        int space = text.indexOf(' ');
        String first = space < 0 ? text : text.substring(0, space);
        if (first.equals("RUN")) {
            return Optional.of("RUN " + command(text.substring(first.length()).strip()));
        }
        if (INSTRUCTIONS.contains(first)) {
            return Optional.of(text);
        }
        return Optional.of("RUN " + command(text));
    }

    /** The shell command of a RUN step, without build-arg assignments and the {@code /bin/sh -c} wrapper. */
    private static String command(String run) {
        String text = run;
        Matcher args = BUILD_ARGS.matcher(text);
        if (args.find()) {
            int count = Integer.parseInt(args.group(1));
            text = text.substring(args.end());
            for (int i = 0; i < count; i++) {
                int space = text.indexOf(' ');
                if (space < 0 || !text.substring(0, space).contains("=")) {
                    break;
                }
                text = text.substring(space + 1).stripLeading();
            }
        }
        if (text.startsWith(SHELL_PREFIX)) {
            text = text.substring(SHELL_PREFIX.length());
        }
        return text.strip();
    }
}
