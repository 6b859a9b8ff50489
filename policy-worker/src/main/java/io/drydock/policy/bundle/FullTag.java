package io.drydock.policy.bundle;

/**
 * A tag split for mapping: {@code registry/repo:tag}, where the registry may carry a port and the repository may
 * contain slashes.
 */
public record FullTag(String registry, String repository, String tag) {
    /** What Anchore matches when no tag is given: only all-wildcard rules match it. */
    public static final FullTag ANY = new FullTag("*", "*", "*");

    public static FullTag parse(String fulltag) {
        if (fulltag == null || fulltag.isBlank()) {
            return ANY;
        }
        String value = fulltag.strip();
        if (value.startsWith("dockerhub/")) {
            value = "docker.io/" + value.substring("dockerhub/".length());
        }
        int slash = value.indexOf('/');
        String registry = slash < 0 ? "docker.io" : value.substring(0, slash);
        String rest = slash < 0 ? value : value.substring(slash + 1);
        int colon = rest.lastIndexOf(':');
        if (colon < 0 || rest.indexOf('/', colon) >= 0) {
            return new FullTag(registry, rest, "latest");
        }
        return new FullTag(registry, rest.substring(0, colon), rest.substring(colon + 1));
    }
}
