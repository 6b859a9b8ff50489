package io.drydock.platform.versions;

import java.util.Comparator;

/**
 * Orders the versions of one ecosystem exactly as that ecosystem's own tool does (dpkg, rpm, apk-tools, Maven,
 * pip, npm, ...). Vulnerability matching decides "affected" by these comparisons, so each implementation is tested
 * against its authority. Implementations are stateless and thread-safe.
 */
public interface VersionComparator extends Comparator<String> {

    /** The ecosystem as OSV names it ({@code Debian}, {@code Alpine}, {@code Maven}, {@code PyPI}, ...). */
    String ecosystem();

    /** Whether the ecosystem's tool accepts this version string. */
    boolean isValid(String version);

    /**
     * @throws InvalidVersionException when either version is one the ecosystem's tool refuses: a match must never be
     *                                 decided on a guess
     */
    @Override
    int compare(String left, String right);
}
