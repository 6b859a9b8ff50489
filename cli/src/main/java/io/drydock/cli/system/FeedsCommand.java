package io.drydock.cli.system;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.CliException;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Output;
import io.drydock.cli.Query;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code system feeds list|sync|config|delete}: the vulnerability feeds and their groups (Anchore §1.2). */
@Command(name = "feeds", description = "The vulnerability feeds: their groups, sync state and switches.")
public class FeedsCommand extends ApiCommand {

    @Command(name = "list", description = {"List the feeds and their groups with the time of their last successful"
            + " sync (pending: never synced) and their record counts.",
            "Groups whose last sync attempt failed are named on stderr with the error; they keep their last good data."})
    int list() {
        JsonNode feeds = api().get("/system/feeds", Query.of());
        if (output().jsonMode()) {
            output().json(feeds);
        } else {
            printFeeds(feeds);
        }
        return ExitCode.OK.code();
    }

    @Command(name = "sync", description = {"Sync every enabled feed group now and wait for it (admin).",
            "Exit code 2 when a group failed to sync."})
    int sync(@Option(names = "--flush", description = "Delete each group's records and download them all again.")
             boolean flush) {
        if (!output().jsonMode()) {
            output().note("Syncing the feeds" + (flush ? " from scratch (--flush)" : "") + "; this may take a while");
        }
        JsonNode results = api().post("/system/feeds", Query.of().flag("flush", flush), Map.of());
        List<String> failed = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode feed : results) {
            if ("failure".equals(feed.path("status").asString()) && feed.path("groups").isEmpty()) {
                failed.add(feed.path("feed").asString());
            }
            for (JsonNode group : feed.path("groups")) {
                rows.add(List.of(Output.text(feed.get("feed")), Output.text(group.get("group")),
                        Output.text(group.get("status")), Output.text(group.get("updated_record_count")),
                        String.format(Locale.ROOT, "%.2fs", group.path("total_time_seconds").asDouble())));
                if (!"success".equals(group.path("status").asString())) {
                    failed.add(feed.path("feed").asString() + "/" + group.path("group").asString());
                }
            }
        }
        if (output().jsonMode()) {
            output().json(results);
        } else {
            output().table(List.of("Feed", "Group", "Status", "Records Updated", "Sync Duration"), rows);
        }
        if (!failed.isEmpty()) {
            throw new CliException("the sync failed for " + String.join(", ", failed)
                    + " (see 'system feeds list' for the errors)");
        }
        return ExitCode.OK.code();
    }

    /** Exactly one of {@code --enable} and {@code --disable}. */
    static class Switch {
        @Option(names = "--enable", required = true, description = "Sync it again.") boolean enable;
        @Option(names = "--disable", required = true, description = "Stop syncing it; its data stays.") boolean disable;
    }

    @Command(name = "config", description = "Enable or disable a feed, or one group of it (admin).")
    int config(@Parameters(paramLabel = "FEED") String feed,
               @Option(names = "--group", paramLabel = "GROUP", description = "Only this group, e.g. debian:12.") String group,
               @ArgGroup(exclusive = true, multiplicity = "1") Switch change) {
        String path = "/system/feeds/" + Query.pathSegment(feed, false)
                + (group == null ? "" : "/" + Query.pathSegment(group, false));
        JsonNode answer = api().put(path, Query.of().flag("enabled", change.enable), Map.of());
        if (output().jsonMode()) {
            output().json(answer);
        } else {
            printFeeds(answer.isArray() ? answer : cli().mapper().createArrayNode().add(answer));
        }
        return ExitCode.OK.code();
    }

    @Command(name = "delete", description = "Delete a feed's data, or one group's (admin); an enabled feed is synced"
            + " again by the next sync.")
    int delete(@Parameters(paramLabel = "FEED") String feed,
               @Option(names = "--group", paramLabel = "GROUP", description = "Only this group, e.g. debian:12.") String group) {
        String path = "/system/feeds/" + Query.pathSegment(feed, false)
                + (group == null ? "" : "/" + Query.pathSegment(group, false));
        JsonNode answer = api().delete(path, Query.of());
        if (output().jsonMode()) {
            output().json(answer.isMissingNode() ? cli().mapper().createObjectNode() : answer);
        } else {
            output().line(group == null ? "Deleted feed " + feed : "Deleted group " + group + " of feed " + feed);
        }
        return ExitCode.OK.code();
    }

    /** anchore-cli's table: Feed, Group, LastSync ({@code pending} until synced), RecordCount; disabled ones marked. */
    private void printFeeds(JsonNode feeds) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode feed : feeds) {
            String feedName = feed.path("name").asString() + (feed.path("enabled").asBoolean(true) ? "" : "(disabled)");
            for (JsonNode group : feed.path("groups")) {
                rows.add(List.of(feedName,
                        group.path("name").asString() + (group.path("enabled").asBoolean(true) ? "" : "(disabled)"),
                        group.hasNonNull("last_sync") ? group.get("last_sync").asString() : "pending",
                        Output.text(group.get("record_count"))));
                if ("failure".equals(group.path("last_attempt_status").asString())) {
                    output().note("Warning: the last sync of " + feed.path("name").asString() + "/"
                            + group.path("name").asString() + " failed"
                            + (group.hasNonNull("last_attempt_at") ? " at " + group.get("last_attempt_at").asString() : "")
                            + ": " + Output.text(group.get("last_error")));
                }
            }
        }
        output().table(List.of("Feed", "Group", "LastSync", "RecordCount"), rows);
    }
}
