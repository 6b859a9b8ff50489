package io.drydock.platform.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into the addresses it stands for; a test hands in fixed answers. */
@FunctionalInterface
public interface HostResolver {

    /** The JDK's resolver (the system's, through {@link InetAddress}'s cache). */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /** @return every address of {@code host}, never empty */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
