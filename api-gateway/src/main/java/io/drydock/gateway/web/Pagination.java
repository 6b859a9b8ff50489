package io.drydock.gateway.web;

import io.drydock.gateway.error.ApiException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anchore's paginated envelope ({@code anchore_engine.common.pagination}): {@code {<key>: [...], page, returned_count,
 * total_count, next_page?}}, {@code page} and {@code next_page} as strings; without {@code limit} everything is page 1;
 * {@code next_page} only while items remain after this page.
 *
 * @param page  1-based
 * @param limit null for no limit
 */
public record Pagination(int page, Integer limit) {

    /** From the query parameters as sent; 400 when either is not a positive number. */
    public static Pagination of(String page, String limit) {
        return new Pagination(page == null || page.isBlank() ? 1 : positive("page", page),
                limit == null || limit.isBlank() ? null : positive("limit", limit));
    }

    /** The envelope of one page of {@code items}, which the caller has sorted. */
    public Map<String, Object> envelope(String key, List<?> items) {
        return envelope(key, slice(items), items.size());
    }

    /** This page of {@code items}. */
    public <T> List<T> slice(List<T> items) {
        int from = from(items.size());
        return items.subList(from, limit == null ? items.size() : (int) Math.min(items.size(), (long) from + limit));
    }

    /** The envelope of a page already cut with {@link #slice} from {@code total} items. */
    public Map<String, Object> envelope(String key, List<?> pageItems, int total) {
        int shownPage = limit == null ? 1 : page;
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put(key, pageItems);
        envelope.put("page", String.valueOf(shownPage));
        envelope.put("returned_count", pageItems.size());
        envelope.put("total_count", total);
        if (from(total) + pageItems.size() < total) {
            envelope.put("next_page", String.valueOf(shownPage + 1));
        }
        return envelope;
    }

    private int from(int total) {
        return limit == null ? 0 : (int) Math.min(total, (long) (page - 1) * limit);
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a whole number of at least 1, not '" + value + "'");
    }
}
