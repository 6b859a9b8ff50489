package io.drydock.policy.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks against the files of the analysed image: content search matches, names, attributes, setuid/setgid bits. */
final class FilesGate {
    private static final int PERMISSION_BITS = 07777;
    private static final int SETUID = 04000;
    private static final int SETGID = 02000;
    private static final Pattern OCTAL = Pattern.compile("^\\s*(0o)?[0-7]+\\s*$");

    private FilesGate() {}

    static Gate<Map<String, FileFact>> create() {
        return Gate.active("files", "Checks against files in the analyzed image including file content, file names, "
                        + "and filesystem attributes.", FilesGate::byPath,
                List.of(contentRegexMatch(), nameMatch(), attributeMatch(), suidOrGuidSet()));
    }

    private static Map<String, FileFact> byPath(ImageFacts image) {
        Map<String, FileFact> files = new LinkedHashMap<>();
        image.files().forEach(file -> files.put(file.path(), file));
        return files;
    }

    /** Python's {@code oct()}, which Anchore prints modes with. */
    static String oct(int value) {
        return "0o" + Integer.toOctalString(value);
    }

    private static Trigger<Map<String, FileFact>> contentRegexMatch() {
        return Trigger.active("content_regex_match", "Triggers for each file where the content search analyzer has "
                        + "found a match using configured regexes in the analyzer_config.yaml \"content_search\" "
                        + "section. If the parameter is set, the trigger will only fire for files that matched the "
                        + "named regex. Refer to your analyzer_config.yaml for the regex values.",
                List.of(TriggerParam.optional("regex_name", "Regex string that also appears in the "
                        + "FILECHECK_CONTENTMATCH analyzer parameter in analyzer configuration, to limit the check "
                        + "to. If set, will only fire trigger when the specific named regex was found in a file.",
                        ".*password.*", ParamValidator.string())),
                (input, out) -> {
                    String wanted = input.params().string("regex_name", "");
                    for (SearchMatch match : input.image().contentMatches()) {
                        if (wanted.isEmpty() || named(match, wanted)) {
                            out.fire("File content analyzer found regexp match in container: file=" + match.path()
                                    + " regexp=" + match.spec());
                        }
                    }
                });
    }

    /**
     * Anchore selects a search by its regex, its name, or its base64-encoded {@code NAME=regex} key equal to the
     * encoded value, which is the same as the whole {@code NAME=regex} being equal to the value.
     */
    private static boolean named(SearchMatch match, String wanted) {
        String name = match.specName();
        return wanted.equals(match.specRegex()) || wanted.equals(match.spec())
                || (name != null && !name.isEmpty() && wanted.equals(name));
    }

    private static Trigger<Map<String, FileFact>> nameMatch() {
        return Trigger.active("name_match",
                "Triggers if a file exists in the container that has a filename that matches the provided regex. "
                        + "This does have a performance impact on policy evaluation.",
                List.of(TriggerParam.required("regex", "Regex to apply to file names for match.", ".*\\.pem",
                        ParamValidator.regex())),
                (input, out) -> {
                    String regex = input.params().string("regex");
                    Pattern pattern = Pattern.compile(regex);
                    for (String path : input.prepared().keySet()) {
                        if (pattern.matcher(path).lookingAt()) {
                            out.fire("Application of regex matched file found in container: file=" + path
                                    + " regexp=" + regex);
                        }
                    }
                });
    }

    private static Trigger<Map<String, FileFact>> attributeMatch() {
        ParamValidator operations = ParamValidator.enumString(List.of("equals", "not_equals"));
        List<TriggerParam> params = List.of(
                TriggerParam.required("filename", "Filename to check against provided checksum.", "/etc/passwd",
                        ParamValidator.string()),
                TriggerParam.optional("checksum_algorithm", "Checksum algorithm", "sha256",
                        ParamValidator.enumString(List.of("sha256"))),
                TriggerParam.optional("checksum", "Checksum of file.",
                        "832cd0f75b227d13aac82b1f70b7f90191a4186c151f9db50851d209c45ede11", ParamValidator.string()),
                TriggerParam.optional("checksum_match", "Checksum operation to perform.", "equals", operations),
                TriggerParam.optional("mode", "File mode of file.", "00644", ParamValidator.string()),
                TriggerParam.optional("mode_op", "File mode operation to perform.", "equals", operations),
                TriggerParam.optional("skip_missing", "If set to true, do not fire this trigger if the file is not "
                        + "present.  If set to false, fire this trigger ignoring the other parameter settings.",
                        "true", ParamValidator.booleanString()));
        return Trigger.<Map<String, FileFact>>active("attribute_match",
                        "Triggers if a filename exists in the container that has attributes that match those which "
                                + "are provided . This check has a performance impact on policy evaluation.",
                        params, FilesGate::evaluateAttributes)
                .withCrossCheck(p -> p.has("mode") && !OCTAL.matcher(p.string("mode")).matches()
                        ? List.of("Parameter mode must be an octal file mode, got: " + p.string("mode"))
                        : List.of());
    }

    private static void evaluateAttributes(TriggerInput<Map<String, FileFact>> input, Firings out) {
        RuleParams params = input.params();
        String filename = params.string("filename");
        String checksum = params.string("checksum");
        String checksumOp = params.string("checksum_match", "equals");
        String mode = params.string("mode");
        String modeOp = params.string("mode_op", "equals");
        boolean skipMissing = !Boolean.FALSE.equals(params.bool("skip_missing"));

        FileFact file = input.prepared().get(filename);
        StringBuilder message = new StringBuilder("filename=").append(filename);
        boolean held = false;
        if (file == null) {
            if (skipMissing) {
                return;
            }
            message.append(" and skip_missing=False");
            held = true;
        } else {
            // Every check given must hold; the firing lists the ones that did
            if (checksum != null && !checksum.isEmpty()) {
                String actual = Objects.toString(file.sha256(), "None");
                if (checksumOp.equals("equals") != actual.equals(checksum)) {
                    return;
                }
                message.append(" and checksum=").append(actual).append(" op=").append(checksumOp)
                        .append(" specified_checksum=").append(checksum);
                held = true;
            }
            if (mode != null && !mode.isEmpty()) {
                String actual = oct(file.mode() & PERMISSION_BITS);
                String expected = oct(Integer.parseInt(mode.strip().replaceFirst("^0o", ""), 8));
                if (modeOp.equals("equals") != actual.equals(expected)) {
                    return;
                }
                message.append(" and mode=").append(actual).append(" op=").append(modeOp)
                        .append(" specified_mode=").append(expected);
                held = true;
            }
        }
        if (held) {
            out.fire(message.toString());
        }
    }

    private static Trigger<Map<String, FileFact>> suidOrGuidSet() {
        return Trigger.active("suid_or_guid_set", "Fires for each file found to have suid or sgid bit set.", List.of(),
                (input, out) -> {
                    for (FileFact file : input.prepared().values()) {
                        if (file.setuid() || file.setgid() || (file.mode() & (SETUID | SETGID)) != 0) {
                            out.fire("SUID or SGID found set on file " + file.path() + ". Mode: " + oct(file.mode()));
                        }
                    }
                });
    }
}
