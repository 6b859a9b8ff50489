package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.drydock.testkit.image.ImageFormat;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;

/**
 * Authentication: HTTP basic against a real registry with htpasswd auth; the bearer token flow against a fake
 * registry and token service, since the Debian registry needs an external token server for it.
 */
class RegistryClientAuthIT {

    private static final String USER = "drydock";
    private static final String PASSWORD = "s3cret:with@symbols";

    private static TestRegistry basicAuthRegistry;
    private static TestImage image;

    private final MutableClock clock = new MutableClock();
    private FakeRegistry fake;
    private RegistryClient client;

    @BeforeAll
    static void startBasicAuthRegistry() {
        basicAuthRegistry = TestRegistry.startWithBasicAuth(USER, PASSWORD);
        image = TestImage.builder().format(ImageFormat.OCI)
                .layer(TestLayer.builder().file("etc/motd", "private\n").build())
                .build();
        image.push(basicAuthRegistry, "private/app", "v1");
    }

    @AfterAll
    static void stopBasicAuthRegistry() {
        basicAuthRegistry.stop();
    }

    @BeforeEach
    void startFake() {
        fake = FakeRegistry.start();
        client = new RegistryClient(
                LoopbackSettings.plainHttp(basicAuthRegistry.hostPort(), fake.hostPort()),
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY), clock);
    }

    @AfterEach
    void stopFake() {
        client.close();
        fake.close();
    }

    @Test
    void pullsWithTheRightBasicCredentials() throws IOException {
        ImageReference ref = ImageReference.parse(basicAuthRegistry.hostPort() + "/private/app:v1");
        RegistryCredentials credentials = new RegistryCredentials(USER, PASSWORD);

        ResolvedImage resolved = client.resolve(ref, null, credentials);

        assertThat(resolved.digest()).isEqualTo(image.manifestDigest());
        try (InputStream layer = client.openBlob(ref, resolved.layers().getFirst().digest(), resolved.layers().getFirst().size(), credentials)) {
            assertThat(layer.readAllBytes()).isEqualTo(image.layers().getFirst().blobBytes());
        }
        assertThat(client.listTags(ref, credentials)).containsExactly("v1");
    }

    @Test
    void reportsWrongOrMissingBasicCredentialsAsPermissionDenied() {
        ImageReference ref = ImageReference.parse(basicAuthRegistry.hostPort() + "/private/app:v1");

        assertThatThrownBy(() -> client.resolve(ref, null, new RegistryCredentials(USER, "wrong")))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_PERMISSION_DENIED))
                .hasMessageContaining("rejected the credentials of user drydock")
                .hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> client.resolve(ref, null, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_PERMISSION_DENIED))
                .hasMessageContaining("requires credentials");
    }

    @Test
    void answersTheBearerChallengeAndReusesTheTokenUntilItExpires() throws IOException {
        AtomicInteger issued = new AtomicInteger();
        serveTokens(issued, 300);
        serveImageRequiringBearer(issued);
        ImageReference ref = ImageReference.parse(fake.hostPort() + "/team/app:v1");
        RegistryCredentials credentials = new RegistryCredentials(USER, PASSWORD);

        ResolvedImage resolved = client.resolve(ref, null, credentials);
        try (InputStream layer = client.openBlob(ref, resolved.layers().getFirst().digest(), resolved.layers().getFirst().size(), credentials)) {
            assertThat(layer.readAllBytes()).isEqualTo(image.layers().getFirst().blobBytes());
        }

        assertThat(resolved.digest()).isEqualTo(image.manifestDigest());
        assertThat(fake.requestsTo("/token")).isEqualTo(1);
        assertThat(fake.requests()).filteredOn(r -> r.path().startsWith("/v2/"))
                .extracting(FakeRegistry.Request::authorization)
                .containsExactly(null, "Bearer token-1", "Bearer token-1");
        assertThat(fake.requests()).filteredOn(r -> r.path().equals("/token")).singleElement()
                .satisfies(r -> assertThat(r.query()).isEqualTo("service=fake-registry&scope=repository%3Ateam%2Fapp%3Apull"));

        clock.advance(Duration.ofSeconds(300));
        client.resolve(ref, null, credentials);

        assertThat(fake.requestsTo("/token")).isEqualTo(2);
    }

    @Test
    void acceptsAnAccessTokenWithoutExpiryAsValidForSixtySeconds() {
        AtomicInteger issued = new AtomicInteger();
        fake.handle("/token", exchange -> {
            String body = "{\"access_token\":\"token-" + issued.incrementAndGet() + "\"}";
            FakeRegistry.send(exchange, 200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        });
        serveImageRequiringBearer(issued);
        ImageReference ref = ImageReference.parse(fake.hostPort() + "/team/app:v1");

        client.resolve(ref, null, null);
        clock.advance(Duration.ofSeconds(45));
        client.resolve(ref, null, null);
        assertThat(fake.requestsTo("/token")).isEqualTo(1);
        assertThat(fake.requests()).filteredOn(r -> r.path().equals("/token")).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isNull());

        clock.advance(Duration.ofSeconds(15));
        client.resolve(ref, null, null);
        assertThat(fake.requestsTo("/token")).isEqualTo(2);
    }

    @Test
    void keepsTokensOfDifferentCredentialsApart() {
        AtomicInteger issued = new AtomicInteger();
        serveTokens(issued, 300);
        serveImageRequiringBearer(issued);
        ImageReference ref = ImageReference.parse(fake.hostPort() + "/team/app:v1");

        client.resolve(ref, null, new RegistryCredentials(USER, PASSWORD));
        client.resolve(ref, null, new RegistryCredentials("other", PASSWORD));

        assertThat(fake.requestsTo("/token")).isEqualTo(2);
    }

    @Test
    void reportsCredentialsTheTokenServiceRejectsAsPermissionDenied() {
        serveTokens(new AtomicInteger(), 300);
        serveImageRequiringBearer(new AtomicInteger());
        ImageReference ref = ImageReference.parse(fake.hostPort() + "/team/app:v1");

        assertThatThrownBy(() -> client.resolve(ref, null, new RegistryCredentials(USER, "wrong")))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_PERMISSION_DENIED))
                .hasMessageContaining("token service of " + fake.hostPort() + " rejected the credentials of user drydock");
    }

    @Test
    void doesNotSendRegistryAuthorizationToTheBlobStoreItRedirectsTo() throws IOException {
        byte[] layer = image.layers().getFirst().blobBytes();
        String digest = image.layers().getFirst().digest();
        try (FakeRegistry blobStore = FakeRegistry.start()) {
            blobStore.respond("/blobs/layer", 200, Map.of(), layer);
            // A different port is a different origin, as a cloud blob store would be.
            fake.handle("/v2/team/app/blobs/" + digest, exchange -> {
                if (!basic(USER, PASSWORD).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    FakeRegistry.send(exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"fake\""), new byte[0]);
                    return;
                }
                FakeRegistry.send(exchange, 307, Map.of("Location", blobStore.baseUrl() + "/blobs/layer?signature=abc"),
                        new byte[0]);
            });
            ImageReference ref = ImageReference.parse(fake.hostPort() + "/team/app");

            try (InputStream blob = client.openBlob(ref, digest, layer.length, new RegistryCredentials(USER, PASSWORD))) {
                assertThat(blob.readAllBytes()).isEqualTo(layer);
            }

            assertThat(blobStore.requests()).singleElement().satisfies(request -> {
                assertThat(request.query()).isEqualTo("signature=abc");
                assertThat(request.authorization()).isNull();
            });
        }
    }

    /** A token service that issues {@code token-<n>} to the right basic credentials for the expected scope. */
    private void serveTokens(AtomicInteger issued, int expiresIn) {
        fake.handle("/token", exchange -> {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!authorization.equals(basic(USER, PASSWORD)) && !authorization.equals(basic("other", PASSWORD))) {
                FakeRegistry.send(exchange, 401, Map.of(), "{\"details\":\"bad credentials\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String body = "{\"token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":" + expiresIn + "}";
            FakeRegistry.send(exchange, 200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The image under team/app:v1, answering 401 with a bearer challenge unless the latest token is presented. */
    private void serveImageRequiringBearer(AtomicInteger issued) {
        String challenge = "Bearer realm=\"" + fake.baseUrl() + "/token\",service=\"fake-registry\","
                + "scope=\"repository:team/app:pull\"";
        Map<String, byte[]> content = Map.of(
                "/v2/team/app/manifests/v1", image.manifestBytes(),
                "/v2/team/app/blobs/" + image.layers().getFirst().digest(), image.layers().getFirst().blobBytes(),
                "/v2/team/app/blobs/" + image.configDigest(), image.configBytes());
        content.forEach((path, body) -> fake.handle(path, exchange -> {
            if (!("Bearer token-" + issued.get()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                FakeRegistry.send(exchange, 401, Map.of("WWW-Authenticate", challenge), new byte[0]);
                return;
            }
            String type = path.contains("/manifests/") ? image.manifestMediaType() : "application/octet-stream";
            FakeRegistry.send(exchange, 200, Map.of("Content-Type", type), body);
        }));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
