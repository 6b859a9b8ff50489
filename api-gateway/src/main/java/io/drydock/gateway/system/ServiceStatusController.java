package io.drydock.gateway.system;

import io.drydock.gateway.account.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.jooq.DSLContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.drydock.schemas.db.Tables.SERVICE_INSTANCE;

/**
 * Service states from the service registry (every process heartbeats into it), in Anchore's shapes: what
 * {@code anchore-cli system status} and {@code system wait} read.
 */
@RestController
@RequestMapping({"/v1", ""})
public class ServiceStatusController {

    /** Three missed heartbeats (15 s apart by default) and a service counts as down. */
    static final Duration DOWN_AFTER = Duration.ofSeconds(60);

    private final DSLContext dsl;
    private final Clock clock;

    public ServiceStatusController(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @GetMapping("/system")
    public Map<String, Object> system(HttpServletRequest request) {
        Caller.of(request);
        return Map.of("service_states", services());
    }

    @GetMapping("/system/services")
    public List<Map<String, Object>> systemServices(HttpServletRequest request) {
        Caller.of(request).requireAdmin();
        return services();
    }

    @GetMapping("/status")
    public Map<String, Object> status(HttpServletRequest request) {
        Caller.of(request);
        return detail(true, "all good");
    }

    private List<Map<String, Object>> services() {
        Instant now = clock.instant();
        return dsl.selectFrom(SERVICE_INSTANCE).orderBy(SERVICE_INSTANCE.SERVICENAME, SERVICE_INSTANCE.HOSTID).fetch(r -> {
            boolean up = r.getHeartbeatAt().toInstant().isAfter(now.minus(DOWN_AFTER));
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("hostid", r.getHostid());
            service.put("servicename", r.getServicename());
            service.put("base_url", r.getBaseUrl());
            service.put("status", up);
            service.put("status_message", up ? "available" : "no heartbeat since " + r.getHeartbeatAt().toInstant());
            service.put("version", r.getVersion());
            service.put("service_detail", detail(up, up ? "all good" : "down"));
            return service;
        });
    }

    private static Map<String, Object> detail(boolean up, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("available", up);
        detail.put("busy", false);
        detail.put("up", up);
        detail.put("message", message);
        detail.put("version", SystemController.SERVICE_VERSION);
        detail.put("db_version", "drydock");
        return detail;
    }
}
