package io.drydock.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PolicySpecTest {

    @Test
    void listsActiveGatesBeforeEndOfLifedOnes() {
        List<PolicySpec.GateSpec> gates = PolicySpec.gates();
        assertThat(gates).extracting(PolicySpec.GateSpec::name)
                .startsWith("always", "dockerfile", "vulnerabilities", "metadata", "licenses")
                .contains("anchoresec", "dockerfilecheck", "suiddiff");
        assertThat(gates.stream().dropWhile(g -> g.state() == GateState.ACTIVE))
                .allMatch(g -> g.state() == GateState.EOL);
    }

    @Test
    void describesParametersWithTheirValidators() {
        JsonNode spec = JsonMapper.builder().build().valueToTree(PolicySpec.gates());
        JsonNode dockerfile = spec.get(1);
        assertThat(dockerfile.get("name").asString()).isEqualTo("dockerfile");
        assertThat(dockerfile.get("state").asString()).isEqualTo("active");
        assertThat(dockerfile.has("superceded_by")).isTrue();
        JsonNode instruction = dockerfile.get("triggers").get(0);
        assertThat(instruction.get("name").asString()).isEqualTo("instruction");
        JsonNode param = instruction.get("parameters").get(0);
        assertThat(param.get("name").asString()).isEqualTo("instruction");
        assertThat(param.get("required").asBoolean()).isTrue();
        assertThat(param.get("validator").get("type").asString()).isEqualTo("EnumString");
        assertThat(param.get("validator").get("criteria").get("enum").get(0).asString()).isEqualTo("ADD");

        JsonNode anchoresec = spec.valueStream().filter(g -> g.get("name").asString().equals("anchoresec"))
                .findFirst().orElseThrow();
        assertThat(anchoresec.get("state").asString()).isEqualTo("eol");
        assertThat(anchoresec.get("superceded_by").asString()).isEqualTo("vulnerabilities");
    }
}
