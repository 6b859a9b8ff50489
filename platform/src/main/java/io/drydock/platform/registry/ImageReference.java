package io.drydock.platform.registry;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An image in a registry, parsed from a pull string the way Anchore Engine parses it
 * ({@code util/docker.py parse_dockerimage_string}): {@code [host[:port]/]repo[:tag|@digest]}.
 *
 * <p>The stored form never carries Docker Hub's {@code library/} prefix ({@code alpine} and
 * {@code docker.io/library/alpine} are both registry {@code docker.io}, repository {@code alpine}), so that keys match
 * the ones existing Anchore clients use. {@link #wireRepository()} and {@link #wireRegistryHost()} give the names to
 * use when talking to the registry.
 *
 * @param registry   host, or host:port, e.g. {@code docker.io}, {@code 127.0.0.1:5000}
 * @param repository repository path without {@code library/} for Docker Hub, e.g. {@code alpine}, {@code team/app}
 * @param tag        tag, or null when the reference is by digest only
 * @param digest     {@code algorithm:hex}, or null when the reference is by tag
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";

    private static final String DOCKER_HUB_WIRE_HOST = "registry-1.docker.io";
    private static final String DOCKER_HUB_OFFICIAL_PREFIX = "library/";
    // Anchore's own check: anything else is refused before any parsing.
    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9@:/_.-]+");
    // First path segments that are registries although they hold neither '.' nor ':'.
    private static final Set<String> BARE_REGISTRY_HOSTS = Set.of(DOCKER_HUB, "localhost", "localhost.localdomain", "localbuild");
    private static final Pattern HOST = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-zA-Z0-9]+([._-]+[a-zA-Z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-fA-F0-9]{64}");

    public ImageReference {
        validate(registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : ""),
                registry, repository, tag, digest);
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        if (DOCKER_HUB.equals(registry) && repository.startsWith(DOCKER_HUB_OFFICIAL_PREFIX)
                && repository.indexOf('/', DOCKER_HUB_OFFICIAL_PREFIX.length()) < 0) {
            repository = repository.substring(DOCKER_HUB_OFFICIAL_PREFIX.length());
        }
    }

    /**
     * Parses a pull string. {@code repo:tag@digest} is accepted too (as Docker does); the digest then decides what is
     * pulled and the tag is kept as the name the user gave.
     *
     * @throws InvalidImageReferenceException when the string is not a pull string
     */
    public static ImageReference parse(String pullString) {
        if (pullString == null || pullString.isEmpty()) {
            throw new InvalidImageReferenceException(String.valueOf(pullString), "empty");
        }
        if (!ALLOWED.matcher(pullString).matches()) {
            throw new InvalidImageReferenceException(pullString, "only the characters [a-zA-Z0-9@:/_.-] are allowed");
        }
        if (pullString.startsWith("sha256:") || IMAGE_ID.matcher(pullString).matches()) {
            throw new InvalidImageReferenceException(pullString, "an image digest or id alone names no registry or repository");
        }
        String registry = DOCKER_HUB;
        String remainder = pullString;
        int slash = pullString.indexOf('/');
        if (slash >= 0) {
            String first = pullString.substring(0, slash);
            if (first.contains(".") || first.contains(":") || BARE_REGISTRY_HOSTS.contains(first)) {
                registry = first;
                remainder = pullString.substring(slash + 1);
            }
        }
        String tag = null;
        String digest = null;
        int at = remainder.indexOf('@');
        if (at >= 0) {
            if (remainder.indexOf('@', at + 1) >= 0) {
                throw new InvalidImageReferenceException(pullString, "more than one '@'");
            }
            digest = remainder.substring(at + 1);
            remainder = remainder.substring(0, at);
        }
        int colon = remainder.lastIndexOf(':');
        if (colon >= 0) {
            tag = remainder.substring(colon + 1);
            remainder = remainder.substring(0, colon);
            if (tag.isEmpty()) {
                throw new InvalidImageReferenceException(pullString, "empty tag after ':'");
            }
        }
        if (digest != null && digest.isEmpty()) {
            throw new InvalidImageReferenceException(pullString, "empty digest after '@'");
        }
        // Validated here as well so that the message quotes the string the user gave.
        validate(pullString, registry, remainder, tag, digest);
        return new ImageReference(registry, remainder, tag, digest);
    }

    /** {@code registry/repository:tag}, as Anchore stores it; null for a reference by digest only. */
    public String fulltag() {
        return tag == null ? null : registry + "/" + repository + ":" + tag;
    }

    /** {@code registry/repository@digest} for the given digest of this repository. */
    public String fulldigest(String digest) {
        Objects.requireNonNull(digest, "digest");
        return registry + "/" + repository + "@" + digest;
    }

    /** The same repository at the given digest, keeping the tag as the name it was found under. */
    public ImageReference withDigest(String newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** The repository path to use in registry API URLs: Docker Hub's official images live under {@code library/}. */
    public String wireRepository() {
        return DOCKER_HUB.equals(registry) && repository.indexOf('/') < 0 ? DOCKER_HUB_OFFICIAL_PREFIX + repository : repository;
    }

    /** The host (and port) to connect to: {@code docker.io} is a name, its registry API is served elsewhere. */
    public String wireRegistryHost() {
        return DOCKER_HUB.equals(registry) ? DOCKER_HUB_WIRE_HOST : registry;
    }

    /** The manifest reference to request: the digest when pinned, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** The pull string: {@code registry/repository[:tag][@digest]}. */
    @Override
    public String toString() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    private static void validate(String input, String registry, String repository, String tag, String digest) {
        if (registry == null || !validRegistry(registry)) {
            throw new InvalidImageReferenceException(input, "registry must be host or host:port");
        }
        if (repository == null || !validRepository(repository)) {
            throw new InvalidImageReferenceException(input,
                    "repository must be '/'-separated components of letters and digits joined by '.', '_' or '-'");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new InvalidImageReferenceException(input, "tag must match " + TAG.pattern());
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new InvalidImageReferenceException(input, "digest must be sha256:<64 hex> or sha512:<128 hex>");
        }
    }

    private static boolean validRegistry(String registry) {
        int colon = registry.indexOf(':');
        String host = colon < 0 ? registry : registry.substring(0, colon);
        if (!HOST.matcher(host).matches()) {
            return false;
        }
        if (colon < 0) {
            return true;
        }
        String port = registry.substring(colon + 1);
        return PORT.matcher(port).matches() && Integer.parseInt(port) > 0 && Integer.parseInt(port) <= 65535;
    }

    private static boolean validRepository(String repository) {
        if (repository.isEmpty() || repository.length() > 255) {
            return false;
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                return false;
            }
        }
        return true;
    }
}
