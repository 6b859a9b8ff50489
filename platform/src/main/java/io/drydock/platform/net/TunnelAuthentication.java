package io.drydock.platform.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the JDK's HTTP client send Basic proxy credentials on the CONNECT that opens a tunnel to an https:// target.
 *
 * <p>The JDK refuses by default ({@code jdk.http.auth.tunneling.disabledSchemes=Basic} in its {@code net.properties}):
 * it silently drops a Basic {@code Proxy-Authorization} from the CONNECT, so an authenticating proxy answers 407 to
 * every https:// request. The default protects credentials from a proxy the JVM picked up without being asked; here the
 * operator gave the credentials for exactly this proxy, and the proxy connection is plain HTTP either way (curl and
 * Python send Basic on CONNECT too). The JDK reads both properties once, when the first {@code HttpClient} of the JVM
 * is built, so this runs as early as possible: from {@link ProxyEnvironmentPostProcessor} at application start, and
 * again from {@link OutboundHttp} for code that builds its clients without Spring.
 */
public final class TunnelAuthentication {

    static final String TUNNELING = "jdk.http.auth.tunneling.disabledSchemes";
    static final String PROXYING = "jdk.http.auth.proxying.disabledSchemes";

    private static final Logger log = LoggerFactory.getLogger(TunnelAuthentication.class);

    private TunnelAuthentication() {
    }

    /**
     * Enables Basic proxy authentication (tunnelled and plain) when a proxy of {@code settings} has credentials. An
     * operator's own value of either property (a {@code -D} option) is kept.
     *
     * @return whether Basic is allowed for tunnels after the call
     */
    public static synchronized boolean enableFor(ProxySettings settings) {
        if (!settings.anyCredentials()) {
            return false;
        }
        boolean allowed = true;
        for (String property : new String[]{TUNNELING, PROXYING}) {
            String current = System.getProperty(property);
            if (current == null) {
                System.setProperty(property, "");
            } else if (current.toLowerCase(java.util.Locale.ROOT).contains("basic")) {
                log.warn("{} is set to '{}'; Basic credentials for the proxy will not be sent{}", property, current,
                        property.equals(TUNNELING) ? " to https:// targets" : "");
                allowed &= !property.equals(TUNNELING);
            }
        }
        return allowed;
    }
}
