package io.drydock.policy.gate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs one trigger of the standard registry the way the engine does: prepare, then evaluate. */
final class GateHarness {
    private static final GateRegistry GATES = GateRegistry.standard();

    private GateHarness() {}

    static List<TriggerMatch> fire(String gateName, String triggerName, Map<String, String> params, ImageFacts image,
                                   Instant now) {
        return run(GATES.find(gateName).orElseThrow(), triggerName, params, image, now);
    }

    @SuppressWarnings("unchecked")
    private static <C> List<TriggerMatch> run(Gate<C> gate, String triggerName, Map<String, String> params,
                                              ImageFacts image, Instant now) {
        Trigger<C> trigger = gate.trigger(triggerName).orElseThrow();
        for (Map.Entry<String, String> param : params.entrySet()) {
            TriggerParam declared = trigger.param(param.getKey()).orElseThrow();
            if (declared.validator().problem(param.getValue()).isPresent()) {
                throw new IllegalArgumentException("invalid test parameter " + param);
            }
        }
        Firings out = new Firings(gate.name(), trigger.name());
        trigger.evaluator().evaluate(
                new TriggerInput<>(image, gate.preparer().apply(image), RuleParams.of(params), now, "rule-1"), out);
        return out.matches();
    }

    static String md5(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return String.format("%032x", new java.math.BigInteger(1, digest));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
