package io.drydock.gateway.event;

import io.drydock.gateway.account.Caller;
import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.web.ApiTime;
import jakarta.servlet.http.HttpServletRequest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.EVENT_LOG;
import static org.jooq.impl.DSL.noCondition;

/** The events log of the caller's account (Anchore §1.11): filter, page, read and delete. */
@RestController
@RequestMapping({"/v1", ""})
public class EventController {

    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9\\-_.*]+");

    private final DSLContext dsl;
    private final JsonMapper json;

    public EventController(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    @GetMapping("/events")
    public Map<String, Object> list(HttpServletRequest request,
                                    @RequestParam(name = "source_servicename", required = false) String service,
                                    @RequestParam(name = "source_hostid", required = false) String host,
                                    @RequestParam(name = "event_type", required = false) String type,
                                    @RequestParam(name = "resource_type", required = false) String resourceType,
                                    @RequestParam(name = "resource_id", required = false) String resourceId,
                                    @RequestParam(required = false) String level,
                                    @RequestParam(required = false) String since,
                                    @RequestParam(required = false) String before,
                                    @RequestParam(defaultValue = "1") int page,
                                    @RequestParam(defaultValue = "100") int limit) {
        if (page < 1) {
            throw ApiException.badRequest("page must be 1 or more");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000");
        }
        Condition condition = window(Caller.of(request).account(), since, before, level);
        if (service != null) {
            condition = condition.and(EVENT_LOG.SOURCE_SERVICE.eq(service));
        }
        if (host != null) {
            condition = condition.and(EVENT_LOG.SOURCE_HOST.eq(host));
        }
        if (type != null) {
            if (!EVENT_TYPE.matcher(type).matches()) {
                throw ApiException.badRequest("event_type must match [a-z0-9-_.*]+");
            }
            condition = condition.and(EVENT_LOG.TYPE.like(type.replace("%", "\\%").replace("_", "\\_").replace('*', '%'), '\\'));
        }
        if (resourceType != null) {
            condition = condition.and(EVENT_LOG.RESOURCE_TYPE.eq(resourceType));
        }
        if (resourceId != null) {
            condition = condition.and(EVENT_LOG.RESOURCE_ID.eq(resourceId));
        }
        // One more than a page tells whether another page follows.
        List<Map<String, Object>> rows = dsl.selectFrom(EVENT_LOG).where(condition)
                .orderBy(EVENT_LOG.CREATED_AT.desc(), EVENT_LOG.ID.desc())
                .limit(limit + 1).offset((long) (page - 1) * limit)
                .fetch(this::view);
        boolean more = rows.size() > limit;
        List<Map<String, Object>> results = more ? rows.subList(0, limit) : rows;
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("results", results);
        response.put("next_page", more);
        response.put("item_count", results.size());
        response.put("page", page);
        return response;
    }

    @GetMapping("/events/{id}")
    public Map<String, Object> get(HttpServletRequest request, @PathVariable String id) {
        return dsl.selectFrom(EVENT_LOG).where(EVENT_LOG.ACCOUNT.eq(Caller.of(request).account()), EVENT_LOG.ID.eq(uuid(id)))
                .fetchOptional(this::view)
                .orElseThrow(() -> ApiException.notFound("Resource event " + id + " not found"));
    }

    @DeleteMapping("/events/{id}")
    @Transactional
    public Map<String, Object> delete(HttpServletRequest request, @PathVariable String id) {
        int deleted = dsl.deleteFrom(EVENT_LOG)
                .where(EVENT_LOG.ACCOUNT.eq(Caller.of(request).account()), EVENT_LOG.ID.eq(uuid(id))).execute();
        if (deleted == 0) {
            throw ApiException.notFound("Resource event " + id + " not found");
        }
        return Map.of();
    }

    @DeleteMapping("/events")
    @Transactional
    public List<String> deleteMany(HttpServletRequest request, @RequestParam(required = false) String since,
                                   @RequestParam(required = false) String before, @RequestParam(required = false) String level) {
        return dsl.deleteFrom(EVENT_LOG).where(window(Caller.of(request).account(), since, before, level))
                .returning(EVENT_LOG.ID).fetch(r -> r.getId().toString());
    }

    private static Condition window(String account, String since, String before, String level) {
        Instant from = since == null ? null : time("since", since);
        Instant until = before == null ? null : time("before", before);
        if (from != null && until != null && !from.isBefore(until)) {
            throw ApiException.badRequest("since must be before before");
        }
        Condition condition = EVENT_LOG.ACCOUNT.eq(account);
        condition = condition.and(from == null ? noCondition() : EVENT_LOG.CREATED_AT.ge(utc(from)));
        condition = condition.and(until == null ? noCondition() : EVENT_LOG.CREATED_AT.lt(utc(until)));
        return condition.and(level == null ? noCondition() : EVENT_LOG.LEVEL.eq(level.toLowerCase(java.util.Locale.ROOT)));
    }

    /** ISO-8601 with or without offset (UTC assumed), or a date. */
    private static Instant time(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new ApiException(400, "invalid date format for " + name + ": " + value,
                            Map.of("Property", name, "Value", value));
                }
            }
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Resource event " + id + " not found");
        }
    }

    private Map<String, Object> view(io.drydock.schemas.db.tables.records.EventLogRecord r) {
        String created = ApiTime.format(r.getCreatedAt().toInstant());
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("user_id", r.getAccount());
        resource.put("type", r.getResourceType());
        resource.put("id", r.getResourceId());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("servicename", r.getSourceService());
        source.put("hostid", r.getSourceHost());
        source.put("base_url", null);
        source.put("request_id", null);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", r.getType());
        event.put("level", r.getLevel());
        event.put("message", r.getMessage());
        event.put("details", json.readTree(r.getDetails().data()));
        event.put("timestamp", created);
        event.put("resource", resource);
        event.put("source", source);
        int dot = r.getType().indexOf('.');
        event.put("category", dot < 0 ? r.getType() : r.getType().substring(0, dot));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("generated_uuid", r.getId().toString());
        view.put("created_at", created);
        view.put("event", event);
        return view;
    }
}
