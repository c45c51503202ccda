package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalActivitiesImpl;
import com.flash.backoffice.workflows.payment.KillPointPaymentActivities;
import com.flash.backoffice.workflows.payment.KillPoints;
import com.flash.backoffice.workflows.payment.KillWorkerMain;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentWorker;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The payout kill test's worker, a JVM of its own ({@link KillWorkerMain}): the real payout, payment (over the
 * merchant's LND) and approval activities on the real database, the real payout workflow, with the kill points of its
 * plan.
 */
final class PayoutKillWorker {

    static final Duration SAVE_TIMEOUT = Duration.ofSeconds(3);

    private PayoutKillWorker() {}

    public static void main(String[] args) throws Exception {
        KillWorkerMain.run(args, PayoutKillWorker::register);
    }

    static void register(WorkerFactory factory, KillWorkerMain.Connections connections, KillPoints points) {
        DSLContext dsl = connections.dsl();
        WorkerOptions options = WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(KillWorkerMain.STICKY_TIMEOUT)
                .build();
        PayoutActivitiesImpl payouts = new PayoutActivitiesImpl(
                new PayoutRepository(dsl),
                new PayoutWebhooks(new com.flash.backoffice.workflows.webhook.PayoutEventWebhooks(
                        new WebhookRepository(dsl, com.flash.backoffice.db.testsupport.TestMasterKey.seal()),
                        connections.client())),
                message -> {});

        Worker payoutWorker = factory.newWorker(PayoutWorkflow.TASK_QUEUE, options);
        payoutWorker.registerWorkflowImplementationTypes(
                WorkflowImplementationOptions.newBuilder()
                        .setActivityOptions(fastActivityOptions())
                        .build(),
                PayoutWorkflowImpl.class);
        payoutWorker.registerActivitiesImplementations(new KillPointPayoutActivities(payouts, points));
        PaymentWorker.register(
                factory.newWorker(PaymentActivities.TASK_QUEUE, options),
                new KillPointPaymentActivities(KillWorkerMain.payments(dsl, connections.node()), points));
        factory.newWorker(ApprovalActivities.TASK_QUEUE, options)
                .registerActivitiesImplementations(new ApprovalActivitiesImpl(dsl, reminder -> {}));
    }

    /** Per activity type, over the workflow's own options: seconds instead of the production minutes. */
    static Map<String, ActivityOptions> fastActivityOptions() {
        RetryOptions retryAtOnce = RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(100))
                .setMaximumInterval(Duration.ofMillis(500))
                .build();
        Map<String, ActivityOptions> options = new HashMap<>();
        options.put(
                "PaymentPay",
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(15))
                        .setHeartbeatTimeout(KillWorkerMain.HEARTBEAT_TIMEOUT)
                        .setRetryOptions(retryAtOnce.toBuilder()
                                .setDoNotRetry(PaymentActivities.CONFLICTING_ORDER)
                                .build())
                        .build());
        for (String type : List.of("PayoutAnnounceRequest", "PayoutSaveStep", "PayoutNotifyMerchant")) {
            options.put(
                    type,
                    ActivityOptions.newBuilder()
                            .setStartToCloseTimeout(SAVE_TIMEOUT)
                            .setRetryOptions(retryAtOnce)
                            .build());
        }
        return options;
    }
}
