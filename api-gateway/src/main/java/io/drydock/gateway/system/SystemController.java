package io.drydock.gateway.system;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routes clients use to find and check the API (§0.1, §1.1). */
@RestController
public class SystemController {

    /** Anchore's external API version; the CLI needs ≥ 0.1.6 to send tag lookups as query parameters. */
    static final String API_VERSION = "0.1.20";
    /** Drydock's release, as exports name their producer (SBOM tool entries). */
    public static final String DRYDOCK_VERSION = "0.1.0";
    static final String SERVICE_VERSION = "drydock-" + DRYDOCK_VERSION;

    @GetMapping(value = {"/", "/v1"}, produces = "application/json")
    public String root() {
        return "\"v1\"";
    }

    @GetMapping({"/health", "/v1/health"})
    public ResponseEntity<Void> health() {
        return ResponseEntity.ok().build();
    }

    @GetMapping({"/version", "/v1/version"})
    public Map<String, Object> version() {
        return Map.of("service", Map.of("version", SERVICE_VERSION), "api", Map.of("version", API_VERSION),
                "db", Map.of("schema_version", "drydock"));
    }

    @GetMapping({"/swagger.json", "/v1/swagger.json"})
    public Map<String, Object> swagger() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("swagger", "2.0");
        spec.put("info", Map.of("title", "Drydock API (Anchore Engine v1 compatible)", "version", API_VERSION));
        spec.put("basePath", "/v1");
        spec.put("schemes", List.of("http", "https"));
        spec.put("paths", Map.of());
        return spec;
    }
}
