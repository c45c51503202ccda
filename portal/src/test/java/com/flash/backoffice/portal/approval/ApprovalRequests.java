package com.flash.backoffice.portal.approval;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.workflows.approval.ApprovalHostWorkflow;
import com.flash.backoffice.workflows.approval.ApprovalHostWorkflowImpl;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.approval.ApprovalSubject;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Test only: requests waiting for approval, each hosted by the test-only requesting workflow on its own worker (the
 * portal's worker runs the real inbox activities).
 */
public final class ApprovalRequests implements AutoCloseable {

    public static final ApprovalPolicy POLICY =
            new ApprovalPolicy("FINANCE", 1_000_000L, 100_000_000L, Duration.ofHours(4), Duration.ofDays(2));

    private final WorkflowClient client;
    private final ApprovalRepository inbox;
    private final String merchantId;
    private final WorkerFactory workers;

    public ApprovalRequests(WorkflowClient client, ApprovalRepository inbox, String merchantId) {
        this.client = client;
        this.inbox = inbox;
        this.merchantId = merchantId;
        this.workers = WorkerFactory.newInstance(client);
        workers.newWorker(ApprovalHostWorkflow.TASK_QUEUE)
                .registerWorkflowImplementationTypes(ApprovalHostWorkflowImpl.class);
        workers.start();
    }

    /** Starts a request by {@code requester} and waits until its workflow has opened the inbox row. */
    public String request(long amountMsat, String requester) {
        return opened(start(amountMsat, requester));
    }

    /** Waits until the workflow of a started request has opened its inbox row. */
    public String opened(String id) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (inbox.find(id).isEmpty()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the inbox row of " + id + " was never opened");
            }
            Thread.onSpinWait();
        }
        return id;
    }

    /** Starts a request without waiting for anything. */
    public String start(long amountMsat, String requester) {
        String id = "payout-test-" + UUID.randomUUID();
        ApprovalHostWorkflow host = client.newWorkflowStub(
                ApprovalHostWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(id)
                        .setTaskQueue(ApprovalHostWorkflow.TASK_QUEUE)
                        .build());
        WorkflowClient.start(
                host::run,
                new ApprovalSubject(
                        ApprovalKind.PAYOUT, id, id, merchantId, amountMsat, requester, "to bc1q payout address"),
                POLICY);
        return id;
    }

    public ApprovalOutcome outcome(String subjectId) throws Exception {
        return client.newUntypedWorkflowStub(subjectId)
                .getResultAsync(ApprovalOutcome.class)
                .get(20, TimeUnit.SECONDS);
    }

    public ApprovalHostWorkflow host(String subjectId) {
        return client.newWorkflowStub(ApprovalHostWorkflow.class, subjectId);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
