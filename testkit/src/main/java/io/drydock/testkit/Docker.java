package io.drydock.testkit;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can be used here; where not, the tests start the same servers embedded. */
final class Docker {

    private static final boolean AVAILABLE = !Boolean.getBoolean("drydock.test.no-docker")
            && DockerClientFactory.instance().isDockerAvailable();

    private Docker() {
    }

    static boolean available() {
        return AVAILABLE;
    }
}
