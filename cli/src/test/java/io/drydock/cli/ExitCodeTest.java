package io.drydock.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExitCodeTest {

    @Test
    void aPassIsZeroAFailIsOneAndAnythingElseIsAnError() {
        assertThat(ExitCode.ofPolicyStatus("pass").code()).isZero();
        assertThat(ExitCode.ofPolicyStatus("fail").code()).isEqualTo(1);
        assertThatThrownBy(() -> ExitCode.ofPolicyStatus("N/A")).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> ExitCode.ofPolicyStatus(null)).isInstanceOf(CliException.class);
    }

    @Test
    void waitingEndsWithZeroWhenAnalysedAndOneWhenTheAnalysisFailed() {
        assertThat(ExitCode.ofAnalysisStatus("analyzed")).isEqualTo(ExitCode.OK);
        assertThat(ExitCode.ofAnalysisStatus("analysis_failed")).isEqualTo(ExitCode.FAILED);
        assertThat(ExitCode.ofAnalysisStatus("analyzing")).as("still waiting").isNull();
        assertThat(ExitCode.ofAnalysisStatus("not_analyzed")).as("still waiting").isNull();
        assertThatThrownBy(() -> ExitCode.ofAnalysisStatus("bogus")).isInstanceOf(CliException.class);
        assertThat(ExitCode.TIMED_OUT.code()).isEqualTo(3);
    }

    @Test
    void anUnreachableApiIsAnErrorNamingTheUrlAndNeverAVerdict() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Run run = run(Map.of("DRYDOCK_USER", "admin", "DRYDOCK_PASSWORD", "x"),
                "evaluate", "check", "sha256:" + "a".repeat(64), "--tag", "app:1", "--url", "http://127.0.0.1:" + closedPort + "/v1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot connect to the Drydock API at http://127.0.0.1:" + closedPort + "/v1");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageAndInputErrorsAreErrorsWithAMessageOnStderr() {
        Run unknown = run(Map.of(), "image", "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument");
        Run groupAlone = run(Map.of(), "image");
        assertThat(groupAlone.exitCode()).isEqualTo(2);
        assertThat(groupAlone.err()).contains("Missing required subcommand").as("the group's commands, listed by name")
                .containsPattern("(?s)Commands:\\s+add .*content .*del .*get .*list .*wait ");

        Run noCredentials = run(Map.of(), "image", "list");
        assertThat(noCredentials.exitCode()).isEqualTo(2);
        assertThat(noCredentials.err()).contains("Error: no user given");

        Run badLayout = run(Map.of("DRYDOCK_USER", "admin", "DRYDOCK_PASSWORD", "x"), "image", "add", "oci-dir:/nonexistent/layout");
        assertThat(badLayout.exitCode()).isEqualTo(2);
        assertThat(badLayout.err()).contains("Error: oci-dir:/nonexistent/layout is not a directory");

        Run badPlatform = run(Map.of(), "image", "add", "registry.example.com/app:1", "--platform", "amd64");
        assertThat(badPlatform.exitCode()).isEqualTo(2);
        assertThat(badPlatform.err()).contains("--platform 'amd64' is not os/arch[/variant]");
    }

    @Test
    void everyCommandHasHelpThatExitsZero() {
        Run help = run(Map.of(), "evaluate", "check", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: drydock cli evaluate check").contains("--tag=TAG");
    }

    @Test
    void globalOptionsCountAfterTheSubcommandToo() {
        Run run = run(Map.of("DRYDOCK_URL", "http://127.0.0.1:1/v1"), "image", "list", "--user", "admin", "--password", "x",
                "--url", "http://127.0.0.1:2/v1");

        assertThat(run.err()).contains("http://127.0.0.1:2/v1");
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DrydockCli.execute(env, java.io.InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int exitCode, String out, String err) {
    }
}
