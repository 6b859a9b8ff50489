package io.drydock.analyzer.image;

/**
 * One {@code history[]} entry of the image config.
 *
 * @param emptyLayer true for steps that changed only the config ({@code ENV}, {@code CMD}, …) and have no layer
 */
public record HistoryEntry(String created, String createdBy, String comment, String author, boolean emptyLayer) {
}
