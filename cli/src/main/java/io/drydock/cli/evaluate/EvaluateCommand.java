package io.drydock.cli.evaluate;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.CliException;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Output;
import io.drydock.cli.Query;
import io.drydock.cli.image.ImageLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate check}: the image's policy evaluation for one tag, evaluated now (Anchore §1.6, §5). The exit code is
 * the verdict, as anchore-cli's: 0 pass, 1 fail, 2 error.
 */
@Command(name = "evaluate", description = "Evaluate images against policy.")
public class EvaluateCommand extends ApiCommand {

    @Command(name = "check", description = "Evaluate the image under the active (or named) policy; exit 0 pass, 1 fail.")
    int check(@Parameters(paramLabel = "IMAGE", description = "Digest (sha256:…) or tag.") String image,
              @Option(names = "--tag", paramLabel = "TAG", description = "The tag to evaluate for (default: the one given, or the image's only tag).") String tag,
              @Option(names = {"--policy", "--policyid"}, paramLabel = "ID", description = "A policy other than the active one.") String policy,
              @Option(names = "--detail", description = "Show the final action and every trigger that fired.") boolean detail) {
        ImageLookup found = ImageLookup.resolve(api(), image);
        String evaluatedTag = tag != null ? tag : found.tag() != null ? found.tag() : onlyTag(found.digest());
        JsonNode result = api().get("/images/" + found.digest() + "/check", Query.of().add("tag", evaluatedTag)
                .add("policyId", policy).flag("detail", detail).flag("history", false));
        List<Evaluation> evaluations = evaluations(result);
        if (evaluations.isEmpty()) {
            throw new CliException("the API returned no evaluation of " + found.digest() + " for " + evaluatedTag);
        }
        ExitCode verdict = ExitCode.OK;
        for (Evaluation evaluation : evaluations) {
            if (ExitCode.ofPolicyStatus(evaluation.record().path("status").asString()) == ExitCode.FAILED) {
                verdict = ExitCode.FAILED;
            }
        }
        if (output().jsonMode()) {
            output().json(result);
        } else {
            evaluations.forEach(evaluation -> print(evaluation, detail));
        }
        return verdict.code();
    }

    private String onlyTag(String digest) {
        List<String> tags = new ArrayList<>();
        api().get("/images/" + digest, Query.of()).path(0).path("image_detail")
                .forEach(detail -> tags.add(detail.path("fulltag").asString()));
        if (tags.size() != 1) {
            throw new CliException(tags.isEmpty() ? "image " + digest + " has no tag to evaluate for"
                    : "image " + digest + " has several tags (" + String.join(", ", tags) + "); choose one with --tag");
        }
        return tags.getFirst();
    }

    /** One evaluation record of the response {@code [{digest: {fulltag: [record, …]}}]}. */
    private record Evaluation(String digest, String tag, JsonNode record) {
    }

    private static List<Evaluation> evaluations(JsonNode result) {
        List<Evaluation> evaluations = new ArrayList<>();
        for (JsonNode byDigest : result) {
            for (Map.Entry<String, JsonNode> digest : byDigest.properties()) {
                for (Map.Entry<String, JsonNode> tag : digest.getValue().properties()) {
                    tag.getValue().forEach(record -> evaluations.add(new Evaluation(digest.getKey(), tag.getKey(), record)));
                }
            }
        }
        return evaluations;
    }

    private void print(Evaluation evaluation, boolean detail) {
        JsonNode record = evaluation.record();
        JsonNode policyResult = record.at("/detail/result");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Image Digest", evaluation.digest());
        fields.put("Full Tag", evaluation.tag());
        if (detail) {
            fields.put("Image ID", Output.text(policyResult.get("image_id")));
        }
        fields.put("Status", Output.text(record.get("status")));
        fields.put("Last Eval", Output.text(record.get("last_evaluation")));
        fields.put("Policy ID", Output.text(record.get("policyId")));
        if (detail) {
            fields.put("Final Action", Output.text(policyResult.get("final_action")));
            fields.put("Final Action Reason", Output.text(policyResult.get("final_action_reason")));
        }
        output().fields(fields);
        if (detail) {
            JsonNode rows = policyResult.path("result").path(policyResult.path("image_id").asString()).at("/result/rows");
            List<List<String>> table = new ArrayList<>();
            for (JsonNode row : rows) {
                // Columns of Anchore's rows: image id, tag, trigger id, gate, trigger, check output, action, whitelisted.
                JsonNode whitelisted = row.path(7);
                String status = Output.text(row.path(6)) + (whitelisted.isObject()
                        ? " (whitelisted: " + whitelisted.path("whitelist_name").asString() + ")" : "");
                table.add(List.of(Output.text(row.path(3)), Output.text(row.path(4)), Output.text(row.path(5)), status));
            }
            output().line("");
            output().table(List.of("Gate", "Trigger", "Detail", "Status"), table);
        }
    }
}
