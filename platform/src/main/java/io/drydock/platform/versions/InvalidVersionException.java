package io.drydock.platform.versions;

/** A version string its ecosystem's own tool would refuse. */
public class InvalidVersionException extends IllegalArgumentException {

    public InvalidVersionException(String ecosystem, String version, String reason) {
        super(ecosystem + " version '" + version + "' is invalid: " + reason);
    }
}
