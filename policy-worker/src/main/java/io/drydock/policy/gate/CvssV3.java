package io.drydock.policy.gate;

/** CVSS v3 scores of one vulnerability, already reduced to the maximum over the source's references. */
public record CvssV3(double baseScore, double exploitabilityScore, double impactScore) {}
