package io.drydock.platform.registry;

import java.time.Duration;

/** Waits between attempts; a test hands in one that moves its clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
