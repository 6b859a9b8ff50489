package io.drydock.policy.bundle;

/** One {@code {name, value}} of a policy rule; values are strings in format 1_0. */
public record RuleParam(String name, String value) {}
