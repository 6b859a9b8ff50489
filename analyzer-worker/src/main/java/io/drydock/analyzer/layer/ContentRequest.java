package io.drydock.analyzer.layer;

/**
 * What a cataloger wants kept in memory of one file.
 *
 * @param complete          keep all of it; a file larger than the single-file limit then fails the analysis,
 *                          because a truncated package database would silently drop packages
 * @param headBytes         when not complete: keep at most this prefix (enough for version strings and small text)
 * @param keepLayerVersions keep every layer's copy, not just the final one: package databases need this to attribute
 *                          each package to the first layer that listed it
 */
public record ContentRequest(boolean complete, int headBytes, boolean keepLayerVersions) {

    public ContentRequest {
        if (!complete && headBytes <= 0) {
            throw new IllegalArgumentException("a head request needs a positive byte count");
        }
    }

    public static ContentRequest wholeFile() {
        return new ContentRequest(true, 0, false);
    }

    public static ContentRequest head(int bytes) {
        return new ContentRequest(false, bytes, false);
    }

    public ContentRequest withLayerVersions() {
        return new ContentRequest(complete, headBytes, true);
    }
}
