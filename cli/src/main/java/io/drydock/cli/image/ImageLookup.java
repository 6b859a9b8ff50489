package io.drydock.cli.image;

import io.drydock.cli.ApiClient;
import io.drydock.cli.CliException;
import io.drydock.cli.Query;
import tools.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * The {@code <img>} argument of image and evaluate commands: a digest ({@code sha256:…}, also at the end of a
 * {@code repo@sha256:…} reference) or a tag, which the API resolves to the digest it last recorded for it
 * ({@code GET /images?fulltag=…}).
 *
 * @param digest the image digest
 * @param tag    the tag the image was named by, or null when a digest was given
 */
public record ImageLookup(String digest, String tag) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{64}");

    public static ImageLookup resolve(ApiClient api, String input) {
        String text = input.strip();
        int at = text.lastIndexOf('@');
        String candidate = at >= 0 ? text.substring(at + 1) : text;
        if (DIGEST.matcher(candidate).matches()) {
            return new ImageLookup(candidate, null);
        }
        if (IMAGE_ID.matcher(text).matches()) {
            throw new CliException("'" + text + "' looks like an image id; give the image digest (sha256:…) or a tag");
        }
        JsonNode images = api.get("/images", Query.of().add("fulltag", text).flag("history", false));
        if (!images.isArray() || images.isEmpty()) {
            throw new CliException("no image tagged '" + text + "' in this account (see 'image list')");
        }
        return new ImageLookup(images.get(0).path("imageDigest").asString(), text);
    }
}
