package io.drydock.platform.objectstore;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signer against the examples AWS publishes with its Signature Version 4 documentation for S3 ("Examples of
 * signature calculations": GET Object with a Range header, and GET Bucket (List Objects)), whose signatures are known.
 */
class SigV4SignerTest {

    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final Instant MAY_24_2013 = Instant.parse("2013-05-24T00:00:00Z");

    private final SigV4Signer signer = new SigV4Signer(ACCESS_KEY, SECRET_KEY, "us-east-1");

    @Test
    void signsAwsGetObjectExample() {
        Map<String, String> headers = signer.sign("GET", "examplebucket.s3.amazonaws.com", "/test.txt", Map.of(),
                Map.of("Range", "bytes=0-9"), EMPTY_SHA256, MAY_24_2013);

        assertThat(headers).containsEntry("x-amz-date", "20130524T000000Z")
                .containsEntry("x-amz-content-sha256", EMPTY_SHA256)
                .containsEntry("Authorization", "AWS4-HMAC-SHA256 "
                        + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void signsAwsListObjectsExampleWithItsQuerySorted() {
        Map<String, String> headers = signer.sign("GET", "examplebucket.s3.amazonaws.com", "/",
                Map.of("prefix", "J", "max-keys", "2"), Map.of(), EMPTY_SHA256, MAY_24_2013);

        assertThat(headers.get("Authorization"))
                .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date")
                .endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void aDifferentSecretOrPayloadGivesADifferentSignature() {
        String reference = signer.sign("PUT", "h", "/b/k", Map.of(), Map.of(), SigV4Signer.UNSIGNED_PAYLOAD,
                MAY_24_2013).get("Authorization");

        assertThat(new SigV4Signer(ACCESS_KEY, SECRET_KEY + "x", "us-east-1").sign("PUT", "h", "/b/k", Map.of(),
                Map.of(), SigV4Signer.UNSIGNED_PAYLOAD, MAY_24_2013).get("Authorization")).isNotEqualTo(reference);
        assertThat(signer.sign("PUT", "h", "/b/k", Map.of(), Map.of(), EMPTY_SHA256, MAY_24_2013).get("Authorization"))
                .isNotEqualTo(reference);
    }

    @Test
    void encodesAsS3Does() {
        assertThat(SigV4Signer.encode("images/a b/ü~.json", false)).isEqualTo("images/a%20b/%C3%BC~.json");
        assertThat(SigV4Signer.encode("a/b", true)).isEqualTo("a%2Fb");
        assertThat(SigV4Signer.canonicalQuery(Map.of("uploads", "", "b", "x y", "a", "1/2")))
                .isEqualTo("a=1%2F2&b=x%20y&uploads=");
    }
}
