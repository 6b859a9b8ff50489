package io.drydock.policy.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks the actual Dockerfile if one was supplied, else the one guessed from the image history. */
final class DockerfileGate {
    static final List<String> DIRECTIVES = List.of("ADD", "ARG", "COPY", "CMD", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "USER", "RUN", "SHELL", "STOPSIGNAL", "VOLUME", "WORKDIR");
    static final List<String> CONDITIONS = List.of("=", "!=", "exists", "not_exists", "like", "not_like", "in", "not_in");
    private static final List<String> CONDITIONS_NEEDING_VALUE = List.of("=", "!=", "like", "not_like", "in", "not_in");
    private static final Pattern USER_LINE = Pattern.compile("\\s*USER\\s+\\[?([^\\]]+)\\]?\\s*");
    private static final Pattern EXPOSE_LINE = Pattern.compile("^\\s*(EXPOSE|expose)\\s+(.*)");

    private static final TriggerParam ACTUAL_ONLY = TriggerParam.optional("actual_dockerfile_only",
            "Only evaluate against a user-provided dockerfile, skip evaluation on inferred/guessed dockerfiles. Default is False.",
            "true", ParamValidator.booleanString());

    private DockerfileGate() {}

    static Gate<PreparedDockerfile> create() {
        return Gate.active("dockerfile",
                "Checks against the content of a dockerfile if provided, or a guessed dockerfile based on docker layer "
                        + "history if the dockerfile is not provided.",
                DockerfileGate::prepare,
                List.of(instruction(), effectiveUser(), exposedPorts(), noDockerfileProvided()));
    }

    /** Null when the Dockerfile mode is unknown: then only {@code no_dockerfile_provided} can fire. */
    private static PreparedDockerfile prepare(ImageFacts image) {
        if (image.dockerfileMode() == DockerfileMode.UNKNOWN) {
            return null;
        }
        return PreparedDockerfile.parse(image.dockerfile());
    }

    /** Anchore skips these triggers when nothing was prepared, including an empty Dockerfile. */
    private static boolean skip(TriggerInput<PreparedDockerfile> input, boolean actualOnly) {
        return input.prepared() == null || input.prepared().isEmpty()
                || (actualOnly && input.image().dockerfileMode() != DockerfileMode.ACTUAL);
    }

    private static boolean actualOnly(RuleParams params) {
        return Boolean.TRUE.equals(params.bool("actual_dockerfile_only"));
    }

    private static Trigger<PreparedDockerfile> instruction() {
        List<TriggerParam> params = List.of(
                TriggerParam.required("instruction", "The Dockerfile instruction to check.", "from",
                        ParamValidator.enumString(DIRECTIVES)),
                TriggerParam.required("check", "The type of check to perform.", "=",
                        ParamValidator.enumString(CONDITIONS)),
                TriggerParam.optional("value", "The value to check the dockerfile instruction against.", "scratch",
                        ParamValidator.string()),
                ACTUAL_ONLY);
        return Trigger.<PreparedDockerfile>active("instruction",
                "Triggers if any directives in the list are found to match the described condition in the dockerfile.",
                params, DockerfileGate::evaluateInstruction)
                .withCrossCheck(DockerfileGate::likeValueCompiles);
    }

