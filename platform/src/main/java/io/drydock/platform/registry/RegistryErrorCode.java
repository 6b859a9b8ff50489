package io.drydock.platform.registry;

/**
 * Anchore's error code names (its {@code GET /system/error_codes}) for what can go wrong talking to a registry, and
 * one of Drydock's own for an address it refuses to connect to.
 */
public enum RegistryErrorCode {
    /** The registry refused the credentials given, or anonymous access. */
    REGISTRY_PERMISSION_DENIED,
    /** The repository, tag, manifest or blob does not exist. */
    REGISTRY_IMAGE_NOT_FOUND,
    /** The registry could not be reached, timed out, failed (5xx), throttled us, or served corrupt content. */
    REGISTRY_NOT_ACCESSIBLE,
    /** The registry served something we do not analyse (Docker schema 1, an unknown manifest, a too large blob). */
    REGISTRY_NOT_SUPPORTED,
    /** The image has no variant for the requested operating system and architecture. */
    OSARCH_MISMATCH,
    /**
     * Drydock's own: the registry, its token service or a blob store it redirects to resolves to an address that
     * configuration does not allow (loopback, link-local, private, …; see {@link AddressPolicy}).
     */
    REGISTRY_ADDRESS_REFUSED
}
