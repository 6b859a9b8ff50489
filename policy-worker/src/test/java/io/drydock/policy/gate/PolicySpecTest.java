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
                .startsWith("always", "dockerfile", "vulnerabilities", "metadata", "licenses", "files", "passwd_file",
                        "retrieved_files", "secret_scans")
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

    @Test
    void endOfLifedContentGatesNameTheirNowActiveReplacements() {
        List<PolicySpec.GateSpec> gates = PolicySpec.gates();
        List<String> active = gates.stream().filter(g -> g.state() == GateState.ACTIVE)
                .map(PolicySpec.GateSpec::name).toList();
        assertThat(gates).filteredOn(g -> List.of("secretcheck", "fileparse_passwd", "filecheck").contains(g.name()))
                .allMatch(g -> g.state() == GateState.EOL)
                .extracting(PolicySpec.GateSpec::supercededBy).containsExactly("files", "passwd_file", "secret_scans")
                .allMatch(active::contains);
    }

    @Test
    void describesTheSecretScanParametersWithAnchoreDefaults() {
        JsonNode spec = JsonMapper.builder().build().valueToTree(PolicySpec.gates());
        JsonNode secrets = spec.valueStream().filter(g -> g.get("name").asString().equals("secret_scans"))
                .findFirst().orElseThrow();
        JsonNode params = secrets.get("triggers").get(0).get("parameters");
        assertThat(params.valueStream().map(p -> p.get("name").asString()))
                .containsExactly("content_regex_name", "filename_regex", "match_type");
        assertThat(params.get(0).get("description").asString()).endsWith(
                "Names available by default are: ['AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'PRIV_KEY', 'DOCKER_AUTH', "
                        + "'API_KEY'].");
        assertThat(params.get(2).get("validator").get("criteria").get("enum").valueStream()
                .map(JsonNode::asString)).containsExactly("notfound", "found");
    }
}
