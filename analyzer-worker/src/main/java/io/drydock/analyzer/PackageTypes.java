package io.drydock.analyzer;

import java.util.List;
import java.util.Set;

/**
 * The package types an analysis stores, and the content types ({@code /content/{type}}) that show them. OS types keep
 * Anchore's spelling ({@code APKG}); the others are lower case and are also their content type's name.
 */
public final class PackageTypes {

    public static final String DPKG = "dpkg";
    public static final String APK = "APKG";
    public static final String RPM = "rpm";
    public static final String JAVA = "java";
    public static final String PYTHON = "python";
    public static final String NPM = "npm";
    public static final String GEM = "gem";
    public static final String GO = "go";
    public static final String RUST = "rust";
    public static final String NUGET = "nuget";
    public static final String COMPOSER = "composer";
    public static final String BINARY = "binary";

    public static final Set<String> OS = Set.of(DPKG, APK, RPM);
    public static final List<String> LANGUAGE = List.of(JAVA, PYTHON, NPM, GEM, GO, RUST, NUGET, COMPOSER, BINARY);

    private PackageTypes() {
    }

    public static boolean isOs(String type) {
        return OS.contains(type);
    }
}
