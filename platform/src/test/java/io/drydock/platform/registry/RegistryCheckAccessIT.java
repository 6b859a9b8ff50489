package io.drydock.platform.registry;

import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validating registry credentials against real registries: basic auth, token auth (a token service on loopback). */
class RegistryCheckAccessIT {

    private static final String USER = "robot";
    private static final String PASSWORD = "pa:ss@word";

    private static TestRegistry basic;
    private static TestRegistry token;
    private static String deadRegistry;
    private static RegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        basic = TestRegistry.startWithBasicAuth(USER, PASSWORD);
        token = TestRegistry.startWithTokenAuth(USER, PASSWORD);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadRegistry = "127.0.0.1:" + socket.getLocalPort();
        }
        client = new RegistryClient(RegistryClientSettings.DEFAULTS.withInsecureRegistries(
                Set.of(basic.hostPort(), token.hostPort(), deadRegistry, TestRegistry.shared().hostPort()))
                        .withAddresses(LoopbackSettings.LOOPBACK),
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY));
    }

    @AfterAll
    static void stop() {
        client.close();
        basic.stop();
        token.stop();
    }

    @Test
    void acceptsTheRightCredentialsOfABasicAuthRegistryAndRefusesWrongOrNone() {
        assertThatCode(() -> client.checkAccess(basic.hostPort(), new RegistryCredentials(USER, PASSWORD))).doesNotThrowAnyException();

        assertThatThrownBy(() -> client.checkAccess(basic.hostPort(), new RegistryCredentials(USER, "wrong")))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_PERMISSION_DENIED))
                .hasMessageContaining("rejected the credentials of user robot");
        assertThatThrownBy(() -> client.checkAccess(basic.hostPort(), null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_PERMISSION_DENIED));
    }

    @Test
    void obtainsATokenWithTheRightCredentialsOfATokenAuthRegistryAndRefusesWrongOnes() {
        assertThatCode(() -> client.checkAccess(token.hostPort(), new RegistryCredentials(USER, PASSWORD))).doesNotThrowAnyException();

        assertThatThrownBy(() -> client.checkAccess(token.hostPort(), new RegistryCredentials(USER, "wrong")))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_PERMISSION_DENIED))
                .hasMessageContaining("token service of " + token.hostPort() + " rejected the credentials of user robot");
    }

    @Test
    void pullsFromATokenAuthRegistryWithATokenScopedToTheRepository() {
        TestImage image = TestImage.builder().layer(TestLayer.builder().file("etc/motd", "token\n").build()).build();
        String digest = image.push(token, "private/app", "v1");
        ImageReference ref = ImageReference.parse(token.hostPort() + "/private/app:v1");

        assertThat(client.resolve(ref, null, new RegistryCredentials(USER, PASSWORD)).digest()).isEqualTo(digest);
        assertThatThrownBy(() -> client.resolve(ref, null, null)).isInstanceOf(RegistryException.class);
    }

    @Test
    void anAnonymousRegistryNeedsNoCredentialsAndAnUnreachableOneIsNotAccessible() {
        assertThatCode(() -> client.checkAccess(TestRegistry.shared().hostPort(), null)).doesNotThrowAnyException();

        assertThatThrownBy(() -> client.checkAccess(deadRegistry, new RegistryCredentials(USER, PASSWORD)))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE));
    }
}
