package io.drydock.platform.events;

/**
 * Who this process is, for the events log and the service registry.
 *
 * @param serviceName e.g. {@code analyzer-worker}, or {@code drydock} for the all-in-one runtime
 * @param hostId      unique per process: host name plus process id unless configured
 */
public record ServiceIdentity(String serviceName, String hostId) {
}
