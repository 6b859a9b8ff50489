package io.drydock.platform.net;

/** A proxy URL or {@code no_proxy} entry that cannot be used; the message names its source and never its password. */
public class ProxyConfigurationException extends IllegalArgumentException {

    public ProxyConfigurationException(String message) {
        super(message);
    }
}
