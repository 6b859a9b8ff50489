package io.drydock.platform.net;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.drydock.platform.config.RegistryConfig;
import io.drydock.platform.registry.ImageReference;
import io.drydock.platform.registry.RegistryClient;
import io.drydock.platform.registry.RegistryClientSettings;
import io.drydock.platform.registry.RegistryCredentials;
import io.drydock.platform.registry.RegistryErrorCode;
import io.drydock.platform.registry.RegistryException;
import io.drydock.platform.registry.ResolvedImage;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.proxy.TestProxy;
import io.drydock.testkit.proxy.TestProxy.AccessLogEntry;
import io.drydock.testkit.registry.TestRegistry;

/**
 * {@link RegistryClient} through a real authenticating proxy (squid, user {@code drydock}, password {@code F@oBar!}
 * given URL-encoded) to real registries on loopback, one plain and one with a self-signed certificate.
 *
 * <p>Runs in a JVM of its own (see the failsafe executions of this module): the JDK decides whether Basic credentials
 * may go on a CONNECT when the JVM's first HTTP client is built, so the proxy settings are made before anything else
 * here builds one, as a service's start does.
 */
class ProxiedRegistryIT {

    /** The test registries are on loopback, which registry clients refuse unless allowed. */
    private static final RegistryClientSettings LOOPBACK_SETTINGS = RegistryClientSettings.DEFAULTS
            .withAddresses(io.drydock.platform.registry.AddressPolicy.allowing("127.0.0.0/8", "::1/128"));

    private static TestProxy proxy;
    private static TestRegistry registry;
    private static TestRegistry tlsRegistry;
    private static TestImage image;

    @BeforeAll
    static void start() {
        proxy = TestProxy.shared();
        // Before any HttpClient exists in this JVM: this enables Basic proxy credentials for tunnels.
        assertThat(TunnelAuthentication.enableFor(settings(proxy.url(), proxy.url(), null))).isTrue();
        registry = TestRegistry.shared();
        tlsRegistry = TestRegistry.startWithTls();
        image = TestImage.builder().layer(TestLayer.builder().file("etc/hostname", "proxied\n").build()).build();
    }

    @AfterAll
    static void stop() {
        tlsRegistry.stop();
    }

    @Test
    void pullsThroughTheProxyWithUrlEncodedCredentials() throws IOException {
        String repository = repository("through-proxy");
        String digest = image.push(registry, repository, "v1");

        try (RegistryClient client = plainClient(settings(null, proxy.url(), null))) {
            pull(client, ref(registry, repository), null, digest);
        }

        String base = "http://" + registry.hostPort() + "/v2/" + repository;
        await("squid logged the manifest and blob requests").atMost(ofSeconds(10)).untilAsserted(() ->
                assertThat(entriesFor(repository)).extracting(AccessLogEntry::url).contains(base + "/manifests/v1",
                        base + "/blobs/" + image.configDigest(), base + "/blobs/" + image.layers().getFirst().digest()));
        assertThat(entriesFor(repository)).allSatisfy(entry -> {
            assertThat(entry.url()).startsWith("http://" + registry.hostPort() + "/");
            assertThat(entry.user()).isEqualTo(TestProxy.USERNAME);
            assertThat(entry.status()).isEqualTo(200);
        });
    }

    @Test
    void reachesARegistryListedInNoProxyDirectly() throws IOException {
        String repository = repository("direct");
        String digest = image.push(registry, repository, "v1");

        try (RegistryClient client = plainClient(settings(null, proxy.url(), "localhost," + registry.hostPort()))) {
            pull(client, ref(registry, repository), null, digest);
        }
        // squid logs in the order requests finish: once a later proxied request is in the log, so would these be.
        String marker = repository("marker");
        image.push(registry, marker, "v1");
        try (RegistryClient client = plainClient(settings(null, proxy.url(), null))) {
            client.resolve(ref(registry, marker), null, null);
        }
        await("squid logged the later proxied request").atMost(ofSeconds(10))
                .until(() -> !entriesFor(marker).isEmpty());

        assertThat(entriesFor(repository)).as("nothing of the no_proxy registry went through squid").isEmpty();
    }

