package io.drydock.cli.registry;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.CliException;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Output;
import io.drydock.cli.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code registry add|list|get|update|del}: an account's registry credentials (Anchore §1.10). The password is taken
 * from the argument list as anchore-cli takes it, or from stdin ({@code --password-stdin}) so that it never shows in
 * the process list or the shell history.
 */
@Command(name = "registry", description = "Manage the account's registry credentials.")
public class RegistryCommand extends ApiCommand {

    /** What {@code add} and {@code update} both take. */
    static final class Credential {
        @Parameters(index = "0", paramLabel = "REGISTRY", description = "host[:port], optionally with /repository and a trailing * (e.g. registry.example.com/team/*).")
        String registry;

        @Parameters(index = "1", paramLabel = "USER")
        String user;

        @Parameters(index = "2", paramLabel = "PASSWORD", arity = "0..1", description = "The registry password; prefer --password-stdin.")
        String password;

        @Option(names = "--password-stdin", description = "Read the registry password from stdin.")
        boolean passwordStdin;

        @Option(names = "--insecure", description = "Do not verify the registry's TLS certificate.")
        boolean insecure;

        @Option(names = "--skip-validate", description = "Store without checking the credentials against the registry.")
        boolean skipValidate;

        @Option(names = "--registry-type", paramLabel = "TYPE", defaultValue = "docker_v2", description = "Default ${DEFAULT-VALUE}.")
        String type;

        @Option(names = "--registry-name", paramLabel = "NAME", description = "A name to show for it.")
        String name;
    }

    @Command(name = "add", description = "Store credentials for a registry (validated against it unless --skip-validate).")
    int add(@Mixin Credential credential) throws IOException {
        JsonNode stored = api().post("/registries", Query.of().flag("validate", !credential.skipValidate),
                body(credential));
        print(stored);
        return ExitCode.OK.code();
    }

    @Command(name = "update", description = "Replace the stored credentials of a registry.")
    int update(@Mixin Credential credential) throws IOException {
        JsonNode stored = api().put("/registries/" + Query.pathSegment(credential.registry, true),
                Query.of().flag("validate", !credential.skipValidate), body(credential));
        print(stored);
        return ExitCode.OK.code();
    }

    @Command(name = "list", description = "List the stored registries (never their passwords).")
    int list() {
        print(api().get("/registries", Query.of()));
        return ExitCode.OK.code();
    }

    @Command(name = "get", description = "Show one stored registry.")
    int get(@Parameters(paramLabel = "REGISTRY") String registry) {
        print(api().get("/registries/" + Query.pathSegment(registry, true), Query.of()));
        return ExitCode.OK.code();
    }

    @Command(name = "del", description = "Delete the stored credentials of a registry.")
    int delete(@Parameters(paramLabel = "REGISTRY") String registry) {
        api().delete("/registries/" + Query.pathSegment(registry, true), Query.of());
        if (!output().jsonMode()) {
            output().line("Deleted " + registry);
        }
        return ExitCode.OK.code();
    }

    private Map<String, Object> body(Credential credential) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registry", credential.registry);
        body.put("registry_user", credential.user);
        body.put("registry_pass", password(credential));
        body.put("registry_type", credential.type);
        body.put("registry_verify", !credential.insecure);
        if (credential.name != null) {
            body.put("registry_name", credential.name);
        }
        return body;
    }

    private String password(Credential credential) throws IOException {
        if (credential.passwordStdin == (credential.password != null)) {
            throw new CliException(credential.passwordStdin
                    ? "give the registry password either as an argument or with --password-stdin, not both"
                    : "no registry password: give it with --password-stdin (or as the third argument)");
        }
        if (credential.password != null) {
            return credential.password;
        }
        String text = new String(cli().in().readAllBytes(), StandardCharsets.UTF_8);
        // As 'docker login --password-stdin': the trailing newline of 'echo' is not part of the password.
        String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (password.isEmpty()) {
            throw new CliException("--password-stdin read an empty password");
        }
        return password;
    }

    private void print(JsonNode registries) {
        if (output().jsonMode()) {
            output().json(registries);
            return;
        }
        output().table(Output.columns("Registry", "/registry", "Name", "/registry_name", "User", "/registry_user",
                "Type", "/registry_type", "Verify TLS", "/registry_verify", "Created", "/created_at",
                "Updated", "/last_updated"), registries);
    }
}
