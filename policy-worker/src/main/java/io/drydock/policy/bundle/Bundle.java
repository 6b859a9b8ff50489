package io.drydock.policy.bundle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A policy bundle (format {@code 1_0}). Parsing is lenient: unknown fields are ignored, missing or mistyped ones
 * read as null so that {@link BundleValidator} can report every problem at once. The original document is kept for
 * storage and for echoing in evaluation results.
 */
public record Bundle(String id, String name, String comment, String version, List<Policy> policies,
                     List<Whitelist> whitelists, List<MappingRule> mappings, List<ImageSelectionRule> whitelistedImages,
                     List<ImageSelectionRule> blacklistedImages, JsonNode document) {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    public Bundle {
        policies = policies == null ? null : List.copyOf(policies);
        whitelists = whitelists == null ? List.of() : List.copyOf(whitelists);
        mappings = mappings == null ? null : List.copyOf(mappings);
        whitelistedImages = whitelistedImages == null ? List.of() : List.copyOf(whitelistedImages);
        blacklistedImages = blacklistedImages == null ? List.of() : List.copyOf(blacklistedImages);
    }

    /** @throws InvalidBundleException when the text is not a JSON object */
    public static Bundle parse(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidBundleException("Bundle is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return fromTree(tree);
    }

    /** @throws InvalidBundleException when the tree is not a JSON object */
    public static Bundle fromTree(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new InvalidBundleException("Bundle must be a JSON object", null);
        }
        return new Bundle(
                JsonFields.text(tree, "id"), JsonFields.text(tree, "name"), JsonFields.text(tree, "comment"),
                JsonFields.text(tree, "version"),
                map(JsonFields.objects(tree, "policies"), Bundle::policy),
                map(JsonFields.objects(tree, "whitelists"), Bundle::whitelist),
                map(JsonFields.objects(tree, "mappings"), Bundle::mapping),
                map(JsonFields.objects(tree, "whitelisted_images"), Bundle::selection),
                map(JsonFields.objects(tree, "blacklisted_images"), Bundle::selection),
                tree.deepCopy());
    }

    public List<Policy> policiesWithId(String policyId) {
        return policies == null ? List.of() : policies.stream().filter(p -> policyId.equals(p.id())).toList();
    }

    public List<Whitelist> whitelistsWithId(String whitelistId) {
        return whitelists.stream().filter(w -> whitelistId.equals(w.id())).toList();
    }

    public Optional<Whitelist> whitelist(String whitelistId) {
        return whitelistsWithId(whitelistId).stream().findFirst();
    }

    /** SHA-256 of the document as stored; evaluations are recorded against it. */
    public String digest() {
        try {
            byte[] bytes = JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static <T> List<T> map(List<JsonNode> nodes, java.util.function.Function<JsonNode, T> mapper) {
        return nodes == null ? null : nodes.stream().map(mapper).toList();
    }

    private static Policy policy(JsonNode node) {
        List<PolicyRule> rules = map(JsonFields.objects(node, "rules"), rule -> new PolicyRule(
                JsonFields.text(rule, "id"), JsonFields.text(rule, "gate"), JsonFields.text(rule, "trigger"),
                JsonFields.text(rule, "action"),
                map(JsonFields.objects(rule, "params"),
                        p -> new RuleParam(JsonFields.text(p, "name"), JsonFields.text(p, "value")))));
        return new Policy(JsonFields.text(node, "id"), JsonFields.text(node, "name"), JsonFields.text(node, "comment"),
                JsonFields.text(node, "version"), rules);
    }

    private static Whitelist whitelist(JsonNode node) {
        List<WhitelistItem> items = map(JsonFields.objects(node, "items"), item -> new WhitelistItem(
                JsonFields.text(item, "id"), JsonFields.text(item, "gate"), JsonFields.text(item, "trigger_id"),
                JsonFields.text(item, "expires_on")));
        return new Whitelist(JsonFields.text(node, "id"), JsonFields.text(node, "name"),
                JsonFields.text(node, "comment"), JsonFields.text(node, "version"), items);
    }

    private static MappingRule mapping(JsonNode node) {
        return new MappingRule(JsonFields.text(node, "id"), JsonFields.text(node, "name"),
                JsonFields.text(node, "registry"), JsonFields.text(node, "repository"), image(node),
                JsonFields.text(node, "policy_id"), JsonFields.texts(node, "policy_ids"),
                JsonFields.texts(node, "whitelist_ids"), node.deepCopy());
    }

    private static ImageSelectionRule selection(JsonNode node) {
        return new ImageSelectionRule(JsonFields.text(node, "id"), JsonFields.text(node, "name"),
                JsonFields.text(node, "registry"), JsonFields.text(node, "repository"), image(node), node.deepCopy());
    }

    private static ImageRef image(JsonNode node) {
        JsonNode image = node.get("image");
        if (image == null || !image.isObject()) {
            return null;
        }
        return new ImageRef(JsonFields.text(image, "type"), JsonFields.text(image, "value"));
    }
}
