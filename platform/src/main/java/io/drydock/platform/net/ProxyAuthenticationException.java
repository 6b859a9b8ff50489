package io.drydock.platform.net;

import java.io.IOException;

/** The proxy answered {@code 407 Proxy Authentication Required}: it wants credentials, or refused the ones sent. */
public class ProxyAuthenticationException extends IOException {

    public ProxyAuthenticationException(String message) {
        super(message);
    }
}
