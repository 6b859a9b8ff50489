package io.drydock.policy.gate;

import java.util.List;
import java.util.regex.Pattern;

/** Checks where the analyzer's secret searches matched (file paths and search names, never the secrets). */
final class SecretScansGate {
    /** The names of the analyzer's default secret searches, listed in the parameter description as Anchore does. */
    private static final List<String> DEFAULT_NAMES =
            List.of("AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PRIV_KEY", "DOCKER_AUTH", "API_KEY");

    private SecretScansGate() {}

    static Gate<List<SearchMatch>> create() {
        return Gate.active("secret_scans", "Checks for secrets and content found in the image using configured "
                        + "regexes found in the \"secret_search\" section of analyzer_config.yaml.",
                ImageFacts::secretMatches, List.of(contentRegexChecks()));
    }

    private static Trigger<List<SearchMatch>> contentRegexChecks() {
        List<TriggerParam> params = List.of(
                TriggerParam.optional("content_regex_name", "Name of content regexps configured in the analyzer that "
                        + "match if found in the image, instead of matching all. Names available by default are: "
                        + PyFormat.list(DEFAULT_NAMES) + ".", DEFAULT_NAMES.getFirst(), ParamValidator.string()),
                TriggerParam.optional("filename_regex", "Regexp to filter the content matched files by.", "/etc/.*",
                        ParamValidator.regex()),
                TriggerParam.optional("match_type", "Set to define the type of match - trigger if match is found "
                        + "(default) or not found.", "found", ParamValidator.enumString(List.of("notfound", "found"))));
        return Trigger.active("content_regex_checks", "Triggers if the secret content search analyzer has found any "
                        + "matches with the configured and named regexes. Checks can be configured to trigger if a "
                        + "match is found or is not found (selected using match_type parameter).  Matches are "
                        + "filtered by the content_regex_name and filename_regex if they are set. The "
                        + "content_regex_name shoud be a value from the \"secret_search\" section of the "
                        + "analyzer_config.yaml.", params, SecretScansGate::evaluate);
    }

    private static void evaluate(TriggerInput<List<SearchMatch>> input, Firings out) {
        String names = input.params().string("content_regex_name", "");
        String files = input.params().string("filename_regex", "");
        Pattern fileFilter = files.isEmpty() ? null : Pattern.compile(files);
        boolean found = input.params().string("match_type", "found").equals("found");

        boolean any = false;
        for (SearchMatch match : input.prepared()) {
            if ((fileFilter == null || fileFilter.matcher(match.path()).lookingAt()) && selected(match, names)) {
                any = true;
                if (found) {
                    out.fire("Secret content search analyzer found regexp match in container: file=" + match.path()
                            + " regexp=" + match.spec());
                }
            }
        }
        if (!any && !found) {
            out.fire("Secret content search analyzer did not find regexp match in container: filename_regex="
                    + (files.isEmpty() ? "*" : files) + " content_regex_name=" + (names.isEmpty() ? "all" : names));
        }
    }

    /**
     * Anchore tests whether the search's name or regex occurs anywhere in the parameter value (Python's {@code in} on
     * a string), so {@code AWS_ACCESS_KEY,PRIV_KEY} selects both searches; existing policies rely on that.
     */
    private static boolean selected(SearchMatch match, String names) {
        if (names.isEmpty()) {
            return true;
        }
        String name = match.specName();
        return names.contains(match.specRegex()) || (name != null && !name.isEmpty() && names.contains(name));
    }
}
