package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SettlementPlan;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import java.util.function.Consumer;

/** Starting and signalling schedule workflows from a client (the portal's service). */
public final class SettlementScheduleWorkflows {

    private SettlementScheduleWorkflows() {}

    /**
     * Starts the schedule's workflow; one running already for the merchant is success. A schedule's workflow ends only
     * when cancelled, so the id may be reused after that (a new schedule for the same merchant).
     */
    public static void start(WorkflowClient client, SettlementScheduleState state) {
        SettlementScheduleWorkflow workflow = client.newWorkflowStub(
                SettlementScheduleWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(SettlementScheduleWorkflow.workflowId(state.merchantId()))
                        .setTaskQueue(SettlementScheduleWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::run, state);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // this merchant's schedule runs already
        }
    }

    public static void pause(WorkflowClient client, String merchantId) {
        signal(client, merchantId, SettlementScheduleWorkflow::pause);
    }

    public static void resume(WorkflowClient client, String merchantId) {
        signal(client, merchantId, SettlementScheduleWorkflow::resume);
    }

    public static void triggerNow(WorkflowClient client, String merchantId) {
        signal(client, merchantId, SettlementScheduleWorkflow::triggerNow);
    }

    public static void backfill(WorkflowClient client, String merchantId, Backfill range) {
        signal(client, merchantId, workflow -> workflow.backfill(range));
    }

    public static void reschedule(WorkflowClient client, String merchantId, SettlementPlan plan) {
        signal(client, merchantId, workflow -> workflow.reschedule(plan));
    }

    /** Signals the workflow to stop; one that has ended already is fine. */
    public static void cancel(WorkflowClient client, String merchantId) {
        try {
            stub(client, merchantId).cancel();
        } catch (WorkflowNotFoundException ended) {
            // nothing left to stop
        }
    }

    /** When the next scheduled period runs; empty while paused, or when the workflow is not running. */
    public static Optional<Long> nextRunAtMillis(WorkflowClient client, String merchantId) {
        try {
            return Optional.ofNullable(stub(client, merchantId).nextRunAtMillis());
        } catch (WorkflowNotFoundException | io.temporal.client.WorkflowQueryException notRunning) {
            return Optional.empty();
        }
    }

    private static void signal(WorkflowClient client, String merchantId, Consumer<SettlementScheduleWorkflow> send) {
        send.accept(stub(client, merchantId));
    }

    private static SettlementScheduleWorkflow stub(WorkflowClient client, String merchantId) {
        return client.newWorkflowStub(
                SettlementScheduleWorkflow.class, SettlementScheduleWorkflow.workflowId(merchantId));
    }
}