    private static List<String> likeValueCompiles(RuleParams params) {
        String check = params.string("check", "");
        String value = params.string("value");
        if ((check.equals("like") || check.equals("not_like")) && value != null) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                return List.of("Parameter value is not a valid regular expression for check '" + check + "': " + value);
            }
        }
        return List.of();
    }

    private static void evaluateInstruction(TriggerInput<PreparedDockerfile> input, Firings out) {
        RuleParams params = input.params();
        if (skip(input, actualOnly(params))) {
            return;
        }
        String directive = params.string("instruction");
        String condition = params.string("check", "");
        String value = params.string("value");
        if (CONDITIONS_NEEDING_VALUE.contains(condition) && value == null) {
            return;
        }
        for (String line : input.prepared().lines(directive)) {
            String rest = line.substring(directive.length()).strip();
            if (holds(condition, rest, value)) {
                out.fire("Dockerfile directive '" + directive + "' check '" + condition + "' matched against '"
                        + (value == null ? "" : value) + "' for line '" + rest + "'");
            }
        }
        if (condition.equals("not_exists") && !input.prepared().linesByDirective().containsKey(directive)) {
            out.fire("Dockerfile directive '" + directive + "' not found, matching condition '" + condition + "' check");
        }
    }

    private static boolean holds(String condition, String actual, String expected) {
        return switch (condition) {
            case "=" -> actual.equals(expected);
            case "!=" -> !actual.equals(expected);
            case "exists" -> true;
            case "like" -> Pattern.compile(expected).matcher(actual).lookingAt();
            case "not_like" -> !Pattern.compile(expected).matcher(actual).lookingAt();
            case "in" -> commaItems(expected).contains(actual);
            case "not_in" -> !commaItems(expected).contains(actual);
            default -> false;
        };
    }

    private static List<String> commaItems(String value) {
        return Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    }

    private static Trigger<PreparedDockerfile> effectiveUser() {
        List<TriggerParam> params = List.of(
                TriggerParam.required("users",
                        "User names to check against as the effective user (last user entry) in the images history.",
                        "root,docker", ParamValidator.commaDelimitedStrings()),
                TriggerParam.required("type", "How to treat the provided user names.", null,
                        ParamValidator.enumString(List.of("whitelist", "blacklist"))));
        return Trigger.active("effective_user",
                "Checks if the effective user matches the provided user names and fires based on the allowed parameter. "
                        + "If allowed=true, the rule behaves as a whitelist, otherwise acts as a blacklist.",
                params, DockerfileGate::evaluateEffectiveUser);
    }

    private static void evaluateEffectiveUser(TriggerInput<PreparedDockerfile> input, Firings out) {
        if (skip(input, false)) {
            return;
        }
        List<String> users = input.params().list("users");
        boolean allowList = input.params().string("type").equalsIgnoreCase("whitelist");
        List<String> userLines = input.prepared().lines("USER");
        String last = userLines.isEmpty() ? "USER root" : userLines.getLast().strip();
        Matcher matcher = USER_LINE.matcher(last);
        // A lower-case "user" line is filed under USER but does not match Anchore's pattern; it then stays silent
        if (!matcher.find()) {
            return;
        }
        String user = matcher.group(1);
        if (allowList && !users.contains(user)) {
            out.fire("User " + user + " found as effective user, which is not on the allowed list");
        } else if (!allowList && users.contains(user)) {
            out.fire("User " + user + " found as effective user, which is explicity not allowed list");
        }
    }

    private static Trigger<PreparedDockerfile> exposedPorts() {
        List<TriggerParam> params = List.of(
                TriggerParam.required("ports", "List of port numbers.", "80,8080,8088",
                        ParamValidator.commaDelimitedNumbers()),
                TriggerParam.required("type", "Whether to use port list as a whitelist or blacklist.", "blacklist",
                        ParamValidator.enumString(List.of("whitelist", "blacklist"))),
                ACTUAL_ONLY);
        return Trigger.active("exposed_ports",
                "Evaluates the set of ports exposed. Allows configuring whitelist or blacklist behavior. If "
                        + "type=whitelist, then any ports found exposed that are not in the list will cause the trigger "
                        + "to fire. If type=blacklist, then any ports exposed that are in the list will cause the "
                        + "trigger to fire.",
                params, DockerfileGate::evaluateExposedPorts);
    }

    private static void evaluateExposedPorts(TriggerInput<PreparedDockerfile> input, Firings out) {
        RuleParams params = input.params();
        if (skip(input, actualOnly(params))) {
            return;
        }
        // Anchore parses the list to ints and back, so "022" is compared as "22"
        List<String> ports = params.list("ports").stream().map(p -> Integer.toString(Integer.parseInt(p))).toList();
        boolean allowList = params.string("type").equalsIgnoreCase("whitelist");
        for (String raw : input.prepared().lines("EXPOSE")) {
            Matcher matcher = EXPOSE_LINE.matcher(raw.strip());
            if (!matcher.find() || matcher.group(2).isEmpty()) {
                continue;
            }
            List<String> exposed = new ArrayList<>(Arrays.asList(matcher.group(2).strip().split("\\s+")));
            if (allowList) {
                for (String port : ports) {
                    removeAllowed(exposed, port);
                }
                for (String port : exposed) {
                    out.fire("Dockerfile exposes port (" + port + ") which is not in policy file ALLOWEDPORTS list");
                }
            } else {
                for (String port : ports) {
                    for (String form : List.of(port, port + "/tcp", port + "/udp")) {
                        if (exposed.contains(form)) {
                            out.fire("Dockerfile exposes port (" + form + ") which is in policy file DENIEDPORTS list");
                            break;
                        }
                    }
                }
            }
        }
    }

    /**
     * Anchore's removal loop: each pass removes one occurrence of {@code p}, {@code p/tcp} and {@code p/udp}, and
     * only repeats while the {@code /udp} removal succeeded. Kept as is so the set of firings matches.
     */
    private static void removeAllowed(List<String> exposed, String port) {
        boolean again;
        do {
            exposed.remove(port);
            exposed.remove(port + "/tcp");
            again = exposed.remove(port + "/udp");
        } while (again);
    }

    private static Trigger<PreparedDockerfile> noDockerfileProvided() {
        return Trigger.active("no_dockerfile_provided",
                "Triggers if anchore analysis was performed without supplying the actual image Dockerfile.",
                List.of(), (input, out) -> {
                    if (input.image().dockerfileMode() != DockerfileMode.ACTUAL) {
                        out.fire("Image was not analyzed with an actual Dockerfile");
                    }
                });
    }
}
