package io.drydock.policy.gate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Checks against the entries of {@code /etc/passwd} as the analyzer retrieved it. */
final class PasswdFileGate {
    static final String PASSWD = "/etc/passwd";
    // Positions in an entry after the user name: password, uid, gid, gecos, home, shell
    private static final int UID = 1;
    private static final int GID = 2;
    private static final int SHELL = 5;

    /**
     * The entries keyed by user name, in file order; a later line for the same user replaces the earlier one in its
     * place, as Anchore's dict does. Empty when the file was not retrieved or holds no line.
     */
    record Entries(Map<String, List<String>> byUser) {
        Entries {
            byUser = Collections.unmodifiableMap(new LinkedHashMap<>(byUser));
        }
    }

    /** One blacklisted value found, with the whole entry it was found in. */
    private record Hit(String value, String entry) {}

    private PasswdFileGate() {}

    static Gate<Entries> create() {
        return Gate.active("passwd_file",
                "Content checks for /etc/passwd for things like usernames, group ids, shells, or full entries.",
                PasswdFileGate::parse, List.of(contentNotAvailable(), usernames(), userIds(), groupIds(), shells(),
                        fullEntry()));
    }

    /** Anchore's parsing: each line stripped and split on {@code :}, the first field being the user name. */
    static Entries parse(ImageFacts image) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        image.retrievedFile(PASSWD).map(RetrievedFile::content).ifPresent(content -> {
            for (String line : lines(content)) {
                List<String> fields = Arrays.asList(line.strip().split(":", -1));
                entries.put(fields.getFirst(), List.copyOf(fields.subList(1, fields.size())));
            }
        });
        return new Entries(entries);
    }

    /** Python's {@code str.splitlines()}: its line breaks, and no empty line after a final break. */
    private static List<String> lines(String content) {
        List<String> lines = new ArrayList<>(Arrays.asList(content.split("\\R|[\\x1c-\\x1e]", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    private static Trigger<Entries> contentNotAvailable() {
        return Trigger.active("content_not_available",
                "Triggers if the /etc/passwd file is not present/stored in the evaluated image.", List.of(),
                (input, out) -> {
                    if (input.prepared().byUser().isEmpty()) {
                        out.fire("Cannot locate /etc/passwd in image stored files archive: check analyzer settings.");
                    }
                });
    }

    private static Trigger<Entries> usernames() {
        return blacklist("blacklist_usernames", "Triggers if specified username is found in the /etc/passwd file",
                TriggerParam.required("user_names", "List of usernames that will cause the trigger to fire if found "
                        + "in /etc/passwd.", "daemon,ftp", ParamValidator.commaDelimitedStrings())
                        .withAliases("usernameblacklist"),
                "Blacklisted user '", (user, fields) -> user, Function.identity());
    }

    private static Trigger<Entries> userIds() {
        return blacklist("blacklist_userids", "Triggers if specified user id is found in the /etc/passwd file",
                TriggerParam.required("user_ids", "List of userids (numeric) that will cause the trigger to fire if "
                        + "found in /etc/passwd.", "0,1", ParamValidator.commaDelimitedNumbers())
                        .withAliases("useridblacklist"),
                "Blacklisted uid '", field(UID), PasswdFileGate::number);
    }

    private static Trigger<Entries> groupIds() {
        // "ot" is Anchore's spelling; the policy spec shows it as is
        return blacklist("blacklist_groupids", "Triggers if specified group id is found in the /etc/passwd file",
                TriggerParam.required("group_ids", "List of groupids (numeric) that will cause the trigger ot fire "
                        + "if found in /etc/passwd.", "999,20", ParamValidator.commaDelimitedNumbers()),
                "Blacklisted gid '", field(GID), PasswdFileGate::number);
    }

    private static Trigger<Entries> shells() {
        return blacklist("blacklist_shells",
                "Triggers if specified login shell for any user is found in the /etc/passwd file",
                TriggerParam.required("shells", "List of shell commands to blacklist.", "/bin/bash,/bin/zsh",
                        ParamValidator.commaDelimitedStrings()),
                "Blacklisted shell '", field(SHELL), Function.identity())
                .withAliases("shellmatch");
    }

    private static Trigger<Entries> fullEntry() {
        return Trigger.active("blacklist_full_entry",
                "Triggers if entire specified passwd entry is found in the /etc/passwd file.",
                List.of(TriggerParam.required("entry", "Full entry to match in /etc/passwd.",
                        "ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin", ParamValidator.string())),
                (input, out) -> fireAll(out, "Blacklisted pentry '", hits(input.prepared(),
                        Set.of(input.params().string("entry").strip()), PasswdFileGate::wholeEntry)));
    }

    /**
     * A trigger firing once per entry whose field (picked by {@code candidate}, null when the entry is too short to
     * have it) is one of the rule's values, each value normalised by {@code normalise} first.
     */
    private static Trigger<Entries> blacklist(String name, String description, TriggerParam values, String message,
                                              FieldPicker candidate, Function<String, String> normalise) {
        return Trigger.active(name, description, List.of(values), (input, out) -> {
            Set<String> denied = Set.copyOf(input.params().list(values.name()).stream().map(normalise).toList());
            fireAll(out, message, hits(input.prepared(), denied, candidate));
        });
    }

    @FunctionalInterface
    private interface FieldPicker {
        String pick(String user, List<String> fields);
    }

    /** Anchore indexes the entry blindly and fails the whole evaluation on a short line; such a line cannot match. */
    private static FieldPicker field(int index) {
        return (user, fields) -> index < fields.size() ? fields.get(index) : null;
    }

    private static String wholeEntry(String user, List<String> fields) {
        List<String> all = new ArrayList<>();
        all.add(user);
        all.addAll(fields);
        return String.join(":", all);
    }

    private static List<Hit> hits(Entries entries, Set<String> denied, FieldPicker candidate) {
        List<Hit> hits = new ArrayList<>();
        entries.byUser().forEach((user, fields) -> {
            String value = candidate.pick(user, fields);
            if (value != null && denied.contains(value)) {
                hits.add(new Hit(value, wholeEntry(user, fields)));
            }
        });
        return hits;
    }

    private static void fireAll(Firings out, String prefix, List<Hit> hits) {
        for (Hit hit : hits) {
            out.fire(prefix + hit.value() + "' found in image's /etc/passwd: pentry=" + hit.entry());
        }
    }

    /** Anchore reads the ids as integers and compares their decimal text: {@code 007} denies uid {@code 7}. */
    private static String number(String value) {
        return new BigInteger(value).toString();
    }
}