    @Test
    void wrongProxyCredentialsGiveAClearErrorNamingTheProxy() {
        String repository = repository("wrong-credentials");
        image.push(registry, repository, "v1");

        try (RegistryClient client = plainClient(settings(null, proxy.urlWith(TestProxy.USERNAME, "not-the-password"), null))) {
            assertThatThrownBy(() -> client.resolve(ref(registry, repository), null, null))
                    .isInstanceOfSatisfying(RegistryException.class, e ->
                            assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                    .hasMessageContaining("proxy http://drydock:***@" + proxy.hostPort()
                            + " rejected the credentials of user drydock")
                    .hasMessageContaining("HTTP 407")
                    .hasMessageNotContaining("not-the-password");
        }
        try (RegistryClient client = plainClient(settings(null, proxy.urlWithoutCredentials(), null))) {
            assertThatThrownBy(() -> client.resolve(ref(registry, repository), null, null))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("proxy http://" + proxy.hostPort() + " requires authentication")
                    .hasMessageContaining("HTTP 407");
        }
    }

    @Test
    void answersTheRegistrysOwnBasicChallengeBehindTheProxy() throws IOException {
        String repository = repository("registry-auth");
        try (TestRegistry authenticating = TestRegistry.startWithBasicAuth("puller", "registry-secret")) {
            String digest = image.push(authenticating, repository, "v1");
            try (RegistryClient client = new RegistryClient(
                    LOOPBACK_SETTINGS.withInsecureRegistries(Set.of(authenticating.hostPort())),
                    new OutboundHttp(settings(null, proxy.url(), null)).registry())) {
                pull(client, ref(authenticating, repository), new RegistryCredentials("puller", "registry-secret"), digest);
            }
        }

        await("squid logged the challenged and the authorized manifest request").atMost(ofSeconds(10)).untilAsserted(() ->
                assertThat(entriesFor(repository)).filteredOn(entry -> entry.url().endsWith("/manifests/v1"))
                        .extracting(AccessLogEntry::status).contains(401, 200));
    }

    @Test
    void pullsFromATlsRegistryThroughTheConnectTunnelWithProxyCredentials() throws IOException {
        String repository = repository("tunnel");
        String digest = image.push(tlsRegistry, repository, "v1");
        OutboundHttp outbound = new OutboundHttp(settings(proxy.url(), null, null));

        // The registry's own certificate as the extra CA bundle (drydock.registry.ca-file).
        try (RegistryClient client = new RegistryClient(LOOPBACK_SETTINGS,
                outbound.registry().sslContext(TlsContexts.trusting(tlsRegistry.certificate().orElseThrow())))) {
            pull(client, ref(tlsRegistry, repository), null, digest);
        }

        // A tunnel is logged when it closes; closing the client closed it.
        await("squid logged the CONNECT").atMost(ofSeconds(20)).untilAsserted(() ->
                assertThat(proxy.accessLog()).anySatisfy(entry -> {
                    assertThat(entry.method()).isEqualTo("CONNECT");
                    assertThat(entry.url()).isEqualTo(tlsRegistry.hostPort());
                    assertThat(entry.user()).isEqualTo(TestProxy.USERNAME);
                    assertThat(entry.status()).isEqualTo(200);
                }));
    }

    @Test
    void verifiesRegistryCertificatesUnlessTheCredentialsSayNot() throws IOException {
        String repository = repository("self-signed");
        String digest = image.push(tlsRegistry, repository, "v1");

        try (RegistryClient client = new RegistryClient(LOOPBACK_SETTINGS, OutboundHttp.direct().registry())) {
            assertThatThrownBy(() -> client.resolve(ref(tlsRegistry, repository), null, null))
                    .isInstanceOfSatisfying(RegistryException.class, e ->
                            assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                    .hasMessageContaining("registry " + tlsRegistry.hostPort())
                    .hasMessageContaining("TLS certificate verification failed")
                    .hasMessageContaining("registry_verify: false");

            pull(client, ref(tlsRegistry, repository), new RegistryCredentials("anyone", "unused", false), digest);

            assertThatThrownBy(() -> client.resolve(ref(tlsRegistry, repository), null,
                    new RegistryCredentials("anyone", "unused", true)))
                    .as("other credentials of the same registry still verify")
                    .hasMessageContaining("TLS certificate verification failed");
        }
    }

    @Test
    void theSpringWiringTakesTheProxyAndCaBundleFromDrydockProperties() {
        String plain = repository("wired");
        String plainDigest = image.push(registry, plain, "v1");
        String secure = repository("wired-tls");
        String secureDigest = image.push(tlsRegistry, secure, "v1");

        new ApplicationContextRunner()
                .withUserConfiguration(NetConfig.class, RegistryConfig.class)
                .withPropertyValues(
                        "drydock.proxy.http=" + proxy.url(),
                        "drydock.proxy.https=" + proxy.url(),
                        "drydock.proxy.no-proxy=",
                        "drydock.registry.insecure-registries=" + registry.hostPort(),
                        "drydock.registry.allowed-networks=127.0.0.0/8,::1/128",
                        "drydock.registry.ca-file=" + tlsRegistry.certificate().orElseThrow())
                .run(context -> {
                    RegistryClient client = context.getBean(RegistryClient.class);
                    pull(client, ref(registry, plain), null, plainDigest);
                    pull(client, ref(tlsRegistry, secure), null, secureDigest);
                });

        await("squid logged the plain registry's requests").atMost(ofSeconds(10))
                .until(() -> !entriesFor(plain).isEmpty());
    }

    private static void pull(RegistryClient client, ImageReference ref, RegistryCredentials credentials, String digest)
            throws IOException {
        ResolvedImage resolved = client.resolve(ref, null, credentials);
        assertThat(resolved.digest()).isEqualTo(digest);
        assertThat(client.fetchBlob(ref, resolved.configDigest(), credentials, 1 << 20)).isEqualTo(image.configBytes());
        try (InputStream layer = client.openBlob(ref, resolved.layers().getFirst().digest(),
                resolved.layers().getFirst().size(), credentials)) {
            assertThat(layer.readAllBytes()).isEqualTo(image.layers().getFirst().blobBytes());
        }
    }

    private static RegistryClient plainClient(ProxySettings settings) {
        return new RegistryClient(LOOPBACK_SETTINGS.withInsecureRegistries(Set.of(registry.hostPort())),
                new OutboundHttp(settings).registry());
    }

    private static ProxySettings settings(String https, String http, String noProxy) {
        return ProxySettings.resolve(Map.of(), new ProxyProperties(https == null ? "" : https,
                http == null ? "" : http, noProxy == null ? "" : noProxy));
    }

    private static List<AccessLogEntry> entriesFor(String repository) {
        return proxy.accessLog().stream().filter(entry -> entry.url().contains("/v2/" + repository + "/")).toList();
    }

    private static ImageReference ref(TestRegistry target, String repository) {
        return ImageReference.parse(target.hostPort() + "/" + repository + ":v1");
    }

    private static String repository(String name) {
        return "proxied/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
