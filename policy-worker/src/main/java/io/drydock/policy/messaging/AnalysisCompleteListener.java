package io.drydock.policy.messaging;

import io.drydock.platform.messaging.EventCodec;
import io.drydock.policy.evaluation.EvaluationService;
import io.drydock.policy.vulnmatch.VulnerabilityMatchService;
import io.drydock.schemas.events.AnalysisComplete;
import io.drydock.schemas.events.AnalysisOutcome;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Decodes analysis-complete, matches the analysed digest's vulnerabilities and evaluates it. */
@Component
class AnalysisCompleteListener {

    private final EventCodec codec;
    private final VulnerabilityMatchService matching;
    private final EvaluationService evaluations;

    AnalysisCompleteListener(EventCodec codec, VulnerabilityMatchService matching, EvaluationService evaluations) {
        this.codec = codec;
        this.matching = matching;
        this.evaluations = evaluations;
    }

    @KafkaListener(id = "policy-worker.analysis-complete", topics = Topics.PREFIX + Topics.ANALYSIS_COMPLETE,
            autoStartup = "${drydock.policy.enabled:true}")
    void on(ConsumerRecord<String, byte[]> record) {
        AnalysisComplete event = codec.decode(Topics.ANALYSIS_COMPLETE_TOPIC, record);
        if (event.status() == AnalysisOutcome.ANALYZED) {
            matching.matchAfterAnalysis(event.imageDigest());
            evaluations.evaluateDigest(event.imageDigest());
        }
    }
}
