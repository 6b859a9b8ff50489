package io.drydock.deploy;

import io.drydock.cli.DrydockCli;
import io.drydock.platform.analysis.AnalyzerVersion;
import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.image.DebianRootfs;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.ImageArchives;
import io.drydock.testkit.registry.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The all-in-one runtime, started from the packaged launcher as a user starts it, against a real registry: images go
 * from {@code POST /v1/images} through analysis and policy evaluation to a webhook, tenants stay apart, and a
 * {@code kill -9} with work in flight loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllInOneEndToEndIT {

    private static final String ADMIN_PASSWORD = "e2e-admin-Secret!";

    private static Path work;
    private static TestRegistry registry;
    private static TestRegistry privateRegistry;
    private static WebhookReceiver webhooks;
    private static DrydockProcess drydock;
    private static int port;
    private static int postgresPort;
    private static Api admin;
    private static final Map<String, String> added = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("drydock-e2e");
        registry = TestRegistry.shared();
        privateRegistry = TestRegistry.startWithBasicAuth("ci-robot", "F@oBar!x");
        // As 'docker login' writes it: the analyzer and the gateway read registry credentials from it.
        Files.writeString(work.resolve("docker-config.json"), "{\"auths\": {\"" + privateRegistry.hostPort()
                + "\": {\"auth\": \"" + java.util.Base64.getEncoder().encodeToString("ci-robot:F@oBar!x".getBytes())
                + "\"}}}");
        webhooks = new WebhookReceiver();
        port = DrydockLauncher.freePort();
        postgresPort = DrydockLauncher.freePort();
        drydock = startDrydock();
        admin = new Api(port, "admin", ADMIN_PASSWORD);
    }

    private static DrydockProcess startDrydock() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DRYDOCK_DATA_DIR", work.resolve("data").toString());
        env.put("DRYDOCK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("DRYDOCK_POSTGRES_PORT", String.valueOf(postgresPort));
        List<String> args = List.of("run",
                "--server.port=" + port,
                "--drydock.registry.insecure-registries=" + registry.hostPort() + "," + privateRegistry.hostPort(),
                // The test registries are on loopback, which a default Drydock refuses to reach.
                "--drydock.registry.allowed-networks=" + TestInfrastructure.LOOPBACK_NETWORKS,
                "--drydock.registry.docker-config=" + work.resolve("docker-config.json"),
                "--drydock.webhooks.endpoints.general.url=" + webhooks.url() + "/hooks/<notification_type>/<userId>",
                "--drydock.analyzer.lease=10s", "--drydock.analyzer.heartbeat=2s",
                "--drydock.catalog.reconcile-interval=2s", "--drydock.catalog.reconcile-grace=5s");
        return DrydockProcess.start(List.of(), args, env, work.resolve("drydock.log")).awaitHealthy(port, ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (drydock != null) {
            drydock.close();
        }
        if (webhooks != null) {
            webhooks.close();
        }
        if (privateRegistry != null) {
            privateRegistry.close();
        }
    }

    @Test
    @Order(1)
    void analysesEvaluatesAndNotifiesForADebianAndAnAlpineImage() throws Exception {
        String debianTag = registry.hostPort() + "/e2e/debian:bookworm";
        String alpineTag = registry.hostPort() + "/e2e/alpine:3.20";
        TestImages.debian().push(registry, "e2e/debian", "bookworm");
        TestImages.alpine("first").push(registry, "e2e/alpine", "3.20");
        for (String tag : List.of(debianTag, alpineTag)) {
            assertThat(admin.post("/subscriptions", Map.of("subscription_key", tag, "subscription_type", "policy_eval",
                    "active", true)).status()).isEqualTo(200);
        }

        String debian = add(admin, debianTag);
        String alpine = add(admin, alpineTag);

        awaitAnalyzed(admin, debian);
        awaitAnalyzed(admin, alpine);
        assertThat(osPackages(admin, debian)).isEqualTo(dpkgQuery(DebianRootfs.path()));
        assertThat(osPackages(admin, alpine)).containsExactlyInAnyOrderEntriesOf(
                Map.of("musl", "1.2.5-r0", "busybox", "1.36.1-r29", "apk-tools", "2.14.4-r1"));
        JsonNode services = admin.get("/system").body().get("service_states");
        assertThat(services.get(0).get("servicename").asString()).isEqualTo("drydock");
        assertThat(services.get(0).get("status").asBoolean()).isTrue();
        JsonNode image = admin.get("/images/" + debian).body().get(0);
        assertThat(image.at("/image_content/metadata/distro").asString()).isEqualTo("debian");
        assertThat(image.at("/image_content/metadata/distro_version").asString()).isEqualTo("12");

        JsonNode debianCheck = awaitCheck(admin, debian, debianTag);
        assertThat(debianCheck.get("status").asString()).as("EXPOSE 22 is a STOP in the default bundle").isEqualTo("fail");
        assertThat(debianCheck.at("/detail/result/final_action").asString()).isEqualTo("stop");
        assertThat(awaitCheck(admin, alpine, alpineTag).get("status").asString()).isEqualTo("pass");

        await("policy_eval webhooks for both tags").atMost(ofSeconds(60)).untilAsserted(() ->
                assertThat(webhooks.deliveries).filteredOn(d -> d.path().equals("/hooks/policy_eval/admin"))
                        .extracting(d -> Api.JSON.readTree(d.body()).at("/data/notification_payload/subscription_key").asString())
                        .contains(debianTag, alpineTag));
        JsonNode notification = Api.JSON.readTree(webhooks.deliveries.stream()
                .filter(d -> d.body().contains(debianTag)).findFirst().orElseThrow().body());
        assertThat(notification.at("/data/notification_type").asString()).isEqualTo("policy_eval");
        assertThat(notification.at("/data/notification_payload/curr_eval/final_action").asString()).isEqualTo("stop");
        assertThat(notification.at("/data/notification_payload/curr_eval/image_digest").asString()).isEqualTo(debian);

        // A check evaluates now (Anchore's default), not only what was stored when the analysis completed.
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "postgres", "postgres"); Statement statement = db.createStatement()) {
            statement.execute("delete from policy_evaluation where image_digest = '" + alpine + "'");
        }
        Api.Response fresh = admin.get("/images/" + alpine + "/check?tag=" + Api.encode(alpineTag));
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(200);
        assertThat(fresh.body().get(0).get(alpine).get(alpineTag).get(0).get("status").asString()).isEqualTo("pass");
    }

    @Test
    @Order(2)
    void pullsFromARegistryThatRequiresCredentials() {
        TestImages.alpine("private").push(privateRegistry, "team/private", "1.0");
        String tag = privateRegistry.hostPort() + "/team/private:1.0";

        String digest = add(admin, tag);

        awaitAnalyzed(admin, digest);
        assertThat(osPackages(admin, digest)).containsKeys("musl", "busybox", "apk-tools");
    }

    @Test
    @Order(2)
    void analysesAnImageUploadedAsADockerSaveArchive() throws Exception {
        TestImages.debian().push(registry, "e2e/debian", "bookworm");
        Path tar = ImageArchives.export(registry, "e2e/debian:bookworm", "docker-archive", work.resolve("debian.tar"),
                "localbuild/debian:saved", false);

        Api.Response uploaded = admin.upload("/images/archive", "archive_file", tar);

        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);
        String digest = uploaded.body().get(0).get("imageDigest").asString();
        awaitAnalyzed(admin, digest);
        assertThat(osPackages(admin, digest)).isEqualTo(dpkgQuery(DebianRootfs.path()));
        assertThat(Files.exists(work.resolve("data/objects/images/" + digest.substring("sha256:".length()) + "/manifest.json")))
                .as("kept in the all-in-one's object store").isTrue();
    }

    @Test
    @Order(3)
    void storesRegistryCredentialsEncryptedUnderAKeyItGeneratedIntoTheDataDirectory() throws Exception {
        Path keyFile = work.resolve("data/secret.key");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Api.Response validated = admin.post("/registries", Map.of("registry", privateRegistry.hostPort() + "/team/*",
                "registry_user", "ci-robot", "registry_pass", "F@oBar!x", "registry_verify", false));
        // Stored as it is, so the lookup below shows the record (not the Docker config) decides.
        Api.Response wrong = admin.post("/registries?validate=false", Map.of("registry",
                privateRegistry.hostPort() + "/denied/*", "registry_user", "ci-robot", "registry_pass", "wrong"));

        assertThat(validated.status()).as(validated.text()).isEqualTo(200);
        assertThat(wrong.status()).as(wrong.text()).isEqualTo(200);
        assertThat(validated.text()).doesNotContain("F@oBar!x");
    }

    @Test
    @Order(4)
    void oneAccountCannotSeeOrChangeAnothersImagesEvaluationsOrSubscriptions() {
        String debian = added.values().iterator().next();
        assertThat(admin.post("/accounts", Map.of("name", "team-b", "email", "b@example.com")).status()).isEqualTo(200);
        assertThat(admin.post("/accounts/team-b/users", Map.of("username", "bob", "password", "bob-password-1")).status())
                .isEqualTo(200);
        Api bob = new Api(port, "bob", "bob-password-1");

        assertThat(bob.get("/images").body()).isEmpty();
        assertThat(bob.get("/images/" + debian).status()).isEqualTo(404);
        assertThat(bob.get("/images/" + debian + "/content/os").status()).isEqualTo(404);
        assertThat(bob.get("/images/" + debian + "/check?tag=" + Api.encode(added.keySet().iterator().next())).status())
                .isEqualTo(404);
        assertThat(bob.delete("/images/" + debian).body().get("status").asString()).isEqualTo("not_found");
        assertThat(bob.get("/subscriptions").body()).isEmpty();
        String adminSubscription = admin.get("/subscriptions").body().get(0).get("subscription_id").asString();
        assertThat(bob.get("/subscriptions/" + adminSubscription).status()).isEqualTo(404);
        assertThat(bob.put("/subscriptions/" + adminSubscription, Map.of("active", false)).status()).isEqualTo(404);
        assertThat(bob.get("/images").status()).isEqualTo(200);
        assertThat(new Api(port, "bob", "wrong-password").get("/images").status()).isEqualTo(401);

        assertThat(admin.get("/images/" + debian).status()).as("admin's image untouched").isEqualTo(200);
        assertThat(admin.get("/subscriptions/" + adminSubscription).body().get(0).get("active").asBoolean()).isTrue();

        String debianTag = added.keySet().iterator().next();
        Api.Response bobsAdd = bob.post("/images", Map.of("tag", debianTag));
        assertThat(bobsAdd.status()).as(bobsAdd.text()).isEqualTo(200);
        assertThat(bobsAdd.body().get(0).get("imageDigest").asString()).isEqualTo(debian);
        assertThat(bobsAdd.body().get(0).get("analysis_status").asString())
                .as("the stored analysis of the digest is shared, not repeated").isEqualTo("analyzed");
        assertThat(awaitCheck(bob, debian, debianTag).get("status").asString()).isEqualTo("fail");
        assertThat(bob.get("/images").body()).hasSize(1);
        assertThat(admin.get("/images?fulltag=" + Api.encode(debianTag)).body().get(0).get("userId").asString())
                .isEqualTo("admin");
    }

    @Test
    @Order(5)
    void survivesKill9WithImagesInFlightAndAnalysesEachOnce() throws Exception {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestImage image = TestImages.alpine("in-flight-" + i);
            image.push(registry, "e2e/inflight", "v" + i);
            tags.add(registry.hostPort() + "/e2e/inflight:v" + i);
        }
        List<String> digests = new ArrayList<>();
        for (String tag : tags) {
            digests.add(add(admin, tag));
        }
        drydock.kill9();

        drydock = startDrydock();

        for (int i = 0; i < digests.size(); i++) {
            awaitAnalyzed(admin, digests.get(i));
            awaitCheck(admin, digests.get(i), tags.get(i));
        }
        for (var entry : added.entrySet()) {
            assertThat(admin.get("/images/" + entry.getValue()).body().get(0).get("analysis_status").asString())
                    .as("data from before the crash").isEqualTo("analyzed");
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                "postgres", "postgres"); Statement statement = db.createStatement()) {
            Map<String, Integer> succeededJobs = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "select image_digest, count(*) from analysis_job where state = 'succeeded' group by image_digest")) {
                while (rows.next()) {
                    succeededJobs.put(rows.getString(1), rows.getInt(2));
                }
            }
            for (String digest : digests) {
                assertThat(succeededJobs.get(digest)).as("analyses of %s", digest).isEqualTo(1);
            }
            try (ResultSet rows = statement.executeQuery("""
                    select image_digest, tag, count(*) from policy_evaluation
                    where account = 'admin' group by image_digest, tag having count(*) > 1""")) {
                assertThat(rows.next()).as("an evaluation stored twice for the same result").isFalse();
            }
        }
    }

    @Test
    @Order(6)
    void readsTheStoredRegistryCredentialsAfterARestartWithTheSameGeneratedKey() {
        TestImages.alpine("after-restart").push(privateRegistry, "team/after", "1.0");
        TestImages.alpine("denied").push(privateRegistry, "denied/app", "1.0");

        String digest = add(admin, privateRegistry.hostPort() + "/team/after:1.0");
        Api.Response denied = admin.post("/images", Map.of("tag", privateRegistry.hostPort() + "/denied/app:1.0"));

        awaitAnalyzed(admin, digest);
        assertThat(denied.status()).as(denied.text()).isEqualTo(403);
        assertThat(admin.get("/registries").body()).hasSize(2);
    }

    @Test
    @Order(7)
    void theCommandLineClientAddsALayoutAndARegistryImageWaitsReadsAndGatesOnTheEvaluation() throws Exception {
        TestImages.alpine("cli").push(registry, "e2e/cli", "1.0");
        Path layout = ImageArchives.export(registry, "e2e/cli:1.0", "oci", work.resolve("cli-layout"), "1.0", false);
        Path temporary = Files.createDirectories(work.resolve("cli-tmp"));

        CliRun added = cli("--json", "image", "add", "oci-dir:" + layout, "--name", "localbuild/cli:1.0",
                "--noautosubscribe");

        assertThat(added.exitCode()).as(added.err()).isZero();
        String digest = Api.JSON.readTree(added.out()).get(0).get("imageDigest").asString();
        assertThat(temporary).as("the packed layout is deleted after the upload").isEmptyDirectory();
        CliRun waited = cli("image", "wait", "localbuild/cli:1.0", "--interval", "1", "--timeout", "180");
        assertThat(waited.exitCode()).as(waited.err()).isZero();
        assertThat(waited.out()).contains(digest).containsPattern("Analysis Status: +analyzed");
        assertThat(cli("image", "content", digest).out().lines()).contains("os");
        Map<String, String> packages = new TreeMap<>();
        for (JsonNode row : Api.JSON.readTree(cli("--json", "image", "content", digest, "os").out()).get("content")) {
            packages.put(row.get("package").asString(), row.get("version").asString());
        }
        assertThat(packages).isEqualTo(Map.of("musl", "1.2.5-r0", "busybox", "1.36.1-r29", "apk-tools", "2.14.4-r1"));
        assertThat(cli("image", "content", digest, "os").out()).containsPattern("(?m)^musl +1\\.2\\.5-r0 ");
        List<String> components = new ArrayList<>();
        Api.JSON.readTree(cli("image", "sbom", digest).out()).get("components")
                .forEach(c -> components.add(c.get("name").asString()));
        assertThat(components).as("CycloneDX: the distribution and every package")
                .containsExactlyInAnyOrder("alpine", "musl", "busybox", "apk-tools");
        Path nativeSbom = work.resolve("cli-native.json.gzip");
        assertThat(cli("image", "sbom", digest, "--format", "native", "--output", nativeSbom.toString()).exitCode())
                .isZero();
        try (InputStream gzip = new GZIPInputStream(Files.newInputStream(nativeSbom))) {
            assertThat(Api.JSON.readTree(gzip).get("packages").size()).isEqualTo(3);
        }
        assertThat(cli("image", "metadata", digest, "manifest").out()).contains("\"layers\"");
        CliRun reanalyze = cli("system", "reanalyze");
        assertThat(reanalyze.exitCode()).as(reanalyze.err()).isZero();
        assertThat(reanalyze.out()).as("every image here was analysed by the current analyzer")
                .contains("0 images queued for re-analysis by " + AnalyzerVersion.CURRENT);

        CliRun pass = cli("evaluate", "check", digest, "--tag", "localbuild/cli:1.0");
        CliRun fail = cli("evaluate", "check", registry.hostPort() + "/e2e/debian:bookworm", "--detail");

        assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
        assertThat(pass.out()).containsPattern("Status: +pass");
        assertThat(fail.exitCode()).as(fail.out() + fail.err()).isEqualTo(1);
        assertThat(fail.out()).containsPattern("Status: +fail").containsPattern("Final Action: +stop")
                .contains("exposed_ports");

        String tag = registry.hostPort() + "/e2e/cli:1.0";
        CliRun fromRegistry = cli("image", "add", tag, "--noautosubscribe");
        assertThat(fromRegistry.exitCode()).as(fromRegistry.err()).isZero();
        assertThat(fromRegistry.out()).contains(tag);
        assertThat(cli("image", "wait", tag, "--interval", "1", "--timeout", "180").exitCode()).isZero();
        assertThat(cli("image", "list").out()).contains(tag, "localbuild/cli:1.0");
        CliRun deleted = cli("image", "del", "localbuild/cli:1.0");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains(digest + ": deleting");

        CliRun unknown = cli("image", "get", "sha256:" + "0".repeat(64));
        CliRun wrongPassword = cli("image", "list", "--password", "wrong");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("(HTTP 404)");
        assertThat(wrongPassword.exitCode()).isEqualTo(2);
        assertThat(wrongPassword.err()).contains("authentication failed");

        // The packaged jar, as './drydock cli' runs it.
        ProcessBuilder packaged = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                System.getProperty("drydock.cli.jar"), "system", "status").redirectErrorStream(true);
        packaged.environment().keySet().removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
        packaged.environment().putAll(cliEnvironment());
        Process process = packaged.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("Service drydock").contains("): up");
    }

    @Test
    @Order(8)
    void theCommandLineClientManagesPoliciesRegistryCredentialsAndReadsEvents() throws Exception {
        JsonNode policies = Api.JSON.readTree(cli("--json", "policy", "list").out());
        String active = policies.valueStream().filter(p -> p.get("active").asBoolean()).findFirst().orElseThrow()
                .get("policyId").asString();
        ObjectNode bundle = (ObjectNode) Api.JSON.readTree(cli("policy", "get", active, "--detail").out());
        bundle.put("id", "cli-bundle").put("name", "added by the CLI");
        Path file = Files.writeString(work.resolve("cli-bundle.json"), Api.JSON.writeValueAsString(bundle));

        CliRun added = cli("policy", "add", file.toString());
        CliRun activated = cli("policy", "activate", "cli-bundle");
        CliRun activeDeleted = cli("policy", "del", "cli-bundle");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).containsPattern("Policy ID: +cli-bundle");
        assertThat(activated.exitCode()).as(activated.err()).isZero();
        assertThat(cli("policy", "list").out()).containsPattern("(?m)^cli-bundle +added by the CLI +true ");
        assertThat(activeDeleted.exitCode()).as("the active bundle cannot be deleted").isEqualTo(2);
        assertThat(activeDeleted.err()).contains("cannot delete the active policy").contains("(HTTP 409)");
        assertThat(cli("policy", "activate", active).exitCode()).isZero();
        assertThat(cli("policy", "del", "cli-bundle").exitCode()).isZero();
        assertThat(cli("policy", "list").out()).doesNotContain("cli-bundle");

        String credentials = privateRegistry.hostPort() + "/cli/*";
        CliRun stored = cliWithInput("F@oBar!x\n", "registry", "add", credentials, "ci-robot", "--password-stdin",
                "--insecure");
        CliRun refused = cliWithInput("wrong\n", "registry", "add", privateRegistry.hostPort() + "/other/*",
                "ci-robot", "--password-stdin");

        assertThat(stored.exitCode()).as(stored.err()).isZero();
        assertThat(stored.out()).contains(credentials).doesNotContain("F@oBar!x");
        assertThat(refused.exitCode()).as("validated against the registry, which refuses it").isEqualTo(2);
        assertThat(refused.err()).contains("(HTTP 406)");
        assertThat(cli("registry", "get", credentials).out()).contains(credentials).contains("ci-robot");
        assertThat(cli("registry", "del", credentials).exitCode()).isZero();
        assertThat(cli("registry", "list").out()).doesNotContain(credentials);

        CliRun events = cli("--json", "event", "list", "--all");
        assertThat(events.exitCode()).as(events.err()).isZero();
        assertThat(Api.JSON.readTree(events.out()).isArray()).isTrue();
    }

    private record CliRun(int exitCode, String out, String err) {
    }

    /** The CLI in this JVM, as a user runs it, with only the environment given here. */
    private static CliRun cli(String... args) {
        return cliWithInput("", args);
    }

    private static CliRun cliWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = DrydockCli.execute(cliEnvironment(), new java.io.ByteArrayInputStream(stdin.getBytes()),
                new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    private static Map<String, String> cliEnvironment() {
        return Map.of("DRYDOCK_URL", "http://127.0.0.1:" + port + "/v1", "DRYDOCK_USER", "admin",
                "DRYDOCK_PASSWORD", ADMIN_PASSWORD, "TMPDIR", work.resolve("cli-tmp").toString());
    }

    private static String add(Api api, String tag) {
        Api.Response response = api.post("/images?autosubscribe=False", Map.of("tag", tag));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        String digest = response.body().get(0).get("imageDigest").asString();
        added.putIfAbsent(tag, digest);
        return digest;
    }

    private static void awaitAnalyzed(Api api, String digest) {
        await("analysis of " + digest).atMost(ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode image = api.get("/images/" + digest).body().get(0);
            if ("analysis_failed".equals(image.get("analysis_status").asString())) {
                throw new IllegalStateException("analysis failed: " + image);
            }
            assertThat(image.get("analysis_status").asString()).as(image.toString()).isEqualTo("analyzed");
        });
    }

    private static JsonNode awaitCheck(Api api, String digest, String tag) {
        List<JsonNode> result = new ArrayList<>();
        await("evaluation of " + digest).atMost(ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Api.Response response = api.get("/images/" + digest + "/check?tag=" + Api.encode(tag));
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            result.add(response.body().get(0).get(digest).get(tag).get(0));
        });
        return result.getLast();
    }

    private static Map<String, String> osPackages(Api api, String digest) {
        Map<String, String> packages = new TreeMap<>();
        for (JsonNode row : api.get("/images/" + digest + "/content/os").body().get("content")) {
            packages.put(row.get("package").asString(), row.get("version").asString());
        }
        return packages;
    }

    /** What dpkg itself says is installed in the root file system: the authority the analysis must equal. */
    private static Map<String, String> dpkgQuery(Path root) throws Exception {
        Process process = new ProcessBuilder("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W",
                "-f", "${Package}\\t${Version}\\t${db:Status-Abbrev}\\n").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        Map<String, String> packages = new TreeMap<>();
        Set<String> states = new TreeSet<>();
        for (String line : output.split("\n")) {
            String[] fields = line.split("\t");
            if (fields.length == 3) {
                states.add(fields[2].trim());
                if (fields[2].startsWith("ii") || fields[2].startsWith("hi")) {
                    packages.put(fields[0], fields[1]);
                }
            }
        }
        assertThat(packages).as("dpkg states seen: %s", states).hasSizeGreaterThan(50);
        return packages;
    }
}
