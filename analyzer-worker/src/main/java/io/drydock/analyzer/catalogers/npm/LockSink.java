package io.drydock.analyzer.catalogers.npm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The packages one lock file pins, each name and version once (a version 2 lock file lists a package at every path it
 * is installed at), bounded in number. Names and versions that are not npm's are dropped, not reported.
 */
final class LockSink {

    private final int max;
    private final Set<LockedPackage> packages = new LinkedHashSet<>();
    private int rejected;

    LockSink(int max) {
        this.max = max;
    }

    /**
     * Adds a package; an alias ({@code "my-lodash"} at version {@code "npm:lodash@4.17.21"}) is the package it names.
     * A URL, git reference or local path in place of a version ({@code git+https://…#sha}, {@code file:../x}) is not
     * a published release and is left out.
     *
     * @throws LockTooLarge past the bound: the lock file is not one a package manager wrote
     */
    void add(String name, String version) {
        if (version != null && version.startsWith("npm:")) {
            String target = version.substring("npm:".length());
            int at = target.lastIndexOf('@');
            if (at > 0) {
                name = target.substring(0, at);
                version = target.substring(at + 1);
            }
        }
        if (version != null && (version.contains(":") || version.contains("/"))) {
            return;
        }
        if (!NpmPackages.validName(name) || !NpmPackages.validVersion(version)) {
            rejected++;
            return;
        }
        if (packages.add(new LockedPackage(name, version)) && packages.size() > max) {
            throw new LockTooLarge(max);
        }
    }

    /** Forgets what was added: a better section of the same file was found. */
    void restart() {
        packages.clear();
        rejected = 0;
    }

    List<LockedPackage> packages() {
        return new ArrayList<>(packages);
    }

    int rejected() {
        return rejected;
    }

    /** More packages than any real lock file pins. */
    static final class LockTooLarge extends RuntimeException {

        LockTooLarge(int max) {
            super("more than " + max + " packages; not read");
        }
    }
}
