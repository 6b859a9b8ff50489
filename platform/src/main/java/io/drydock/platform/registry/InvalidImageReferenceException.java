package io.drydock.platform.registry;

/** A pull string that cannot name an image in a registry; the message says which part is wrong. */
public class InvalidImageReferenceException extends IllegalArgumentException {

    public InvalidImageReferenceException(String input, String reason) {
        super("invalid image reference '" + input + "': " + reason);
    }
}
