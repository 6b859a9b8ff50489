package io.drydock.platform.credentials;

import io.drydock.platform.registry.ImageReference;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which stored registry record holds the credentials for an image, as Anchore decides it ({@code auth/common.py}):
 * records are tried longest first, and a record matches when it equals the registry host, equals
 * {@code registry/repository}, or ends in {@code *} and {@code registry/repository} starts with what precedes it.
 * Drydock adds host wildcards: {@code *.example.com} (optionally followed by a path or prefix as above) matches every
 * host under {@code example.com}, not {@code example.com} itself, as a TLS wildcard does.
 */
public final class RegistryMatching {

    // Docker Hub answers under several names; records are stored under the one image references use.
    private static final Set<String> DOCKER_HUB_ALIASES = Set.of("index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com");
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9.:/_*-]+");
    private static final String OFFICIAL_PREFIX = "library/";

    private RegistryMatching() {
    }

    /**
     * The record as it is stored and looked up: Docker Hub's aliases become {@code docker.io}, a trailing {@code /} is
     * dropped.
     *
     * @throws IllegalArgumentException when the record is empty or holds characters no registry name has
     */
    public static String normalise(String record) {
        String value = record == null ? "" : record.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("registry must not be empty");
        }
        if (value.contains("://")) {
            throw new IllegalArgumentException("registry '" + record + "' must be given without a scheme, e.g. "
                    + "registry.example.com:5000");
        }
        if (!VALID.matcher(value).matches() || value.contains("//")) {
            throw new IllegalArgumentException("registry '" + record + "' may hold only letters, digits and . : / _ * -");
        }
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (DOCKER_HUB_ALIASES.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            value = ImageReference.DOCKER_HUB + (slash < 0 ? "" : value.substring(slash));
        }
        return value;
    }

    /** The host part of a record (before the first {@code /}), e.g. to ping it. */
    public static String host(String record) {
        int slash = record.indexOf('/');
        return slash < 0 ? record : record.substring(0, slash);
    }

    /**
     * The best record for an image: the longest that matches.
     *
     * @param registry   as image references store it ({@code docker.io} for Docker Hub)
     * @param repository as stored (no {@code library/}); Docker Hub's official images also match records written
     *                   with {@code library/}
     */
    public static Optional<String> best(Collection<String> records, String registry, String repository) {
        return records.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .filter(record -> matches(record, registry, repository))
                .findFirst();
    }

    static boolean matches(String record, String registry, String repository) {
        List<String> repositories = ImageReference.DOCKER_HUB.equals(registry) && repository.indexOf('/') < 0
                ? List.of(repository, OFFICIAL_PREFIX + repository) : List.of(repository);
        if (record.startsWith("*.")) {
            // Try the rest of the record against the host with its leftmost labels removed, one label at a time.
            String rest = record.substring(2);
            for (int dot = registry.indexOf('.'); dot >= 0; dot = registry.indexOf('.', dot + 1)) {
                String parent = registry.substring(dot + 1);
                if (repositories.stream().anyMatch(repo -> plainMatches(rest, parent, repo))) {
                    return true;
                }
            }
            return false;
        }
        return repositories.stream().anyMatch(repo -> plainMatches(record, registry, repo));
    }

    private static boolean plainMatches(String record, String registry, String repository) {
        String full = registry + "/" + repository;
        return record.equals(registry) || record.equals(full)
                || record.endsWith("*") && full.startsWith(record.substring(0, record.length() - 1));
    }
}
