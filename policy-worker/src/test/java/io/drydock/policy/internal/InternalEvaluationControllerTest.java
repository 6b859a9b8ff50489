package io.drydock.policy.internal;

import io.drydock.platform.internal.InternalToken;
import io.drydock.policy.evaluation.EvaluationService;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class InternalEvaluationControllerTest {

    private final EvaluationService evaluations = mock(EvaluationService.class);
    private final InternalEvaluationController controller =
            new InternalEvaluationController(evaluations, new InternalToken("s3cret-token"));
    private final InternalEvaluationController.EvaluateRequest request =
            new InternalEvaluationController.EvaluateRequest("alice", "sha256:" + "a".repeat(64), "r/app:1", null);

    @Test
    void refusesCallsWithoutTheRightTokenAndEvaluatesNothing() {
        assertThat(controller.evaluate(null, request).getStatusCode().value()).isEqualTo(401);
        assertThat(controller.evaluate("s3cret-tokeN", request).getStatusCode().value()).isEqualTo(401);
        verifyNoInteractions(evaluations);
    }

    @Test
    void answersNotFoundWhenThereIsNothingToEvaluate() {
        when(evaluations.evaluateNow("alice", request.imageDigest(), "r/app:1", null)).thenReturn(Optional.empty());

        assertThat(controller.evaluate("s3cret-token", request).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void generatesAnUnguessableTokenWhenNoneIsConfigured() {
        InternalToken first = new InternalToken("");
        InternalToken second = new InternalToken("");

        assertThat(first.value()).hasSize(64).isNotEqualTo(second.value());
        assertThat(first.matches(second.value())).isFalse();
    }
}
