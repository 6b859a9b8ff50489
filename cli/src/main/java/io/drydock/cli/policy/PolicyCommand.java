package io.drydock.cli.policy;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.CliException;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Output;
import io.drydock.cli.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code policy list|get|add|activate|del}: the account's policy bundles (Anchore §1.7). */
@Command(name = "policy", description = "Manage the account's policy bundles.")
public class PolicyCommand extends ApiCommand {

    private static final Map<String, java.util.function.Function<JsonNode, String>> COLUMNS = Output.columns(
            "Policy ID", "/policyId", "Name", "/name", "Active", "/active", "Created", "/created_at",
            "Updated", "/last_updated");

    @Command(name = "list", description = "List the policy bundles.")
    int list() {
        JsonNode policies = api().get("/policies", Query.of().flag("detail", false));
        if (output().jsonMode()) {
            output().json(policies);
        } else {
            output().table(COLUMNS, policies);
        }
        return ExitCode.OK.code();
    }

    @Command(name = "get", description = "Show a policy bundle record; with --detail the bundle itself (JSON).")
    int get(@Parameters(paramLabel = "ID") String id,
            @Option(names = "--detail", description = "Print the bundle document.") boolean detail) {
        JsonNode policy = api().get("/policies/" + Query.pathSegment(id, false), Query.of().flag("detail", detail));
        if (output().jsonMode()) {
            output().json(policy);
        } else if (detail) {
            output().json(policy.path(0).path("policybundle"));
        } else {
            output().table(COLUMNS, policy);
        }
        return ExitCode.OK.code();
    }

    @Command(name = "add", description = "Add a policy bundle from a JSON file (inactive until activated).")
    int add(@Parameters(paramLabel = "FILE") Path file) {
        JsonNode bundle;
        try {
            bundle = cli().mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new CliException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(bundle instanceof ObjectNode)) {
            throw new CliException(file + " does not hold a policy bundle (a JSON object)");
        }
        JsonNode added = api().post("/policies", Query.of().flag("detail", false), bundle);
        if (output().jsonMode()) {
            output().json(added);
        } else {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Policy ID", Output.text(added.get("policyId")));
            fields.put("Active", Output.text(added.get("active")));
            output().fields(fields);
        }
        return ExitCode.OK.code();
    }

    @Command(name = "activate", description = "Make a policy bundle the account's active one.")
    int activate(@Parameters(paramLabel = "ID") String id) {
        String path = "/policies/" + Query.pathSegment(id, false);
        // As anchore-cli: the record as stored, marked active, put back (the one active before is deactivated).
        JsonNode record = api().get(path, Query.of().flag("detail", true)).path(0);
        if (!(record instanceof ObjectNode object)) {
            throw new CliException("the API returned no record for policy " + id);
        }
        object.put("active", true);
        JsonNode updated = api().put(path, Query.of(), object);
        if (output().jsonMode()) {
            output().json(updated);
        } else {
            output().line("Activated " + id);
        }
        return ExitCode.OK.code();
    }

    @Command(name = "del", description = "Delete a policy bundle (not the active one).")
    int delete(@Parameters(paramLabel = "ID") String id) {
        api().delete("/policies/" + Query.pathSegment(id, false), Query.of());
        if (!output().jsonMode()) {
            output().line("Deleted " + id);
        }
        return ExitCode.OK.code();
    }
}
