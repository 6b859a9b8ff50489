package io.drydock.testkit.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The token service of a {@link TestRegistry} in token-auth mode, on {@code 127.0.0.1}: checks one user's basic
 * credentials and issues RS256 JWTs that distribution accepts (the signing certificate travels in {@code x5c} and is
 * the registry's {@code rootcertbundle}), granting every action asked for. Anonymous and wrong credentials get 401.
 */
final class TokenServer implements AutoCloseable {

    static final String ISSUER = "drydock-test-token-issuer";
    static final String SERVICE = "drydock-test-registry";
    private static final long LIFETIME_SECONDS = 300;
    private static final String STORE_PASSWORD = "drydock-test";

    private final HttpServer server;
    private final String username;
    private final String password;
    private final PrivateKey signingKey;
    private final String certificateDer;

    private TokenServer(HttpServer server, String username, String password, PrivateKey signingKey, String certificateDer) {
        this.server = server;
        this.username = username;
        this.password = password;
        this.signingKey = signingKey;
        this.certificateDer = certificateDer;
    }

    /** Generates a signing key and certificate under {@code directory} and starts serving {@code /token}. */
    static TokenServer start(Path directory, String username, String password) {
        try {
            Path keystore = directory.resolve("token-signing.p12");
            keytool("-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                    "-dname", "CN=drydock-test-token", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, STORE_PASSWORD.toCharArray());
            }
            PrivateKey key = (PrivateKey) store.getKey("token", STORE_PASSWORD.toCharArray());
            X509Certificate certificate = (X509Certificate) store.getCertificate("token");
            String der = Base64.getEncoder().encodeToString(certificate.getEncoded());
            Files.writeString(directory.resolve("token-signing.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            TokenServer tokens = new TokenServer(server, username, password, key, der);
            server.createContext("/token", tokens::handle);
            server.start();
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test token server", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not load the test token signing key", e);
        }
    }

    /** The registry's {@code rootcertbundle}: the certificate whose key signs the tokens. */
    static Path certificateBundle(Path directory) {
        return directory.resolve("token-signing.pem");
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** A token for the configured user with pull and push on {@code repository}, as a client would obtain it. */
    String issue(String repository) {
        return sign(username, List.of("repository:" + repository + ":pull,push"));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] body = "{\"details\":\"incorrect username or password\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            List<String> scopes = new ArrayList<>();
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String parameter : query.split("&")) {
                    if (parameter.startsWith("scope=")) {
                        String value = URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8);
                        scopes.addAll(List.of(value.split(" ")));
                    }
                }
            }
            String token = sign(username, scopes);
            byte[] body = ("{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":"
                    + LIFETIME_SECONDS + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** A JWT as distribution's token auth verifies it: issuer, audience, times, and an {@code access} list. */
    private String sign(String subject, List<String> scopes) {
        List<String> access = new ArrayList<>();
        for (String scope : scopes) {
            String[] parts = scope.split(":");
            if (parts.length < 3) {
                continue;
            }
            // A repository name may hold ':' (host:port is never part of it, but keep the last part as the actions).
            String name = String.join(":", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
            List<String> actions = new ArrayList<>();
            for (String action : parts[parts.length - 1].split(",")) {
                actions.add("\"" + action + "\"");
            }
            access.add("{\"type\":\"" + parts[0] + "\",\"name\":\"" + name + "\",\"actions\":["
                    + String.join(",", actions) + "]}");
        }
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"" + certificateDer + "\"]}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + SERVICE + "\",\"exp\":"
                + (now + LIFETIME_SECONDS) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\""
                + UUID.randomUUID() + "\",\"access\":[" + String.join(",", access) + "]}";
        String signingInput = base64Url(header) + "." + base64Url(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
