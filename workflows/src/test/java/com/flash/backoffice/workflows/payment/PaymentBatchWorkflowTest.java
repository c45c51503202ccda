package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.flash.backoffice.db.payment.BatchCustody;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cold batch's rules live in its workflow: who may upload or abandon, and what a refused upload changes. */
class PaymentBatchWorkflowTest {

    private static final List<String> FINANCE = List.of("FINANCE");

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private final ScriptedColdActivities activities = new ScriptedColdActivities();

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        PaymentBatchWorker.register(env.newWorker(OnchainBatcherWorkflow.TASK_QUEUE), activities);
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void a_refused_upload_leaves_the_batch_waiting_and_a_good_one_broadcasts_it_and_ends_the_workflow() {
        PaymentBatchWorkflow batch = coldBatch(1);

        SignatureResult refused = batch.submitSignature(upload("tampered", "fiona", FINANCE));
        SignatureResult accepted = batch.submitSignature(upload("signed", "fiona", FINANCE));

        assertThat(refused.accepted()).isFalse();
        assertThat(refused.refusal()).isEqualTo("AMOUNT_DIFFERS");
        assertThat(accepted.accepted()).isTrue();
        BatchOutcome outcome = WorkflowStub.fromTyped(batch).getResult(BatchOutcome.class);
        assertThat(outcome).isEqualTo(new BatchOutcome(1, "cd".repeat(32), 1_410, null));
        assertThat(activities.uploads).hasValue(2);
    }

    @Test
    void only_finance_uploads_or_abandons_and_admin_is_no_exception() {
        PaymentBatchWorkflow batch = coldBatch(2);

        assertThatThrownBy(() -> batch.submitSignature(upload("signed", "sam", List.of("SUPPORT"))))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause()
                .hasMessageContaining("Only FINANCE signs or abandons an on-chain batch");
        assertThatThrownBy(() -> batch.abandon(new BatchAbandon("ada", List.of("ADMIN"), "lost")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause()
                .hasMessageContaining("Only FINANCE signs or abandons an on-chain batch");
        assertThatThrownBy(() -> batch.submitSignature(upload("", "fiona", FINANCE)))
                .rootCause()
                .hasMessageContaining("Choose the signed PSBT");
        assertThatThrownBy(() -> batch.abandon(new BatchAbandon("fiona", FINANCE, " ")))
                .rootCause()
                .hasMessageContaining("Say why the batch is abandoned");

        assertThat(activities.uploads).hasValue(0);
        assertThat(activities.abandons).hasValue(0);
        assertThat(batch.outcome()).isNull();
    }

    @Test
    void an_abandoned_batch_ends_not_sent_with_the_reason_and_takes_no_upload_afterwards() {
        PaymentBatchWorkflow batch = coldBatch(3);

        BatchOutcome abandoned = batch.abandon(new BatchAbandon("fiona", FINANCE, "the signer is lost"));

        assertThat(abandoned.sent()).isFalse();
        assertThat(abandoned.detail()).isEqualTo("Abandoned by fiona: the signer is lost");
        assertThat(WorkflowStub.fromTyped(batch).getResult(BatchOutcome.class)).isEqualTo(abandoned);
        assertThat(activities.abandons).hasValue(1);
        assertThatThrownBy(() -> batch.submitSignature(upload("signed", "fiona", FINANCE)))
                .as("the workflow has ended")
                .isInstanceOf(WorkflowNotFoundException.class);
        assertThat(activities.uploads).hasValue(0);
    }

    @Test
    void a_hot_batch_takes_no_signature() {
        PaymentBatchWorkflow batch = client.newWorkflowStub(PaymentBatchWorkflow.class, options(4));
        WorkflowClient.start(batch::run, new BatchOpening(4, BatchCustody.HOT, 1));
        WorkflowStub.fromTyped(batch).getResult(BatchOutcome.class);

        assertThat(batch.outcome().txid()).isEqualTo("ab".repeat(32));
        assertThat(activities.uploads).hasValue(0);
    }

    private PaymentBatchWorkflow coldBatch(long batchId) {
        PaymentBatchWorkflow batch = client.newWorkflowStub(PaymentBatchWorkflow.class, options(batchId));
        WorkflowClient.start(batch::run, new BatchOpening(batchId, BatchCustody.COLD, 2));
        await().atMost(Duration.ofSeconds(10)).until(batch::awaitingSignature);
        return batch;
    }

    private static WorkflowOptions options(long batchId) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(PaymentBatchWorkflow.workflowId(batchId))
                .setTaskQueue(OnchainBatcherWorkflow.TASK_QUEUE)
                .build();
    }

    private static SignatureUpload upload(String content, String by, List<String> roles) {
        return new SignatureUpload(content.getBytes(StandardCharsets.UTF_8), by, roles);
    }

    /** Funded at once; an upload of "tampered" is refused, any other broadcast. */
    static final class ScriptedColdActivities implements PaymentBatchActivities {

        final AtomicInteger uploads = new AtomicInteger();
        final AtomicInteger abandons = new AtomicInteger();

        @Override
        public BatchOpening open(String runKey) {
            return null;
        }

        @Override
        public BatchOutcome sendHot(long batchId) {
            return new BatchOutcome(batchId, "ab".repeat(32), 1_000, null);
        }

        @Override
        public ColdFunding fundCold(long batchId) {
            return new ColdFunding(batchId, 1_410, null);
        }

        @Override
        public SignatureResult submitSignature(long batchId, SignatureUpload upload) {
            uploads.incrementAndGet();
            return new String(upload.content(), StandardCharsets.UTF_8).equals("tampered")
                    ? SignatureResult.refused("AMOUNT_DIFFERS", "an amount differs")
                    : SignatureResult.broadcast("cd".repeat(32), 1_410);
        }

        @Override
        public BatchOutcome abandonCold(long batchId, BatchAbandon abandon) {
            abandons.incrementAndGet();
            return new BatchOutcome(batchId, null, 0, "Abandoned by " + abandon.by() + ": " + abandon.reason());
        }
    }
}
