package io.drydock.analyzer.search;

/** A file kept from the image for the policy gates ({@code /etc/passwd}), as Anchore's {@code retrieve_files}. */
public record RetrievedFile(String path, String b64Content) {
}
