package io.drydock.platform.registry;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials from a Docker {@code config.json} ({@code auths}: registry → {@code auth} = base64 of
 * {@code user:password}, or {@code username}/{@code password}), as {@code docker login} writes it. Keys may be plain
 * hosts or URLs; Docker Hub's {@code https://index.docker.io/v1/} stands for {@code docker.io}. Credential helpers
 * ({@code credsStore}, {@code credHelpers}) are programs on the host and are not run.
 */
public final class DockerConfigCredentials {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, RegistryCredentials> byRegistry;

    private DockerConfigCredentials(Map<String, RegistryCredentials> byRegistry) {
        this.byRegistry = Map.copyOf(byRegistry);
    }

    public static DockerConfigCredentials none() {
        return new DockerConfigCredentials(Map.of());
    }

    /** Reads the file; a file that is missing, unreadable or malformed is an error with the reason (never ignored). */
    public static DockerConfigCredentials load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Docker config " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid Docker config " + file + ": " + e.getMessage(), e);
        }
    }

    static DockerConfigCredentials parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        Map<String, RegistryCredentials> credentials = new LinkedHashMap<>();
        for (var entry : root.path("auths").properties()) {
            JsonNode auth = entry.getValue();
            String user = auth.path("username").asString(null);
            String password = auth.path("password").asString(null);
            String encoded = auth.path("auth").asString("");
            if (!encoded.isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the auth of " + entry.getKey() + " is not base64");
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("the auth of " + entry.getKey() + " is not user:password");
                }
                user = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
            if (user != null && password != null) {
                credentials.put(registryOf(entry.getKey()), new RegistryCredentials(user, password));
            }
        }
        return new DockerConfigCredentials(credentials);
    }

    /** The credentials for a registry as Drydock names it ({@code host[:port]}, {@code docker.io}). */
    public Optional<RegistryCredentials> forRegistry(String registry) {
        return Optional.ofNullable(byRegistry.get(registry));
    }

    public int size() {
        return byRegistry.size();
    }

    private static String registryOf(String key) {
        String host = key.replaceFirst("^https?://", "");
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> ImageReference.DOCKER_HUB;
            default -> host;
        };
    }
}
