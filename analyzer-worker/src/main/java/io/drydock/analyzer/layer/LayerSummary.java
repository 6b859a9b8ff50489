package io.drydock.analyzer.layer;

/**
 * What streaming one layer found.
 *
 * @param entries   tar entries read, whiteouts and skipped entries included
 * @param fileBytes sum of regular file sizes: the layer size {@code docker history} reports
 */
public record LayerSummary(int index, String digest, long entries, long fileBytes) {
}
