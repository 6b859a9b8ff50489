package io.drydock.gateway.image;

import io.drydock.gateway.account.Caller;
import io.drydock.gateway.web.QueryFlags;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;
import java.util.Map;

/** The image endpoints of Anchore's v1 API (§1.3, §1.4, §1.6). */
@RestController
@RequestMapping({"/v1", ""})
public class ImageController {

    private final ImageService service;
    private final ImageQueries queries;
    private final ImageDeletion deletion;
    private final PolicyCheck check;
    private final ImageContent content;

    public ImageController(ImageService service, ImageQueries queries, ImageDeletion deletion, PolicyCheck check,
                           ImageContent content) {
        this.service = service;
        this.content = content;
        this.queries = queries;
        this.deletion = deletion;
        this.check = check;
    }

    @PostMapping("/images")
    public List<Map<String, Object>> add(HttpServletRequest request, @RequestBody AddImageRequest body,
                                         @RequestParam(required = false) String force,
                                         @RequestParam(required = false) String autosubscribe,
                                         @RequestParam(required = false) String platform) {
        String account = Caller.of(request).account();
        return List.of(queries.view(service.add(account, body, QueryFlags.parse(force, false),
                QueryFlags.parse(autosubscribe, false), platform)));
    }

    @GetMapping("/images")
    public List<Map<String, Object>> list(HttpServletRequest request,
                                          @RequestParam(required = false) String fulltag,
                                          @RequestParam(required = false) String history,
                                          @RequestParam(name = "image_status", defaultValue = "active") String imageStatus,
                                          @RequestParam(name = "analysis_status", required = false) String analysisStatus) {
        return queries.list(Caller.of(request).account(), fulltag, QueryFlags.parse(history, false), imageStatus,
                analysisStatus);
    }

    @GetMapping("/images/{digest}")
    public List<Map<String, Object>> get(HttpServletRequest request, @PathVariable String digest) {
        return List.of(queries.view(queries.require(Caller.of(request).account(), digest)));
    }

    @DeleteMapping("/images/{digest}")
    public Map<String, Object> delete(HttpServletRequest request, @PathVariable String digest,
                                      @RequestParam(required = false) String force) {
        return deletion.delete(Caller.of(request).account(), digest, QueryFlags.parse(force, false));
    }

    @GetMapping("/images/{digest}/content")
    public List<String> contentTypes(HttpServletRequest request, @PathVariable String digest) {
        queries.require(Caller.of(request).account(), digest);
        return ImageContent.CONTENT_TYPES;
    }

    /** All files, streamed as the rows come (Anchore's shape). */
    @GetMapping("/images/{digest}/content/files")
    public ResponseEntity<StreamingResponseBody> files(HttpServletRequest request, @PathVariable String digest) {
        ImageContent.FilesWriter writer = content.allFiles(Caller.of(request).account(), digest);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(writer::writeTo);
    }

    /** One page of files in path order, continuing after the path {@code after}; {@code next} is set while more remain. */
    @GetMapping(path = "/images/{digest}/content/files", params = "limit")
    public Map<String, Object> filesPage(HttpServletRequest request, @PathVariable String digest,
                                         @RequestParam int limit, @RequestParam(required = false) String after) {
        return content.filesPage(Caller.of(request).account(), digest, after, limit);
    }

    @GetMapping("/images/{digest}/content/{type}")
    public Map<String, Object> content(HttpServletRequest request, @PathVariable String digest, @PathVariable String type) {
        return content.packages(Caller.of(request).account(), digest, type);
    }

    @GetMapping("/images/{digest}/artifacts/{kind}")
    public List<Map<String, Object>> artifacts(HttpServletRequest request, @PathVariable String digest,
                                               @PathVariable String kind) {
        return content.artifacts(Caller.of(request).account(), digest, kind);
    }

    @GetMapping("/images/{digest}/metadata")
    public List<String> metadataTypes(HttpServletRequest request, @PathVariable String digest) {
        queries.require(Caller.of(request).account(), digest);
        return ImageContent.METADATA_TYPES;
    }

    @GetMapping("/images/{digest}/metadata/{type}")
    public Map<String, Object> metadata(HttpServletRequest request, @PathVariable String digest,
                                        @PathVariable String type) {
        return content.metadata(Caller.of(request).account(), digest, type);
    }

    @GetMapping("/images/{digest}/check")
    public List<Map<String, Object>> check(HttpServletRequest request, @PathVariable String digest,
                                           @RequestParam(required = false) String tag,
                                           @RequestParam(required = false) String policyId,
                                           @RequestParam(required = false) String detail,
                                           @RequestParam(required = false) String history) {
        return check.check(Caller.of(request).account(), digest, tag, policyId, QueryFlags.parse(detail, true),
                QueryFlags.parse(history, false));
    }
}
