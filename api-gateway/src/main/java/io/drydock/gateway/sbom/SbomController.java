package io.drydock.gateway.sbom;

import io.drydock.gateway.account.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/** SBOM exports of an analysed image: CycloneDX 1.6, SPDX 2.3 and Anchore's native download (§1.4; ADR 21). */
@RestController
@RequestMapping({"/v1", ""})
public class SbomController {

    private final SbomService sboms;

    public SbomController(SbomService sboms) {
        this.sboms = sboms;
    }

    @GetMapping("/images/{digest}/sboms/cyclonedx-json")
    public ResponseEntity<byte[]> cycloneDx(HttpServletRequest request, @PathVariable String digest) {
        return json(sboms.cycloneDx(Caller.of(request).account(), digest), CycloneDxExport.MEDIA_TYPE);
    }

    @GetMapping("/images/{digest}/sboms/spdx-json")
    public ResponseEntity<byte[]> spdx(HttpServletRequest request, @PathVariable String digest) {
        return json(sboms.spdx(Caller.of(request).account(), digest), SpdxExport.MEDIA_TYPE);
    }

    /** Anchore's shape: the gzip bytes as an attachment named {@code <digest>_native.json.gzip}. */
    @GetMapping("/images/{digest}/sboms/native")
    public ResponseEntity<byte[]> nativeSbom(HttpServletRequest request, @PathVariable String digest) {
        byte[] gzip = sboms.nativeGzip(Caller.of(request).account(), digest);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/gzip"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(digest + "_native.json.gzip").build().toString())
                .body(gzip);
    }

    private static ResponseEntity<byte[]> json(String body, String mediaType) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(mediaType))
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
