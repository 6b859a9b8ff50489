package io.drydock.policy.gate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks the presence and the content of the files the analyzer retrieved from the image. */
final class RetrievedFilesGate {
    /** A run of what Python's {@code str.split()} does not split on: Unicode white space and {@code \x1c-\x1f}. */
    private static final Pattern TOKEN = Pattern.compile("[^\\p{IsWhite_Space}\\x1c-\\x1f]+");

    private RetrievedFilesGate() {}

    static Gate<List<RetrievedFile>> create() {
        return Gate.active("retrieved_files",
                "Checks against content and/or presence of files retrieved at analysis time from an image",
                ImageFacts::retrievedFiles, List.of(contentNotAvailable(), contentRegex()));
    }

    private static TriggerParam path() {
        return TriggerParam.required("path", "The path of the file to verify has been retrieved during analysis",
                "/etc/httpd.conf", ParamValidator.string());
    }

    private static Optional<RetrievedFile> file(TriggerInput<List<RetrievedFile>> input) {
        String path = input.params().string("path");
        return input.prepared().stream().filter(f -> f.path().equals(path)).findFirst();
    }

    private static Trigger<List<RetrievedFile>> contentNotAvailable() {
        return Trigger.active("content_not_available",
                "Triggers if the specified file is not present/stored in the evaluated image.", List.of(path()),
                (input, out) -> {
                    // Anchore fires a second, identical match when nothing at all was retrieved; one says it all
                    if (file(input).isEmpty()) {
                        out.fire("Cannot locate file in the image analysis");
                    }
                });
    }

    private static Trigger<List<RetrievedFile>> contentRegex() {
        List<TriggerParam> params = List.of(path(),
                TriggerParam.required("regex", "The regex to evaluate against the content of the file",
                        ".*SSlEnabled.*", ParamValidator.regex()),
                TriggerParam.required("check", "The type of check to perform with the regex", "match",
                        ParamValidator.enumString(List.of("match", "no_match"))));
        return Trigger.active("content_regex", "Evaluation of regex on retrieved file content", params,
                (input, out) -> {
                    Optional<RetrievedFile> file = file(input);
                    if (file.isEmpty() || file.get().content() == null) {
                        return;
                    }
                    String regex = input.params().string("regex");
                    String check = input.params().string("check");
                    if (anyTokenMatches(Pattern.compile(regex), file.get().content()) == check.equals("match")) {
                        String path = file.get().path();
                        // Anchore's explicit id; a rule without an id is Python's None
                        out.fire(Objects.toString(input.ruleId(), "None") + "+file://" + path,
                                "Content regex '" + regex + "' check '" + check + "' found in retrieved file '"
                                        + path + "'");
                    }
                });
    }

    /** Anchore applies the regex from the start of each whitespace-separated token. */
    private static boolean anyTokenMatches(Pattern regex, String content) {
        Matcher tokens = TOKEN.matcher(content);
        Matcher matcher = regex.matcher("");
        while (tokens.find()) {
            if (matcher.reset(content).region(tokens.start(), tokens.end()).lookingAt()) {
                return true;
            }
        }
        return false;
    }
}
