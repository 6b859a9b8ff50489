package io.drydock.policy.gate;

/**
 * A file the analyzer kept from the image for the content gates (Anchore's {@code retrieve_files}, by default
 * {@code /etc/passwd}).
 *
 * @param path    absolute path in the image
 * @param content the file as text (UTF-8, malformed bytes replaced); null when the stored content could not be read
 */
public record RetrievedFile(String path, String content) {}
