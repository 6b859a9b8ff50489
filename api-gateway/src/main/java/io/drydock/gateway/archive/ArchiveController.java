package io.drydock.gateway.archive;

import io.drydock.gateway.account.Caller;
import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.image.ImageQueries;
import io.drydock.gateway.web.QueryFlags;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/images/archive}: an image uploaded as a {@code docker save} tar or an OCI archive (multipart field
 * {@code archive_file}), analysed like one added by tag. Not part of Anchore's API, which only pulls from registries.
 */
@RestController
@RequestMapping({"/v1", ""})
public class ArchiveController {

    private final ArchiveImports imports;
    private final ImageQueries queries;

    public ArchiveController(ArchiveImports imports, ImageQueries queries) {
        this.imports = imports;
        this.queries = queries;
    }

    @PostMapping(path = "/images/archive", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public List<Map<String, Object>> upload(HttpServletRequest request,
                                            @RequestPart(name = "archive_file", required = false) MultipartFile archive,
                                            @RequestParam(required = false) String tag,
                                            @RequestParam(required = false) String format,
                                            @RequestParam(required = false) String platform,
                                            @RequestParam(required = false) String force,
                                            @RequestParam(required = false) String autosubscribe) {
        if (archive == null || archive.isEmpty()) {
            throw ApiException.badRequest("multipart field 'archive_file' with the image archive is required");
        }
        String account = Caller.of(request).account();
        Path upload = null;
        try {
            upload = Files.createTempFile("drydock-upload-", ".tar");
            archive.transferTo(upload);
            return List.of(queries.view(imports.importArchive(account, upload, tag, format, platform,
                    QueryFlags.parse(force, false), QueryFlags.parse(autosubscribe, false))));
        } catch (IOException e) {
            throw new UncheckedIOException("receiving the uploaded archive failed", e);
        } finally {
            if (upload != null) {
                try {
                    Files.deleteIfExists(upload);
                } catch (IOException e) {
                    // The temp directory is swept by the OS; nothing depends on this file any more.
                }
            }
        }
    }
}
