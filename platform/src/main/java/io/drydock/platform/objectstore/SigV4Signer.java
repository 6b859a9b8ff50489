package io.drydock.platform.objectstore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * AWS Signature Version 4 for S3 requests, written out rather than taken from the AWS SDK (which would bring tens of
 * megabytes for five operations): canonical request, string to sign, signing key derived from the secret by an
 * HMAC chain over date, region and service, signature in the {@code Authorization} header.
 *
 * <p>Streamed bodies are sent with {@link #UNSIGNED_PAYLOAD}: hashing a part before sending would mean reading it
 * twice; TLS protects it in transit and S3 checks each part's MD5-based ETag.
 */
public final class SigV4Signer {

    /** The payload hash of a body that is not signed. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "s3";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    private final String region;

    public SigV4Signer(String accessKey, String secretKey, String region) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.region = Objects.requireNonNull(region, "region");
    }

    /**
     * The headers that sign a request: {@code x-amz-date}, {@code x-amz-content-sha256} and {@code Authorization}.
     *
     * @param host        the Host header the client sends ({@code host} or {@code host:port} for a non-default port)
     * @param rawPath     the request path, already URI-encoded as it is sent ({@link #encode(String, boolean)})
     * @param query       query parameters, not encoded; an empty value is a parameter without value ({@code ?uploads})
     * @param headers     further headers to sign (names in any case)
     * @param payloadHash hex SHA-256 of the body, or {@link #UNSIGNED_PAYLOAD}
     */
    public Map<String, String> sign(String method, String host, String rawPath, Map<String, String> query,
                                    Map<String, String> headers, String payloadHash, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);

        SortedMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), value.strip()));
        signed.put("host", host);
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", amzDate);
        String signedHeaders = String.join(";", signed.keySet());

        String canonicalRequest = method + "\n"
                + rawPath + "\n"
                + canonicalQuery(query) + "\n"
                + signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining())
                + "\n"
                + signedHeaders + "\n"
                + payloadHash;
        String scope = date + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest);

        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));

        Map<String, String> result = new LinkedHashMap<>();
        result.put("x-amz-date", amzDate);
        result.put("x-amz-content-sha256", payloadHash);
        result.put("Authorization", ALGORITHM + " Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return result;
    }

    /** The query string as signed and sent: parameters sorted by name, names and values encoded. */
    public static String canonicalQuery(Map<String, String> query) {
        return new TreeMap<>(query).entrySet().stream()
                .map(e -> encode(e.getKey(), true) + "=" + encode(e.getValue(), true))
                .collect(Collectors.joining("&"));
    }

    /**
     * S3's URI encoding: every byte but {@code A-Z a-z 0-9 - . _ ~} as {@code %XY}; a slash stays when
     * {@code encodeSlash} is false (object keys in paths).
     */
    public static String encode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    public static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
