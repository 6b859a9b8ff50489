package io.drydock.analyzer.catalogers.npm;

/** One package a lock file pins: its real name (an alias resolved) and the exact version installed. */
record LockedPackage(String name, String version) {
}
