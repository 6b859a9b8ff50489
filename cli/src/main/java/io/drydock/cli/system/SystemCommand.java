package io.drydock.cli.system;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code system status}: the services Drydock knows and whether each is up (Anchore §1.1); {@code system reanalyze}:
 * re-analyse the images an older analyzer analysed (admin); {@code system feeds}: the vulnerability feeds.
 */
@Command(name = "system", description = "Drydock's own state.", subcommands = FeedsCommand.class)
public class SystemCommand extends ApiCommand {

    @Command(name = "status", description = "Show whether each service is up.")
    int status() {
        JsonNode system = api().get("/system", Query.of());
        if (output().jsonMode()) {
            output().json(system);
            return ExitCode.OK.code();
        }
        String version = null;
        String dbVersion = null;
        for (JsonNode service : system.path("service_states")) {
            output().line("Service " + service.path("servicename").asString() + " (" + service.path("hostid").asString()
                    + ", " + service.path("base_url").asString() + "): "
                    + (service.path("status").asBoolean(false) ? "up" : "down")
                    + (service.hasNonNull("status_message") ? " (" + service.get("status_message").asString() + ")" : ""));
            version = version != null ? version : service.at("/service_detail/version").asString(null);
            dbVersion = dbVersion != null ? dbVersion : service.at("/service_detail/db_version").asString(null);
        }
        output().line("");
        output().line("Engine DB Version: " + (dbVersion == null ? "N/A" : dbVersion));
        output().line("Engine Code Version: " + (version == null ? "N/A" : version));
        return ExitCode.OK.code();
    }

    @Command(name = "reanalyze", description = {"Queue every image analysed by an older analyzer version for analysis "
            + "again (admin).", "The old analysis keeps serving until the new one is stored."})
    int reanalyze(@Option(names = "--analyzer-version", paramLabel = "VERSION",
            description = "Only images analysed by exactly this version.") String analyzerVersion) {
        Query query = Query.of();
        if (analyzerVersion != null) {
            query.add("analyzer_version", analyzerVersion);
        }
        JsonNode result = api().post("/system/reanalysis", query, Map.of());
        if (output().jsonMode()) {
            output().json(result);
            return ExitCode.OK.code();
        }
        for (JsonNode image : result.path("images")) {
            output().line(image.path("imageDigest").asString() + " (was " + image.path("previous_analyzer_version")
                    .asString() + ")");
        }
        output().line(result.path("queued").asInt() + " images queued for re-analysis by "
                + result.path("current_analyzer_version").asString()
                + (result.path("more").asBoolean(false) ? "; more remain, run again" : ""));
        return ExitCode.OK.code();
    }
}
