package io.drydock.cli.system;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Query;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code system status}: the services Drydock knows and whether each is up (Anchore §1.1). */
@Command(name = "system", description = "Drydock's own state.")
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
}
