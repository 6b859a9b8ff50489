package io.drydock.platform.objectstore;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Objects in a bucket of an S3-compatible store (AWS S3, MinIO, Ceph RGW, …), addressed path-style
 * ({@code <endpoint>/<bucket>/<prefix>/<key>}), signed with {@link SigV4Signer}.
 *
 * <p>A put streams its content in parts of {@link Settings#partSize()}, each buffered to a temporary file (never the
 * whole object in memory): content that fits one part is one PutObject; more is a multipart upload, completed only
 * when the last part is sent and aborted on any failure or when the content passes its limit. S3 makes an object
 * visible only when its PutObject or CompleteMultipartUpload succeeds, so a put is atomic as the interface demands.
 */
public final class S3ObjectStore implements ObjectStore {

    /** S3 refuses parts smaller than this, except the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3 refuses parts larger than this. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 64L * 1024 * 1024;

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(1);
    private static final Pattern PREFIX = Pattern.compile("(?!.*(?:^|/)\\.{1,2}(?:/|$))[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*");

    /**
     * @param endpoint    {@code https://s3.eu-west-1.amazonaws.com}, {@code http://minio.internal:9000}, …
     * @param prefix      put before every key (with a slash), so that one bucket can serve several installations;
     *                    null or empty for none
     * @param partSize    bytes per part of a multipart upload, and the size up to which a put is one request
     * @param listPageSize keys per ListObjectsV2 page (S3's maximum and default is 1000)
     */
    public record Settings(URI endpoint, String bucket, String region, String prefix, String accessKey,
                           String secretKey, long partSize, int listPageSize) {

        public Settings {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("the S3 endpoint must be an http(s) URL, not '" + endpoint + "'");
            }
            if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                throw new IllegalArgumentException("the S3 endpoint must not have a query or fragment: '" + endpoint + "'");
            }
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
            }
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("the S3 region is required (us-east-1 when the store has none)");
            }
            prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
            if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("not an S3 key prefix: '" + prefix + "'");
            }
            if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
                throw new IllegalArgumentException("S3 credentials are required: set the access key and the secret key");
            }
            if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
                throw new IllegalArgumentException("the S3 part size must be between 5 MiB and 5 GiB, not " + partSize + " bytes");
            }
            if (listPageSize < 1 || listPageSize > 1000) {
                throw new IllegalArgumentException("the S3 list page size must be between 1 and 1000, not " + listPageSize);
            }
        }

        /** Never print the secret key. */
        @Override
        public String toString() {
            return "S3 " + endpoint + " bucket " + bucket + (prefix.isEmpty() ? "" : " prefix " + prefix)
                    + " region " + region + " part size " + partSize;
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final Clock clock;
    private final SigV4Signer signer;
    private final String host;
    private final String basePath;

    /** @param http made by {@code OutboundHttp.objectStore()}, so the proxy settings apply */
    public S3ObjectStore(Settings settings, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signer = new SigV4Signer(settings.accessKey(), settings.secretKey(), settings.region());
        URI endpoint = settings.endpoint();
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("http".equals(endpoint.getScheme()) && port == 80)
                || ("https".equals(endpoint.getScheme()) && port == 443);
        // The Host header the JDK client sends: the port only when the URL names a non-default one.
        this.host = endpoint.getHost() + (defaultPort ? "" : ":" + port);
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        this.basePath = path + "/" + SigV4Signer.encode(settings.bucket(), true);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public long put(String key, InputStream content, long maxBytes) throws IOException {
        String objectKey = objectKey(key);
        PushbackInputStream in = new PushbackInputStream(content, 1);
        Path part = Files.createTempFile("drydock-s3-part-", ".tmp");
        try {
            long total = fill(part, in, key, maxBytes, 0);
            if (atEnd(in)) {
                send("PUT " + key, "PUT", objectKey, Map.of(), HttpRequest.BodyPublishers.ofFile(part), 200);
                return total;
            }
            String uploadId = createMultipartUpload(key, objectKey);
            try {
                List<String> etags = new ArrayList<>();
                etags.add(uploadPart(key, objectKey, uploadId, 1, part));
                while (!atEnd(in)) {
                    total = fill(part, in, key, maxBytes, total);
                    etags.add(uploadPart(key, objectKey, uploadId, etags.size() + 1, part));
                }
                completeMultipartUpload(key, objectKey, uploadId, etags);
                return total;
            } catch (IOException | RuntimeException e) {
                abortMultipartUpload(key, objectKey, uploadId, e);
                throw e;
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        HttpResponse<InputStream> response = exchange(request("GET", objectKey(key), Map.of(), null,
                SigV4Signer.UNSIGNED_PAYLOAD).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            return response.body();
        }
        S3Exception error;
        try (InputStream body = response.body()) {
            error = error("GET " + key, response.statusCode(), body.readAllBytes());
        }
        if ("NoSuchKey".equals(error.code())) {
            NoSuchFileException missing = new NoSuchFileException(key, null, "no such object in the S3 store");
            missing.initCause(error);
            throw missing;
        }
        throw error;
    }

    @Override
    public boolean exists(String key) throws IOException {
        HttpResponse<Void> response = exchange(request("HEAD", objectKey(key), Map.of(), null,
                SigV4Signer.UNSIGNED_PAYLOAD).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            // HEAD answers carry no error body: the status is all there is.
            default -> throw new S3Exception("HEAD " + key, response.statusCode(), null, null);
        };
    }

    @Override
    public List<String> children(String prefix) throws IOException {
        String listed = objectKey(prefix) + "/";
        TreeSet<String> names = new TreeSet<>();
        list(listed, true, page -> {
            for (String key : texts(page, "Contents", "Key")) {
                names.add(key.substring(listed.length()));
            }
            for (String common : texts(page, "CommonPrefixes", "Prefix")) {
                names.add(common.substring(listed.length(), common.length() - 1));
            }
        });
        names.remove("");
        return List.copyOf(names);
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        String listed = objectKey(prefix) + "/";
        List<String> keys = new ArrayList<>();
        list(listed, false, page -> keys.addAll(texts(page, "Contents", "Key")));
        for (String key : keys) {
            // DeleteObject rather than the batch DeleteObjects: that one needs a Content-MD5 header some
            // S3-compatible stores check differently, and an image has tens of objects, not thousands.
            send("DELETE " + key, "DELETE", key, Map.of(), null, 204, 200, 404);
        }
    }

    // --- multipart upload

    private String createMultipartUpload(String key, String objectKey) throws IOException {
        Document result = parse(send("CreateMultipartUpload " + key, "POST", objectKey, Map.of("uploads", ""),
                HttpRequest.BodyPublishers.noBody(), 200).body());
        String uploadId = text(result.getDocumentElement(), "UploadId");
        if (uploadId == null || uploadId.isBlank()) {
            throw new S3Exception("CreateMultipartUpload " + key, 200, null, "the answer has no UploadId");
        }
        return uploadId;
    }

    private String uploadPart(String key, String objectKey, String uploadId, int number, Path part) throws IOException {
        HttpResponse<byte[]> response = send("UploadPart " + number + " of " + key, "PUT", objectKey,
                Map.of("partNumber", Integer.toString(number), "uploadId", uploadId),
                HttpRequest.BodyPublishers.ofFile(part), 200);
        return response.headers().firstValue("ETag").orElseThrow(() -> new S3Exception(
                "UploadPart " + number + " of " + key, 200, null, "the answer has no ETag"));
    }

    private void completeMultipartUpload(String key, String objectKey, String uploadId, List<String> etags)
            throws IOException {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
                    .append(escapeXml(etags.get(i))).append("</ETag></Part>");
        }
        xml.append("</CompleteMultipartUpload>");
        HttpResponse<byte[]> response = send("CompleteMultipartUpload " + key, "POST", objectKey,
                Map.of("uploadId", uploadId), HttpRequest.BodyPublishers.ofByteArray(xml.toString().getBytes(StandardCharsets.UTF_8)),
                200);
        // S3 sends its 200 before it has combined the parts, so a failure to combine them is an <Error> body.
        Document result = parse(response.body());
        if ("Error".equals(result.getDocumentElement().getLocalName())) {
            throw error("CompleteMultipartUpload " + key, 200, response.body());
        }
    }

    private void abortMultipartUpload(String key, String objectKey, String uploadId, Exception cause) {
        try {
            send("AbortMultipartUpload " + key, "DELETE", objectKey, Map.of("uploadId", uploadId), null, 204, 200, 404);
        } catch (IOException | RuntimeException e) {
            // The failure that made us abort is what the caller must see; the store's lifecycle rule for
            // incomplete multipart uploads removes the parts left behind.
            cause.addSuppressed(e);
        }
    }

    /** Copies the next part (at most one part size) into {@code part}; fails once the object passes its limit. */
    private long fill(Path part, InputStream in, String key, long maxBytes, long before) throws IOException {
        long total = before;
        long inPart = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(part)) {
            while (inPart < settings.partSize()) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, settings.partSize() - inPart));
                if (n < 0) {
                    break;
                }
                total += n;
                if (total > maxBytes) {
                    throw new ObjectTooLargeException(key, maxBytes);
                }
                inPart += n;
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static boolean atEnd(PushbackInputStream in) throws IOException {
        int next = in.read();
        if (next < 0) {
            return true;
        }
        in.unread(next);
        return false;
    }

    // --- listing

    private interface PageConsumer {
        void accept(Element page) throws IOException;
    }

    private void list(String prefix, boolean delimited, PageConsumer consumer) throws IOException {
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("list-type", "2");
            query.put("prefix", prefix);
            query.put("max-keys", Integer.toString(settings.listPageSize()));
            if (delimited) {
                query.put("delimiter", "/");
            }
            if (token != null) {
                query.put("continuation-token", token);
            }
            Element page = parse(send("ListObjectsV2 " + prefix, "GET", null, query, null, 200).body())
                    .getDocumentElement();
            consumer.accept(page);
            token = "true".equals(text(page, "IsTruncated")) ? text(page, "NextContinuationToken") : null;
            if (token != null && token.isEmpty()) {
                throw new S3Exception("ListObjectsV2 " + prefix, 200, null, "a truncated page has no continuation token");
            }
        } while (token != null);
    }

    // --- requests

    /** The key in the bucket: the configured prefix, a slash, the key. */
    private String objectKey(String key) {
        ObjectStore.requireKey(key);
        return settings.prefix().isEmpty() ? key : settings.prefix() + "/" + key;
    }

    private HttpResponse<byte[]> send(String operation, String method, String objectKey, Map<String, String> query,
                                      HttpRequest.BodyPublisher body, int... expected) throws IOException {
        String payloadHash = SigV4Signer.UNSIGNED_PAYLOAD;
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : body;
        HttpRequest.Builder builder = request(method, objectKey, query, body, payloadHash);
        HttpResponse<byte[]> response = exchange(builder.method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw error(operation, response.statusCode(), response.body());
    }

    private HttpRequest.Builder request(String method, String objectKey, Map<String, String> query,
                                        HttpRequest.BodyPublisher body, String payloadHash) {
        String rawPath = basePath + (objectKey == null ? "" : "/" + SigV4Signer.encode(objectKey, false));
        String rawQuery = SigV4Signer.canonicalQuery(query);
        URI endpoint = settings.endpoint();
        URI uri = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + rawPath
                + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        // A part upload takes as long as the part needs; everything else is small and must not hang.
        boolean streamed = body != null && ("PUT".equals(method));
        if (!streamed) {
            builder.timeout(REQUEST_TIMEOUT);
        }
        signer.sign(method, host, rawPath, query, Map.of(), payloadHash, clock.instant()).forEach(builder::header);
        return builder;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during S3 " + request.method() + " " + request.uri().getPath());
        }
    }

    // --- XML

    private static S3Exception error(String operation, int status, byte[] body) {
        String code = null;
        String message = null;
        if (body != null && body.length > 0) {
            try {
                Element root = parse(body).getDocumentElement();
                code = text(root, "Code");
                message = text(root, "Message");
            } catch (IOException notXml) {
                // A proxy's or load balancer's error page: the status says enough.
                message = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
            }
        }
        return new S3Exception(operation, status, code, message);
    }

    private static Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refused its configuration", e);
        } catch (SAXException e) {
            throw new IOException("the S3 store answered with something that is not XML: " + e.getMessage(), e);
        }
    }

    /** The text of {@code name}, a direct child of {@code parent}; null when there is none. */
    private static String text(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                return element.getTextContent();
            }
        }
        return null;
    }

    /** The {@code field} texts of every {@code entry} child of {@code page}. */
    private static List<String> texts(Element page, String entry, String field) {
        List<String> values = new ArrayList<>();
        NodeList children = page.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && entry.equals(element.getLocalName())) {
                String value = text(element, field);
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
