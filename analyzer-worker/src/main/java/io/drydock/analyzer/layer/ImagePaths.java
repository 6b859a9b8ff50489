package io.drydock.analyzer.layer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Paths inside an image, normalised to the form the file system view is keyed by: relative to the root, no leading
 * {@code ./} or {@code /}, no {@code .} or empty components, {@code ..} collapsed. The root itself is {@code ""}.
 */
public final class ImagePaths {

    private ImagePaths() {
    }

    /**
     * Normalises a tar entry name or a hard link target. Empty when the path climbs above the root: such an entry
     * is never followed, because an extractor that honoured it would write outside the image.
     */
    public static Optional<String> normalize(String raw) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    public static int depth(String path) {
        if (path.isEmpty()) {
            return 0;
        }
        int depth = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /** The absolute form users see ({@code /etc/passwd}). */
    public static String absolute(String path) {
        return "/" + path;
    }
}
