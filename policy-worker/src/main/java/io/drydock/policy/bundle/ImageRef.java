package io.drydock.policy.bundle;

/** The image part of a mapping or selection rule. @param type {@code tag}, {@code digest} or {@code id} */
public record ImageRef(String type, String value) {}
