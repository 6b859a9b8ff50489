package io.drydock.cli;

import io.drydock.cli.evaluate.EvaluateCommand;
import io.drydock.cli.event.EventCommand;
import io.drydock.cli.image.ImageCommand;
import io.drydock.cli.policy.PolicyCommand;
import io.drydock.cli.query.QueryCommand;
import io.drydock.cli.registry.RegistryCommand;
import io.drydock.cli.system.SystemCommand;
import io.drydock.platform.net.OutboundHttp;
import io.drydock.platform.net.ProxyConfigurationException;
import io.drydock.platform.net.ProxySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drydock's command-line client: anchore-cli's commands against the v1 API, with exit codes a pipeline can gate on
 * ({@link ExitCode}). {@link #execute} runs it in-process with the given environment and streams; {@link #main} is the
 * jar's entry point.
 */
@Command(name = "drydock cli", mixinStandardHelpOptions = true, versionProvider = DrydockCli.Version.class,
        scope = ScopeType.INHERIT,
        description = "Drydock's command-line client of the v1 API (anchore-cli style).",
        subcommands = {ImageCommand.class, EvaluateCommand.class, PolicyCommand.class, RegistryCommand.class,
                EventCommand.class, QueryCommand.class, SystemCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success; evaluate check: pass; image wait: analyzed",
                "1:evaluate check: fail; image wait: analysis_failed",
                "2:error: usage, input, the API refused the request or could not be reached",
                "3:image wait: --timeout passed before the analysis finished"})
public final class DrydockCli {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The API, default " + CliConfig.DEFAULT_URL + " (env DRYDOCK_URL, ANCHORE_CLI_URL).")
    String url;

    @Option(names = {"--user", "-u"}, scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "User (env DRYDOCK_USER, ANCHORE_CLI_USER).")
    String user;

    @Option(names = {"--password", "-p"}, scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            description = "Password (env DRYDOCK_PASSWORD, ANCHORE_CLI_PASS; prefer the environment: arguments are"
                    + " visible to other users of the machine).")
    String password;

    @Option(names = {"--account", "--as-account"}, scope = ScopeType.INHERIT, paramLabel = "ACCOUNT",
            description = "Act in this account (sent as x-anchore-account; admins only).")
    String account;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON instead of tables.")
    boolean json;

    private final Map<String, String> environment;
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private ApiClient api;

    DrydockCli(Map<String, String> environment, InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.in = in;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(System.getenv(), System.in, out, err, args));
    }

    /** Runs one command line; the exit code of {@link ExitCode}. */
    public static int execute(Map<String, String> environment, InputStream in, PrintWriter out, PrintWriter err,
                              String... args) {
        DrydockCli cli = new DrydockCli(environment, in, out, err, Clock.systemUTC());
        CommandLine commandLine = new CommandLine(cli)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, line, parsed) -> cli.report(e));
        // A group's commands are its methods, which reflection returns in no fixed order: list them by name.
        commandLine.getSubcommands().values().forEach(group -> group.getHelpSectionMap().put(
                UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> help.commandList(new TreeMap<>(help.subcommands()))));
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int report(Exception e) {
        switch (e) {
            case ApiError api -> {
                err.println("Error: " + api.getMessage() + " (HTTP " + api.status() + ")");
                if (api.detail() != null) {
                    err.println("Detail: " + api.detail());
                }
            }
            case CliException cli -> err.println("Error: " + cli.getMessage());
            default -> err.println("Error: " + e);
        }
        err.flush();
        return ExitCode.ERROR.code();
    }

    /** The API client, configured on first use from the flags and the environment. */
    public ApiClient api() {
        if (api == null) {
            CliConfig config = CliConfig.resolve(new CliConfig.Flags(url, user, password, account), environment);
            api = new ApiClient(httpClient(environment), config, mapper);
        }
        return api;
    }

    /**
     * Reaches the API directly unless {@code https_proxy}/{@code http_proxy} (and {@code no_proxy}) say otherwise, read
     * as the server reads them for its own outbound traffic; the JDK's {@code -Dhttps.proxyHost} settings are not used.
     */
    static java.net.http.HttpClient httpClient(Map<String, String> environment) {
        ProxySettings proxies;
        try {
            proxies = ProxySettings.resolve(environment, null);
        } catch (ProxyConfigurationException e) {
            throw new CliException(e.getMessage(), e);
        }
        return new OutboundHttp(proxies).cli().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
    }

    public Output output() {
        return new Output(out, err, mapper, json);
    }

    public JsonMapper mapper() {
        return mapper;
    }

    public InputStream in() {
        return in;
    }

    public Clock clock() {
        return clock;
    }

    /** Where large temporary files go: {@code TMPDIR} as other tools read it, else the JVM's temporary directory. */
    public Path temporaryDirectory() {
        String tmp = environment.get("TMPDIR");
        return Path.of(tmp == null || tmp.isBlank() ? System.getProperty("java.io.tmpdir") : tmp);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DrydockCli.class.getPackage().getImplementationVersion();
            return new String[]{"drydock cli " + (version == null ? "(development build)" : version)};
        }
    }
}
