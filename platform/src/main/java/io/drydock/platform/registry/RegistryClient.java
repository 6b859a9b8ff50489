package io.drydock.platform.registry;

import static io.drydock.platform.registry.RegistryErrorCode.OSARCH_MISMATCH;
import static io.drydock.platform.registry.RegistryErrorCode.REGISTRY_IMAGE_NOT_FOUND;
import static io.drydock.platform.registry.RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE;
import static io.drydock.platform.registry.RegistryErrorCode.REGISTRY_NOT_SUPPORTED;
import static io.drydock.platform.registry.RegistryErrorCode.REGISTRY_PERMISSION_DENIED;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.drydock.platform.net.TlsContexts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads images from registries that speak the distribution (Docker Registry HTTP API v2 / OCI) protocol: resolves a
 * reference to the platform manifest to analyse, streams blobs with digest verification and lists tags.
 *
 * <p>Authentication follows the registry's lead: a request goes out with whatever authorization is cached for the
 * registry, repository scope and credentials; a {@code 401} is answered once by the challenge it carries (HTTP basic,
 * or a bearer token from the challenge's realm) and the request retried. Tokens are cached per registry, scope and
 * credentials, so two accounts pulling from the same registry never share a token.
 *
 * <p>Redirects are followed here rather than by {@link HttpClient} so that the registry's {@code Authorization}
 * header is sent only to the registry's own origin, never to the blob store a blob request is redirected to.
 *
 * <p>Every request (to the registry, its token service, a blob store it redirects to) first passes the
 * {@link AddressPolicy}: a host that resolves to a loopback, link-local, private or other special address is refused
 * unless configuration allows its network, so that naming an image cannot make Drydock probe its own networks.
 * Throttling ({@code 429}), server failures ({@code 5xx}), {@code 408} and failed connections are retried per the
 * {@link RetryPolicy}, honouring {@code Retry-After}; a blob download cut off mid-stream is resumed with a
 * {@code Range} request (ADR 11).
 *
 * <p>Thread-safe; share one instance.
 */
public class RegistryClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryClient.class);

    // distribution refuses to store manifests over 4 MiB; anything larger served to us is not a manifest.
    private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final int MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;
    private static final int MAX_ERROR_BODY_BYTES = 4096;
    private static final int MAX_REDIRECTS = 5;
    private static final int TAG_PAGE_SIZE = 1000;
    // A registry that keeps answering with a next link would otherwise page forever.
    private static final int MAX_TAG_PAGES = 10_000;
    // The token specification's default when a token response carries no expires_in.
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final Duration TOKEN_EXPIRY_MARGIN = Duration.ofSeconds(10);
    // Expired tokens are otherwise dropped only when looked up again; a worker pulling from many repositories sweeps.
    private static final int MAX_CACHED_AUTHORIZATIONS = 10_000;
    // Basic authorization is cached under this scope: it holds for every repository of the registry.
    private static final String ANY_SCOPE = "*";
    // Statuses that say "not now" rather than "no": timed out, throttled, or the server (or a gateway before it) failing.
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(?:\\d+|\\*)");
    private static final Pattern VALID_DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    private final RegistryClientSettings settings;
    private final HttpClient http;
    // For registries whose credentials say registry_verify=false: the same settings, but any certificate is accepted.
    private final HttpClient unverifiedHttp;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentMap<AuthorizationKey, CachedAuthorization> authorizations = new ConcurrentHashMap<>();

    /**
     * @param httpClientBuilder supplies proxy selection, TLS context and executor; this client sets its connect
     *                          timeout and turns its redirect following off (see the class comment), builds with it,
     *                          then sets a trust-everything TLS context on it for unverified registries and builds again
     * @param clock             decides when cached tokens expire
     */
    public RegistryClient(RegistryClientSettings settings, HttpClient.Builder httpClientBuilder, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = httpClientBuilder
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.unverifiedHttp = httpClientBuilder.sslContext(TlsContexts.trustingEverything()).build();
    }

    public RegistryClient(RegistryClientSettings settings, HttpClient.Builder httpClientBuilder) {
        this(settings, httpClientBuilder, Clock.systemUTC());
    }

    /** A client on the JDK's default proxy selector and TLS settings. */
    public RegistryClient(RegistryClientSettings settings) {
        this(settings, HttpClient.newBuilder());
    }

    /**
     * Resolves a reference to the manifest to analyse. A tag or digest that names an index (a multi-platform image)
     * resolves to the entry for {@code platform}.
     *
     * @param platform    which entry of an index to pick; null for {@link Platform#LINUX_AMD64}
     * @param credentials null to pull anonymously
     * @throws RegistryException {@code OSARCH_MISMATCH} when an index has no entry for the platform,
     *                           {@code REGISTRY_NOT_SUPPORTED} for Docker schema 1 and unknown manifests, and the
     *                           other codes for access failures
     */
    public ResolvedImage resolve(ImageReference ref, Platform platform, RegistryCredentials credentials) {
        Platform wanted = platform == null ? Platform.LINUX_AMD64 : platform;
        Target target = target(ref, credentials);
        FetchedManifest top = fetchManifest(target, ref, ref.manifestReference());
        if (ref.digest() != null && !Digests.matches(ref.digest(), top.bytes())) {
            throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, "manifest of " + ref + " digest mismatch: the registry "
                    + ref.registry() + " served content with digest " + top.digest());
        }
        if (MediaTypes.isManifest(top.mediaType())) {
            return toResolved(ref, top, top);
        }
        ManifestDocument.Entry entry = choosePlatform(ref, top, wanted);
        if (entry.mediaType() != null && MediaTypes.isIndex(entry.mediaType())) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, "index " + top.digest() + " of " + ref
                    + " points at another index for " + wanted + "; nested indexes are not supported");
        }
        FetchedManifest manifest = fetchManifest(target, ref, entry.digest());
        if (!Digests.matches(entry.digest(), manifest.bytes())) {
            throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, "manifest " + entry.digest() + " of " + ref
                    + " digest mismatch: the registry served content with digest " + manifest.digest());
        }
        if (!MediaTypes.isManifest(manifest.mediaType())) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, "index entry " + entry.digest() + " of " + ref
                    + " is a " + manifest.mediaType() + ", not an image manifest");
        }
        log.debug("Resolved {} for {} to {} in index {}", ref, wanted, manifest.digest(), top.digest());
        return toResolved(ref, manifest, top);
    }

    /**
     * Reads a whole blob into memory, verifying its digest. For config blobs and other small documents; stream layers
     * with {@link #openBlob}.
     *
     * @param repoRef  names the registry and repository; its tag and digest are not used
     * @param maxBytes the largest blob accepted
     * @throws RegistryException {@code REGISTRY_NOT_SUPPORTED} when the blob is larger than {@code maxBytes}
     */
    public byte[] fetchBlob(ImageReference repoRef, String digest, RegistryCredentials credentials, long maxBytes) {
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        BlobLocation blob = locate(repoRef, digest, credentials);
        HttpResponse<InputStream> response = openBlobResponse(blob, 0);
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > limit) {
            discard(response);
            throw tooLarge(repoRef, digest, limit);
        }
        try (InputStream in = new DigestVerifyingInputStream(resuming(blob, response, -1), digest)) {
            // One byte over the limit tells "exactly at the limit" from "larger"; reading to EOF triggers verification.
            byte[] content = in.readNBytes(limit + 1);
            if (content.length > limit) {
                throw tooLarge(repoRef, digest, limit);
            }
            return content;
        } catch (IOException e) {
            throw notAccessible(repoRef.registry(), blob.what(), e);
        }
    }

    /**
     * Opens a blob for streaming. The stream verifies the digest as it is read: the read that reaches the end throws
     * a {@link RegistryException} if the content does not match. It holds the blob to {@code expectedSize}: a read
     * past it, or an end before it, throws {@code REGISTRY_NOT_SUPPORTED}. A download whose connection breaks is
     * resumed where it stopped (see {@link RetryPolicy#maxResumeAttempts()}). The caller closes the stream.
     *
     * @param repoRef      names the registry and repository; its tag and digest are not used
     * @param expectedSize the size the blob's descriptor declares; negative when there is no descriptor to hold the
     *                     blob to
     */
    public InputStream openBlob(ImageReference repoRef, String digest, long expectedSize, RegistryCredentials credentials) {
        BlobLocation blob = locate(repoRef, digest, credentials);
        HttpResponse<InputStream> response = openBlobResponse(blob, 0);
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (expectedSize >= 0 && declared > expectedSize) {
            discard(response);
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, blob.what() + " is larger than its descriptor says ("
                    + expectedSize + " bytes): the registry announced " + declared);
        }
        return new DigestVerifyingInputStream(resuming(blob, response, expectedSize), digest);
    }

    /**
     * Lists a repository's tags in the registry's order, following {@code Link} pagination.
     *
     * @param repoRef names the registry and repository; its tag and digest are not used
     */
    public List<String> listTags(ImageReference repoRef, RegistryCredentials credentials) {
        return listTags(repoRef, credentials, TAG_PAGE_SIZE);
    }

    List<String> listTags(ImageReference repoRef, RegistryCredentials credentials, int pageSize) {
        Target target = target(repoRef, credentials);
        URI uri = target.base().resolve("/v2/" + repoRef.wireRepository() + "/tags/list?n=" + pageSize);
        Set<URI> visited = new HashSet<>();
        List<String> tags = new ArrayList<>();
        while (uri != null && visited.add(uri) && visited.size() <= MAX_TAG_PAGES) {
            String what = "tags of " + repoRef.registry() + "/" + repoRef.repository();
            HttpResponse<InputStream> response = exchange(target, uri, "application/json", what);
            if (response.statusCode() != 200) {
                throw failure(response, target, what);
            }
            TagList page = parse(readBounded(response, MAX_MANIFEST_BYTES, target, what), TagList.class, what);
            if (page.tags() != null) {
                tags.addAll(page.tags());
            }
            URI current = uri;
            uri = LinkHeader.next(response.headers().firstValue("Link").orElse(null))
                    .map(next -> resolveLink(target, current, next, what))
                    .orElse(null);
        }
        return List.copyOf(tags);
    }

    @Override
    public void close() {
        http.close();
        unverifiedHttp.close();
    }

    private BlobLocation locate(ImageReference repoRef, String digest, RegistryCredentials credentials) {
        if (digest == null || !VALID_DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a digest: '" + digest + "'");
        }
        Digests.requireSupported(digest);
        Target target = target(repoRef, credentials);
        String what = "blob " + digest + " of " + repoRef.registry() + "/" + repoRef.repository();
        URI uri = target.base().resolve("/v2/" + repoRef.wireRepository() + "/blobs/" + digest);
        return new BlobLocation(target, uri, what);
    }

    /** The blob from {@code offset} on: a {@code 200}, or for an offset a {@code 206} with the rest. */
    private HttpResponse<InputStream> openBlobResponse(BlobLocation blob, long offset) {
        HttpResponse<InputStream> response = exchange(blob.target(), blob.uri(), "*/*",
                offset > 0 ? "bytes=" + offset + "-" : null, blob.what());
        if (response.statusCode() != 200 && !(offset > 0 && response.statusCode() == 206)) {
            throw failure(response, blob.target(), blob.what());
        }
        return response;
    }

    private InputStream resuming(BlobLocation blob, HttpResponse<InputStream> response, long expectedSize) {
        return new ResumingBlobStream(blob.what(), response.body(), expectedSize, settings.retry().maxResumeAttempts(),
                (offset, resume) -> resume(blob, offset, resume));
    }

    /**
     * The rest of a blob whose download broke off at {@code offset}. Asks the registry's own URL again rather than the
     * blob store it last redirected to: a pre-signed redirect may have expired, the registry hands out a fresh one.
     */
    private InputStream resume(BlobLocation blob, long offset, int resume) throws IOException {
        pause(settings.retry().backoff(resume, Optional.empty(), ThreadLocalRandom.current().nextDouble()), blob.what());
        HttpResponse<InputStream> response = openBlobResponse(blob, offset);
        if (response.statusCode() == 206) {
            String range = response.headers().firstValue("Content-Range").orElse("");
            Matcher matcher = CONTENT_RANGE.matcher(range.trim());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) != offset) {
                discard(response);
                throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, "registry " + blob.target().registry()
                        + " answered the request for " + blob.what() + " from byte " + offset
                        + " with Content-Range '" + range + "'; cannot resume");
            }
            return response.body();
        }
        // A 200: the server ignores ranges and sends the whole blob again; drop what was read before.
        InputStream body = response.body();
        try {
            body.skipNBytes(offset);
        } catch (IOException e) {
            body.close();
            throw e;
        }
        return body;
    }

    private FetchedManifest fetchManifest(Target target, ImageReference ref, String reference) {
        String what = "manifest " + reference + " of " + ref.registry() + "/" + ref.repository();
        URI uri = target.base().resolve("/v2/" + ref.wireRepository() + "/manifests/" + reference);
        HttpResponse<InputStream> response = exchange(target, uri, MediaTypes.ACCEPT, what);
        if (response.statusCode() != 200) {
            throw failure(response, target, what);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        byte[] bytes = readBounded(response, MAX_MANIFEST_BYTES, target, what);
        String digest = Digests.sha256(bytes);
        Optional<String> served = response.headers().firstValue("Docker-Content-Digest");
        if (served.isPresent() && isCheckable(served.get()) && !Digests.matches(served.get(), bytes)) {
            throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, what + " digest mismatch: Docker-Content-Digest says "
                    + served.get() + " but the content has digest " + digest);
        }
        String headerType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (MediaTypes.isSchema1(headerType)) {
            throw schema1(ref, headerType);
        }
        ManifestDocument document = parse(bytes, ManifestDocument.class, what);
        String mediaType = MediaTypes.detect(contentType, document);
        if (mediaType == null) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, what + " is not an image manifest or index (Content-Type "
                    + contentType + ")");
        }
        if (MediaTypes.isSchema1(mediaType)) {
            throw schema1(ref, mediaType);
        }
        if (!MediaTypes.isIndex(mediaType) && !MediaTypes.isManifest(mediaType)) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, what + " has unsupported media type " + mediaType);
        }
        return new FetchedManifest(bytes, mediaType, digest, document);
    }

    private static ManifestDocument.Entry choosePlatform(ImageReference ref, FetchedManifest index, Platform wanted) {
        List<ManifestDocument.Entry> entries = index.document().manifests() == null ? List.of() : index.document().manifests();
        Set<String> available = new LinkedHashSet<>();
        for (ManifestDocument.Entry entry : entries) {
            if (entry.platform() == null || entry.digest() == null) {
                continue;
            }
            Platform candidate = entry.platform().toPlatform();
            if (wanted.accepts(candidate)) {
                return entry;
            }
            // Attestation manifests (BuildKit) claim unknown/unknown; they are not images a user could ask for.
            if (!"unknown".equals(candidate.os())) {
                available.add(candidate.toString());
            }
        }
        throw new RegistryException(OSARCH_MISMATCH, "no " + wanted + " image in index " + index.digest() + " of " + ref
                + "; available: " + (available.isEmpty() ? "none" : String.join(", ", available)));
    }

    private static ResolvedImage toResolved(ImageReference ref, FetchedManifest manifest, FetchedManifest parent) {
        ManifestDocument document = manifest.document();
        if (!Integer.valueOf(2).equals(document.schemaVersion()) || document.config() == null
                || document.config().digest() == null || document.layers() == null
                || document.layers().stream().anyMatch(layer -> layer == null || layer.digest() == null)) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, "manifest " + manifest.digest() + " of " + ref
                    + " is not a schema 2 image manifest with a config and layers");
        }
        // Blobs are held to their declared size as they stream (openBlob); a layer without one could not be.
        if (document.layers().stream().anyMatch(layer -> layer.size() == null || layer.size() < 0)) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, "manifest " + manifest.digest() + " of " + ref
                    + " has a layer without a valid size");
        }
        List<Descriptor> layers = document.layers().stream().map(ManifestDocument.Entry::toDescriptor).toList();
        long compressedSize = layers.stream().mapToLong(Descriptor::size).sum();
        return new ResolvedImage(manifest.digest(), parent.digest(), manifest.bytes(), manifest.mediaType(),
                parent.bytes(), document.config().digest(), layers, compressedSize);
    }

    /**
     * Sends a GET with the cached authorization for the target; on a {@code 401} from the registry answers its
     * challenge once and retries.
     */
    private HttpResponse<InputStream> exchange(Target target, URI uri, String accept, String what) {
        return exchange(target, uri, accept, null, what);
    }

    /** @param range a {@code Range} header value, or null for the whole resource */
    private HttpResponse<InputStream> exchange(Target target, URI uri, String accept, String range, String what) {
        String authorization = cachedAuthorization(target);
        HttpResponse<InputStream> response = sendFollowingRedirects(target, uri, accept, range, authorization, what);
        if (response.statusCode() != 401 || !sameOrigin(response.uri(), target.base())) {
            return response;
        }
        String challengeHeader = response.headers().firstValue("WWW-Authenticate").orElse(null);
        discard(response);
        if (authorization != null) {
            // What was cached no longer works (revoked, expired early): forget it and answer the challenge afresh.
            authorizations.remove(target.key());
            authorizations.remove(target.basicKey());
        }
        String answer = answerChallenge(target, challengeHeader, what);
        HttpResponse<InputStream> retried = sendFollowingRedirects(target, uri, accept, range, answer, what);
        if (retried.statusCode() == 401) {
            authorizations.remove(target.key());
            authorizations.remove(target.basicKey());
        }
        return retried;
    }

    private String cachedAuthorization(Target target) {
        Instant now = clock.instant();
        for (AuthorizationKey key : List.of(target.key(), target.basicKey())) {
            CachedAuthorization cached = authorizations.get(key);
            if (cached != null && now.isBefore(cached.expiresAt())) {
                return cached.header();
            }
            if (cached != null) {
                authorizations.remove(key, cached);
            }
        }
        return null;
    }

    private String answerChallenge(Target target, String challengeHeader, String what) {
        AuthChallenge challenge = AuthChallenge.parse(challengeHeader).orElseThrow(() -> new RegistryException(
                REGISTRY_PERMISSION_DENIED, "registry " + target.registry() + " requires authentication for " + what
                + " but sent no WWW-Authenticate challenge"));
        if (challenge.isBasic()) {
            if (target.credentials() == null) {
                throw new RegistryException(REGISTRY_PERMISSION_DENIED, "registry " + target.registry()
                        + " requires credentials for " + what + "; none are configured");
            }
            String header = target.credentials().basicAuthorization();
            authorizations.put(target.basicKey(), new CachedAuthorization(header, Instant.MAX));
            return header;
        }
        if (challenge.isBearer()) {
            return fetchToken(target, challenge, what);
        }
        throw new RegistryException(REGISTRY_NOT_SUPPORTED, "registry " + target.registry()
                + " asks for unsupported authentication scheme '" + challenge.scheme() + "' for " + what);
    }

    private String fetchToken(Target target, AuthChallenge challenge, String what) {
        String realm = challenge.parameter("realm");
        if (realm == null || realm.isBlank()) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, "registry " + target.registry()
                    + " sent a bearer challenge without a realm for " + what);
        }
        String scope = challenge.parameter("scope") != null ? challenge.parameter("scope") : target.scope();
        StringBuilder query = new StringBuilder();
        if (challenge.parameter("service") != null) {
            query.append("service=").append(URLEncoder.encode(challenge.parameter("service"), StandardCharsets.UTF_8));
        }
        if (scope != null) {
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        URI tokenUri;
        try {
            tokenUri = URI.create(query.isEmpty() ? realm : realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, "registry " + target.registry()
                    + " sent an unusable token realm '" + realm + "'", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).timeout(settings.requestTimeout())
                .header("Accept", "application/json").GET();
        if (target.credentials() != null) {
            request.header("Authorization", target.credentials().basicAuthorization());
        }
        HttpResponse<InputStream> response = sendRetrying(target, request.build(), "a token for " + what);
        String tokenWhat = "a token from " + tokenUri.getHost() + " for " + what;
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            discard(response);
            throw new RegistryException(REGISTRY_PERMISSION_DENIED, target.credentials() == null
                    ? "token service of " + target.registry() + " refused anonymous access for " + what
                    : "token service of " + target.registry() + " rejected the credentials of user "
                            + target.credentials().username() + " for " + what);
        }
        if (response.statusCode() != 200) {
            throw failure(response, target, tokenWhat);
        }
        JsonNode body = parse(readBounded(response, MAX_TOKEN_RESPONSE_BYTES, target, tokenWhat), JsonNode.class, tokenWhat);
        String token = textField(body, "token").or(() -> textField(body, "access_token")).orElseThrow(() ->
                new RegistryException(REGISTRY_NOT_SUPPORTED, "the token service of " + target.registry()
                        + " answered without a token for " + what));
        Duration lifetime = body.has("expires_in") && body.get("expires_in").canConvertToLong()
                && body.get("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.get("expires_in").asLong()) : DEFAULT_TOKEN_LIFETIME;
        // Renew a little early so that a token does not expire between being picked from the cache and being used.
        Duration margin = lifetime.dividedBy(2).compareTo(TOKEN_EXPIRY_MARGIN) < 0 ? lifetime.dividedBy(2) : TOKEN_EXPIRY_MARGIN;
        String header = "Bearer " + token;
        if (authorizations.size() > MAX_CACHED_AUTHORIZATIONS) {
            Instant now = clock.instant();
            authorizations.values().removeIf(cached -> !now.isBefore(cached.expiresAt()));
        }
        authorizations.put(target.key(), new CachedAuthorization(header, clock.instant().plus(lifetime).minus(margin)));
        log.debug("Obtained a token for {} scope {} valid for {}", target.registry(), scope, lifetime);
        return header;
    }

    private HttpResponse<InputStream> sendFollowingRedirects(Target target, URI uri, String accept, String range,
                                                             String authorization, String what) {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(settings.requestTimeout())
                    .header("Accept", accept).GET();
            if (authorization != null && sameOrigin(current, target.base())) {
                request.header("Authorization", authorization);
            }
            if (range != null) {
                request.header("Range", range);
            }
            HttpResponse<InputStream> response = sendRetrying(target, request.build(), what);
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            Optional<String> location = response.headers().firstValue("Location");
            if (!redirect || location.isEmpty()) {
                return response;
            }
            discard(response);
            if (redirects == MAX_REDIRECTS) {
                throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, "registry " + target.registry()
                        + " redirected more than " + MAX_REDIRECTS + " times for " + what);
            }
            current = resolveLink(target, current, location.get(), what);
        }
    }

    /**
     * {@link #send}, to an address the {@link AddressPolicy} allows, repeated per the {@link RetryPolicy} while the
     * answer is a retryable status or the connection fails. Every request is a GET, so repeating one is safe.
     */
    private HttpResponse<InputStream> sendRetrying(Target target, HttpRequest request, String what) {
        new AddressGuard(settings.addresses(), settings.resolver()).check(request.uri(), target.registry(), what);
        Instant started = clock.instant();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = send(target, request, what);
            } catch (RegistryException e) {
                if (!isConnectionFailure(e)) {
                    throw e;
                }
                Duration wait = waitBeforeRetry(attempt, started, Optional.empty());
                if (wait == null) {
                    throw gaveUp(e, attempt, started, Optional.empty());
                }
                log.info("{}; retrying in {} ms ({} of {} attempts made)", e.getMessage(), wait.toMillis(), attempt,
                        settings.retry().maxAttempts());
                pause(wait, what);
                continue;
            }
            if (!RETRYABLE_STATUSES.contains(response.statusCode())) {
                return response;
            }
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                    clock.instant());
            Duration wait = waitBeforeRetry(attempt, started, retryAfter);
            if (wait == null) {
                throw gaveUp(failure(response, target, what), attempt, started, retryAfter);
            }
            discard(response);
            log.info("Registry {} answered HTTP {} for {} from {}; retrying in {} ms ({} of {} attempts made)",
                    target.registry(), response.statusCode(), what, request.uri().getHost(), wait.toMillis(), attempt,
                    settings.retry().maxAttempts());
            pause(wait, what);
        }
    }

    /**
     * The wait before the attempt after {@code failures} failed ones, or null when there is to be none: the attempts
     * are used up, or waiting would take the request past the policy's total.
     */
    private Duration waitBeforeRetry(int failures, Instant started, Optional<Duration> retryAfter) {
        RetryPolicy policy = settings.retry();
        if (failures >= policy.maxAttempts()) {
            return null;
        }
        Duration wait = policy.backoff(failures, retryAfter, ThreadLocalRandom.current().nextDouble());
        Duration spent = Duration.between(started, clock.instant());
        return spent.plus(wait).compareTo(policy.maxTotalWait()) > 0 ? null : wait;
    }

    private RegistryException gaveUp(RegistryException last, int attempts, Instant started, Optional<Duration> retryAfter) {
        long seconds = Math.round(Duration.between(started, clock.instant()).toMillis() / 1000.0);
        String asked = retryAfter.filter(wait -> wait.compareTo(settings.retry().maxBackoff()) > 0)
                .map(wait -> " (it asked to wait " + wait.toSeconds() + " s, more than the "
                        + settings.retry().maxBackoff().toSeconds() + " s allowed)")
                .orElse("");
        if (attempts == 1 && asked.isEmpty()) {
            return last;
        }
        return new RegistryException(last.code(), last.getMessage() + "; gave up after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " over " + seconds + " s" + asked,
                last.getCause() != null ? last.getCause() : last);
    }

    private void pause(Duration wait, String what) {
        try {
            settings.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, "interrupted while waiting to retry " + what, e);
        }
    }

    /** A failure of the connection that a later attempt may not meet; a certificate the JDK rejects it will meet again. */
    private static boolean isConnectionFailure(RegistryException e) {
        if (!(e.getCause() instanceof IOException)) {
            return false;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof GeneralSecurityException) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<InputStream> send(Target target, HttpRequest request, String what) {
        try {
            return (target.credentials() == null || target.credentials().verifyTls() ? http : unverifiedHttp)
                    .send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, "registry " + target.registry() + " did not answer "
                    + request.uri().getHost() + " within the timeout for " + what, e);
        } catch (IOException e) {
            throw notAccessible(target.registry(), what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, "interrupted while fetching " + what, e);
        }
    }

    private RegistryException failure(HttpResponse<InputStream> response, Target target, String what) {
        String detail = errorDetail(response);
        int status = response.statusCode();
        return switch (status) {
            case 401 -> new RegistryException(REGISTRY_PERMISSION_DENIED, target.credentials() == null
                    ? "registry " + target.registry() + " requires authentication for " + what + detail
                    : "registry " + target.registry() + " rejected the credentials of user "
                            + target.credentials().username() + " for " + what + detail);
            case 403 -> new RegistryException(REGISTRY_PERMISSION_DENIED, "registry " + target.registry()
                    + " denied access to " + what + detail);
            case 404 -> new RegistryException(REGISTRY_IMAGE_NOT_FOUND, what + " not found" + detail);
            case 429 -> new RegistryException(REGISTRY_NOT_ACCESSIBLE, "registry " + target.registry()
                    + " is throttling requests (HTTP 429) for " + what + detail);
            default -> new RegistryException(REGISTRY_NOT_ACCESSIBLE, "registry " + target.registry() + " answered HTTP "
                    + status + " for " + what + detail);
        };
    }

    /** The distribution API's error codes and messages from an error response, for the exception message. */
    private String errorDetail(HttpResponse<InputStream> response) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY_BYTES);
        } catch (IOException e) {
            return "";
        }
        try {
            JsonNode errors = json.readTree(body).path("errors");
            List<String> parts = new ArrayList<>();
            for (JsonNode error : errors) {
                parts.add(error.path("code").asString("") + " " + error.path("message").asString(""));
            }
            return parts.isEmpty() ? "" : ": " + String.join("; ", parts).trim();
        } catch (JacksonException e) {
            return "";
        }
    }

    private byte[] readBounded(HttpResponse<InputStream> response, int limit, Target target, String what) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new RegistryException(REGISTRY_NOT_SUPPORTED, what + " is larger than " + limit + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw notAccessible(target.registry(), what, e);
        }
    }

    private <T> T parse(byte[] bytes, Class<T> type, String what) {
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw new RegistryException(REGISTRY_NOT_SUPPORTED, what + " is empty");
            }
            return value;
        } catch (JacksonException e) {
            throw new RegistryException(REGISTRY_NOT_SUPPORTED, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Target target(ImageReference ref, RegistryCredentials credentials) {
        String host = ref.wireRegistryHost();
        String scheme = settings.isInsecure(host) || settings.isInsecure(ref.registry()) ? "http" : "https";
        return new Target(ref.registry(), URI.create(scheme + "://" + host + "/"),
                "repository:" + ref.wireRepository() + ":pull", credentials);
    }

    private static URI resolveLink(Target target, URI base, String link, String what) {
        try {
            return base.resolve(link);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(REGISTRY_NOT_ACCESSIBLE, "registry " + target.registry()
                    + " sent an unusable link '" + link + "' for " + what, e);
        }
    }

    private static boolean isCheckable(String digest) {
        String algorithm = Digests.algorithm(digest);
        return algorithm.equals("sha256") || algorithm.equals("sha512");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static Optional<String> textField(JsonNode node, String name) {
        JsonNode field = node.get(name);
        return field != null && field.isString() && !field.asString().isEmpty() ? Optional.of(field.asString()) : Optional.empty();
    }

    private static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RegistryException notAccessible(String registry, String what, IOException e) {
        Optional<String> certificateProblem = TlsContexts.certificateProblem(e);
        if (certificateProblem.isPresent()) {
            return new RegistryException(REGISTRY_NOT_ACCESSIBLE, "registry " + registry + " not accessible for " + what
                    + ": TLS certificate verification failed (" + certificateProblem.get() + "); trust its CA with "
                    + "drydock.registry.ca-file, or turn verification off for this registry (registry_verify: false)", e);
        }
        return new RegistryException(REGISTRY_NOT_ACCESSIBLE, "registry " + registry + " not accessible for " + what
                + ": " + e, e);
    }

    private static RegistryException tooLarge(ImageReference repoRef, String digest, long limit) {
        return new RegistryException(REGISTRY_NOT_SUPPORTED, "blob " + digest + " of " + repoRef.registry() + "/"
                + repoRef.repository() + " is larger than the limit of " + limit + " bytes");
    }

    private static RegistryException schema1(ImageReference ref, String mediaType) {
        return new RegistryException(REGISTRY_NOT_SUPPORTED, ref + " is a Docker schema 1 image (" + mediaType
                + "); only schema 2 and OCI images are supported: push it again with a current client");
    }

    /** Where a request goes and as whom: the registry's stored name (for messages), its base URI, the scope needed. */
    private record Target(String registry, URI base, String scope, RegistryCredentials credentials) {

        AuthorizationKey key() {
            return new AuthorizationKey(base, scope, credentials);
        }

        AuthorizationKey basicKey() {
            return new AuthorizationKey(base, ANY_SCOPE, credentials);
        }
    }

    private record AuthorizationKey(URI registry, String scope, RegistryCredentials credentials) {
    }

    private record CachedAuthorization(String header, Instant expiresAt) {
    }

    /** A blob's URL on its registry, and how to name it in messages. */
    private record BlobLocation(Target target, URI uri, String what) {
    }

    private record FetchedManifest(byte[] bytes, String mediaType, String digest, ManifestDocument document) {
    }

    private record TagList(String name, List<String> tags) {
    }

    /**
     * Checks that the registry accepts these credentials: pings its API root ({@code /v2/}), answering a basic or
     * bearer challenge with them (a token without a repository scope). Used to validate registry credentials as they
     * are stored (Anchore's {@code validate=true}).
     *
     * @param registryHost the registry as image references name it ({@code host[:port]}, {@code docker.io})
     * @param credentials  null to check anonymous access
     * @throws RegistryException {@code REGISTRY_PERMISSION_DENIED} when the credentials are refused,
     *                           {@code REGISTRY_NOT_ACCESSIBLE} when the registry cannot be reached or fails
     */
    public void checkAccess(String registryHost, RegistryCredentials credentials) {
        // A reference into the registry gives the same scheme and wire host as a pull; its repository is never used.
        Target pull = target(new ImageReference(registryHost, "v2-ping", null, null), credentials);
        Target target = new Target(pull.registry(), pull.base(), null, credentials);
        String what = "the API root of " + registryHost;
        HttpResponse<InputStream> response = exchange(target, target.base().resolve("/v2/"), "application/json", what);
        if (response.statusCode() != 200) {
            throw failure(response, target, what);
        }
        discard(response);
    }
}
