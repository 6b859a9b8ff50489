package io.drydock.cli.event;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Output;
import io.drydock.cli.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code event list}: the account's events log, newest first (Anchore §1.11). */
@Command(name = "event", description = "Read the account's events.")
public class EventCommand extends ApiCommand {

    @Command(name = "list", description = "List events, newest first.")
    int list(@Option(names = "--since", paramLabel = "TIME", description = "ISO-8601, e.g. 2025-01-31T00:00:00Z.") String since,
             @Option(names = "--before", paramLabel = "TIME") String before,
             @Option(names = "--level", paramLabel = "LEVEL", description = "info or error.") String level,
             @Option(names = "--event-type", paramLabel = "TYPE", description = "* matches anything, e.g. user.image.*.") String type,
             @Option(names = "--resource-type", paramLabel = "TYPE") String resourceType,
             @Option(names = "--resource-id", paramLabel = "ID") String resourceId,
             @Option(names = "--all", description = "Every page, not only the first 100 events.") boolean all) {
        ArrayNode events = cli().mapper().createArrayNode();
        int page = 1;
        while (true) {
            JsonNode result = api().get("/events", Query.of().add("since", since).add("before", before)
                    .add("level", level).add("event_type", type).add("resource_type", resourceType)
                    .add("resource_id", resourceId).add("page", page));
            result.path("results").forEach(events::add);
            if (!all || !result.path("next_page").asBoolean(false)) {
                break;
            }
            page++;
        }
        if (output().jsonMode()) {
            output().json(events);
        } else {
            output().table(Output.columns("Timestamp", "/event/timestamp", "Level", "/event/level",
                    "Event", "/event/type", "Resource Type", "/event/resource/type", "Resource ID", "/event/resource/id",
                    "Service", "/event/source/servicename", "ID", "/generated_uuid"), events);
        }
        return ExitCode.OK.code();
    }
}
