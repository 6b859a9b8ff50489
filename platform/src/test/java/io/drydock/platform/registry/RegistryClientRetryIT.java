package io.drydock.platform.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import io.drydock.testkit.image.ImageFormat;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;

/**
 * A registry (WireMock on loopback) that throttles, fails, drops connections and redirects: what is retried, how
 * long apart, when the client gives up and what it then says. Waits go to a sleeper that moves the test's clock.
 */
class RegistryClientRetryIT {

    private static final TestImage IMAGE = TestImage.builder().format(ImageFormat.OCI)
            .layer(TestLayer.builder().file("etc/issue", "Debian GNU/Linux 12\n").build())
            .build();
    private static final String MANIFEST = "/v2/app/manifests/v1";

    private final MutableClock clock = new MutableClock();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private WireMockServer registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        client = client(RetryPolicy.DEFAULTS);
    }

    @AfterEach
    void stop() {
        client.close();
        registry.stop();
    }

    @Test
    void waitsAsLongAsA429AsksThenSucceeds() {
        registry.stubFor(get(MANIFEST).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
                .willSetStateTo("open"));
        registry.stubFor(get(MANIFEST).inScenario("throttled").whenScenarioStateIs("open").willReturn(manifest()));

        ResolvedImage resolved = client.resolve(ref("app:v1"), null, null);

        assertThat(resolved.digest()).isEqualTo(IMAGE.manifestDigest());
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        registry.verify(2, getRequestedFor(urlPathEqualTo(MANIFEST)));
    }

    @Test
    void honoursARetryAfterGivenAsAnHttpDate() {
        String inTwelveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().plusSeconds(12).atZone(ZoneOffset.UTC));
        registry.stubFor(get(MANIFEST).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", inTwelveSeconds))
                .willSetStateTo("open"));
        registry.stubFor(get(MANIFEST).inScenario("throttled").whenScenarioStateIs("open").willReturn(manifest()));

        client.resolve(ref("app:v1"), null, null);

        assertThat(waits).containsExactly(Duration.ofSeconds(12));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 500, 502, 503, 504})
    void retriesTimeoutsAndServerErrorsWithGrowingJitteredWaits(int status) {
        registry.stubFor(get(MANIFEST).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(status)).willSetStateTo("still"));
        registry.stubFor(get(MANIFEST).inScenario("flaky").whenScenarioStateIs("still")
                .willReturn(aResponse().withStatus(status)).willSetStateTo("well"));
        registry.stubFor(get(MANIFEST).inScenario("flaky").whenScenarioStateIs("well").willReturn(manifest()));

        assertThat(client.resolve(ref("app:v1"), null, null).digest()).isEqualTo(IMAGE.manifestDigest());

        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void givesUpOnARegistryThatKeepsFailingAfterTheBoundedAttempts() {
        registry.stubFor(get(MANIFEST).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"maintenance\"}]}")));

        assertThatThrownBy(() -> client.resolve(ref("app:v1"), null, null))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE);
                    assertThat(e.isTransient()).isTrue();
                })
                .hasMessageStartingWith("registry " + hostPort() + " answered HTTP 503 for manifest v1 of "
                        + hostPort() + "/app: UNAVAILABLE maintenance; gave up after 5 attempts over ")
                .hasMessageMatching(".* over \\d+ s");
        registry.verify(5, getRequestedFor(urlPathEqualTo(MANIFEST)));
        assertThat(waits).hasSize(4);
    }

    @Test
    void saysHowLongItWasThrottledWhenItGivesUp() {
        registry.stubFor(get(MANIFEST).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "10")));

        assertThatThrownBy(() -> client.resolve(ref("app:v1"), null, null))
                .isInstanceOf(RegistryException.class)
                .hasMessage("registry " + hostPort() + " is throttling requests (HTTP 429) for manifest v1 of " + hostPort()
                        + "/app; gave up after 5 attempts over 40 s");
    }

    @Test
    void capsTheWaitARegistryAsksForAndBoundsTheTotal() {
        registry.stubFor(get(MANIFEST).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        assertThatThrownBy(() -> client.resolve(ref("app:v1"), null, null))
                .isInstanceOf(RegistryException.class)
                .hasMessageEndingWith("; gave up after 3 attempts over 60 s (it asked to wait 3600 s, more than the 30 s allowed)");
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 405, 416})
    void neverRetriesOtherClientErrors(int status) {
        registry.stubFor(get(MANIFEST).willReturn(aResponse().withStatus(status)));

        assertThatThrownBy(() -> client.resolve(ref("app:v1"), null, null)).isInstanceOf(RegistryException.class)
                .hasMessageNotContaining("gave up");
        registry.verify(1, getRequestedFor(urlPathEqualTo(MANIFEST)));
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesADroppedConnection() {
        registry.stubFor(get(MANIFEST).inScenario("dropping").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("again"));
        registry.stubFor(get(MANIFEST).inScenario("dropping").whenScenarioStateIs("again")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("fine"));
        registry.stubFor(get(MANIFEST).inScenario("dropping").whenScenarioStateIs("fine").willReturn(manifest()));

        assertThat(client.resolve(ref("app:v1"), null, null).digest()).isEqualTo(IMAGE.manifestDigest());
        assertThat(waits).hasSize(2);
    }

    @Test
    void reportsEveryFailureAtOnceWhenRetryingIsOff() {
        try (RegistryClient once = client(RetryPolicy.none())) {
            registry.stubFor(get(MANIFEST).willReturn(aResponse().withStatus(503)));

            assertThatThrownBy(() -> once.resolve(ref("app:v1"), null, null))
                    .hasMessage("registry " + hostPort() + " answered HTTP 503 for manifest v1 of " + hostPort() + "/app");
            registry.verify(1, getRequestedFor(urlPathEqualTo(MANIFEST)));
        }
    }

    @Test
    void retriesTokenRequestsToo() {
        String challenge = "Bearer realm=\"" + registry.baseUrl() + "/token\",service=\"wiremock\"";
        registry.stubFor(get(MANIFEST).withHeader("Authorization", equalTo("Bearer t1")).willReturn(manifest()));
        registry.stubFor(get(MANIFEST).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
        registry.stubFor(get(urlPathEqualTo("/token")).inScenario("token").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")).willSetStateTo("issuing"));
        registry.stubFor(get(urlPathEqualTo("/token")).inScenario("token").whenScenarioStateIs("issuing")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"token\":\"t1\"}")));

        assertThat(client.resolve(ref("app:v1"), null, null).digest()).isEqualTo(IMAGE.manifestDigest());

        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        registry.verify(2, getRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void sendsNoRegistryAuthorizationToTheOriginABlobIsRedirectedTo() throws IOException {
        byte[] layer = IMAGE.layers().getFirst().blobBytes();
        String digest = IMAGE.layers().getFirst().digest();
        String basic = "Basic " + Base64.getEncoder().encodeToString("robot:pw".getBytes(StandardCharsets.UTF_8));
        WireMockServer blobStore = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        blobStore.start();
        try {
            blobStore.stubFor(get(urlPathEqualTo("/bucket/layer")).willReturn(aResponse().withBody(layer)));
            registry.stubFor(get("/v2/app/blobs/" + digest).withHeader("Authorization", equalTo(basic))
                    .willReturn(aResponse().withStatus(307)
                            .withHeader("Location", blobStore.baseUrl() + "/bucket/layer?X-Amz-Signature=abc")));
            registry.stubFor(get("/v2/app/blobs/" + digest).withHeader("Authorization",
                            absent())
                    .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"registry\"")));

            try (InputStream blob = client.openBlob(ref("app"), digest, layer.length, new RegistryCredentials("robot", "pw"))) {
                assertThat(blob.readAllBytes()).isEqualTo(layer);
            }

            blobStore.verify(1, getRequestedFor(urlPathEqualTo("/bucket/layer"))
                    .withQueryParam("X-Amz-Signature", equalTo("abc"))
                    .withoutHeader("Authorization"));
        } finally {
            blobStore.stop();
        }
    }

    @Test
    void refusesToFollowARedirectToTheMetadataService() {
        String digest = IMAGE.layers().getFirst().digest();
        registry.stubFor(get("/v2/app/blobs/" + digest).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")));

        assertThatThrownBy(() -> client.openBlob(ref("app"), digest, 10, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ADDRESS_REFUSED))
                .hasMessageContaining("refused to connect to 169.254.169.254 for blob " + digest)
                .hasMessageContaining("a cloud instance metadata address");
    }

    @Test
    void refusesATokenRealmOnAPrivateNetwork() {
        registry.stubFor(get(MANIFEST).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"http://10.0.0.1/token\",service=\"internal\"")));

        assertThatThrownBy(() -> client.resolve(ref("app:v1"), null, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ADDRESS_REFUSED))
                .hasMessageContaining("refused to connect to 10.0.0.1 for a token for manifest v1")
                .hasMessageContaining("a private network address");
    }

    private RegistryClient client(RetryPolicy retry) {
        return new RegistryClient(LoopbackSettings.plainHttp(hostPort()).withRetry(retry).withSleeper(wait -> {
            waits.add(wait);
            clock.advance(wait);
        }), HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY), clock);
    }

    private static ResponseDefinitionBuilder manifest() {
        return aResponse().withHeader("Content-Type", IMAGE.manifestMediaType()).withBody(IMAGE.manifestBytes());
    }

    private String hostPort() {
        return "127.0.0.1:" + registry.port();
    }

    private ImageReference ref(String repositoryAndTag) {
        return ImageReference.parse(hostPort() + "/" + repositoryAndTag);
    }
}
