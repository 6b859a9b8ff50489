package io.drydock.gateway.registry;

import io.drydock.gateway.account.Caller;
import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.web.ApiTime;
import io.drydock.gateway.web.QueryFlags;
import io.drydock.platform.credentials.NewRegistryCredential;
import io.drydock.platform.credentials.StoredRegistryCredential;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registry credentials (Anchore §1.10), scoped to the caller's account. The registry in the path is URL-encoded and
 * may hold {@code /} (as {@code %2F}, or plain: everything after {@code /registries/} is the registry).
 */
@RestController
@RequestMapping({"/v1", ""})
public class RegistryController {

    private static final String DOCKER_V2 = "docker_v2";

    private final RegistryCredentialService registries;

    public RegistryController(RegistryCredentialService registries) {
        this.registries = registries;
    }

    @GetMapping("/registries")
    public List<Map<String, Object>> list(HttpServletRequest request) {
        return registries.list(Caller.of(request).account()).stream().map(RegistryController::view).toList();
    }

    @PostMapping("/registries")
    public List<Map<String, Object>> add(HttpServletRequest request, @RequestBody Map<String, Object> body,
                                         @RequestParam(name = "validate", required = false) String validate) {
        NewRegistryCredential credential = credential(body);
        return List.of(view(registries.add(Caller.of(request).account(), credential, QueryFlags.parse(validate, true))));
    }

    @GetMapping("/registries/{*registry}")
    public List<Map<String, Object>> get(HttpServletRequest request, @PathVariable String registry) {
        return List.of(view(registries.get(Caller.of(request).account(), pathRegistry(registry))));
    }

    @PutMapping("/registries/{*registry}")
    public List<Map<String, Object>> update(HttpServletRequest request, @PathVariable String registry,
                                            @RequestBody Map<String, Object> body,
                                            @RequestParam(name = "validate", required = false) String validate) {
        Map<String, Object> withRegistry = new LinkedHashMap<>(body);
        withRegistry.putIfAbsent("registry", pathRegistry(registry));
        return List.of(view(registries.update(Caller.of(request).account(), pathRegistry(registry),
                credential(withRegistry), QueryFlags.parse(validate, true))));
    }

    @DeleteMapping("/registries/{*registry}")
    public Map<String, Object> delete(HttpServletRequest request, @PathVariable String registry) {
        registries.delete(Caller.of(request).account(), pathRegistry(registry));
        return Map.of();
    }

    /** A capture of the rest of the path starts with its {@code /}; the registry is what follows. */
    private static String pathRegistry(String captured) {
        return captured.startsWith("/") ? captured.substring(1) : captured;
    }

    private static NewRegistryCredential credential(Map<String, Object> body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        String registry = RegistryCredentialService.normalise(text(body, "registry"));
        String type = text(body, "registry_type");
        if (type == null || type.isBlank()) {
            type = DOCKER_V2;
        }
        if ("awsecr".equals(type)) {
            throw ApiException.badRequest("registry_type awsecr is not supported: Drydock does not exchange AWS "
                    + "credentials for ECR tokens; store docker_v2 credentials instead (for ECR: user AWS and the "
                    + "password 'aws ecr get-login-password' prints, renewed before it expires)");
        }
        if (!DOCKER_V2.equals(type)) {
            throw ApiException.badRequest("unknown registry_type " + type + "; supported: " + DOCKER_V2);
        }
        String user = required(body, "registry_user");
        String password = required(body, "registry_pass");
        String name = text(body, "registry_name");
        return new NewRegistryCredential(registry, name == null || name.isBlank() ? registry : name, user, password,
                type, flag(body, "registry_verify"));
    }

    private static String required(Map<String, Object> body, String field) {
        String value = text(body, field);
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("'" + field + "' is required");
        }
        return value;
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw ApiException.badRequest("'" + field + "' must be a string");
    }

    /** Defaults to true (verify TLS); the CLI may send a boolean or its string form. */
    private static boolean flag(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return QueryFlags.parse(s.toLowerCase(Locale.ROOT), true);
        }
        if (value == null) {
            return true;
        }
        throw ApiException.badRequest("'" + field + "' must be a boolean");
    }

    /** Anchore's {@code RegistryConfiguration}: never the password. */
    static Map<String, Object> view(StoredRegistryCredential c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("registry", c.registry());
        view.put("registry_name", c.registryName());
        view.put("registry_user", c.registryUser());
        view.put("registry_type", c.registryType());
        view.put("registry_verify", c.verifyTls());
        view.put("userId", c.account());
        view.put("created_at", ApiTime.format(c.createdAt()));
        view.put("last_updated", ApiTime.format(c.lastUpdated()));
        return view;
    }
}
