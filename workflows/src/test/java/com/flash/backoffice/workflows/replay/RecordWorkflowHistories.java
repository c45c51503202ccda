package com.flash.backoffice.workflows.replay;

import static org.awaitility.Awaitility.await;

import com.flash.backoffice.db.card.CardReason;
import com.flash.backoffice.db.merchant.GuardedSettings;
import com.flash.backoffice.db.merchant.MerchantChangeStatus;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.payment.BatchCustody;
import com.flash.backoffice.db.reportschedule.ScheduleFrequency;
import com.flash.backoffice.db.settlement.SettlementFrequency;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementRunStatus;
import com.flash.backoffice.db.webhook.DeliveryStatus;
import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.card.CardActivities;
import com.flash.backoffice.workflows.card.CardCommand;
import com.flash.backoffice.workflows.card.CardLifecycleRequest;
import com.flash.backoffice.workflows.card.CardSnapshot;
import com.flash.backoffice.workflows.card.CardTapOrder;
import com.flash.backoffice.workflows.card.CardTapWorkflow;
import com.flash.backoffice.workflows.card.CardTopUpActivities;
import com.flash.backoffice.workflows.card.CardTopUpSnapshot;
import com.flash.backoffice.workflows.card.CardTopUpWorkflow;
import com.flash.backoffice.workflows.card.CardTopUpWorkflows;
import com.flash.backoffice.workflows.card.CardWorker;
import com.flash.backoffice.workflows.card.CardWorkflow;
import com.flash.backoffice.workflows.card.CardWorkflows;
import com.flash.backoffice.workflows.card.ManualTopUpRequest;
import com.flash.backoffice.workflows.invoice.ClosedInvoiceMarkWorkflow;
import com.flash.backoffice.workflows.invoice.ConfirmationsChanged;
import com.flash.backoffice.workflows.invoice.InvoiceRequest;
import com.flash.backoffice.workflows.invoice.InvoiceState;
import com.flash.backoffice.workflows.invoice.InvoiceWorker;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflows;
import com.flash.backoffice.workflows.invoice.MarkRequest;
import com.flash.backoffice.workflows.invoice.MarkResult;
import com.flash.backoffice.workflows.invoice.MarkTarget;
import com.flash.backoffice.workflows.invoice.PaymentDropped;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import com.flash.backoffice.workflows.merchant.MerchantChangeActivities;
import com.flash.backoffice.workflows.merchant.MerchantChangeRequest;
import com.flash.backoffice.workflows.merchant.MerchantChangeSnapshot;
import com.flash.backoffice.workflows.merchant.MerchantChangeWorkflow;
import com.flash.backoffice.workflows.merchant.MerchantChangeWorkflows;
import com.flash.backoffice.workflows.merchant.MerchantWorker;
import com.flash.backoffice.workflows.payment.BatchAbandon;
import com.flash.backoffice.workflows.payment.BatchOpening;
import com.flash.backoffice.workflows.payment.BatchOutcome;
import com.flash.backoffice.workflows.payment.BatcherSettings;
import com.flash.backoffice.workflows.payment.OnchainBatcherWorkflow;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentBatchWorker;
import com.flash.backoffice.workflows.payment.PaymentBatchWorkflow;
import com.flash.backoffice.workflows.payment.SignatureUpload;
import com.flash.backoffice.workflows.payout.PayoutCommand;
import com.flash.backoffice.workflows.payout.PayoutRequest;
import com.flash.backoffice.workflows.payout.PayoutSnapshot;
import com.flash.backoffice.workflows.payout.PayoutStatus;
import com.flash.backoffice.workflows.payout.PayoutWorker;
import com.flash.backoffice.workflows.payout.PayoutWorkflow;
import com.flash.backoffice.workflows.payout.PayoutWorkflows;
import com.flash.backoffice.workflows.refund.RefundClaim;
import com.flash.backoffice.workflows.refund.RefundCommand;
import com.flash.backoffice.workflows.refund.RefundRequest;
import com.flash.backoffice.workflows.refund.RefundSnapshot;
import com.flash.backoffice.workflows.refund.RefundWorker;
import com.flash.backoffice.workflows.refund.RefundWorkflow;
import com.flash.backoffice.workflows.refund.RefundWorkflows;
import com.flash.backoffice.workflows.report.ReportExportActivities;
import com.flash.backoffice.workflows.report.ReportExportOutcome;
import com.flash.backoffice.workflows.report.ReportExportRequest;
import com.flash.backoffice.workflows.report.ReportExportWorker;
import com.flash.backoffice.workflows.report.ReportExportWorkflow;
import com.flash.backoffice.workflows.report.ReportExportWorkflows;
import com.flash.backoffice.workflows.reportschedule.PeriodOutcome;
import com.flash.backoffice.workflows.reportschedule.PeriodRequest;
import com.flash.backoffice.workflows.reportschedule.PeriodResult;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleActivities;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleFailure;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorker;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorkflow;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorkflows;
import com.flash.backoffice.workflows.reportschedule.ScheduleEnd;
import com.flash.backoffice.workflows.reportschedule.ScheduleRequest;
import com.flash.backoffice.workflows.settlement.Backfill;
import com.flash.backoffice.workflows.settlement.SettlementActivities;
import com.flash.backoffice.workflows.settlement.SettlementEnd;
import com.flash.backoffice.workflows.settlement.SettlementFailure;
import com.flash.backoffice.workflows.settlement.SettlementScheduleState;
import com.flash.backoffice.workflows.settlement.SettlementScheduleWorker;
import com.flash.backoffice.workflows.settlement.SettlementScheduleWorkflow;
import com.flash.backoffice.workflows.settlement.SettlementScheduleWorkflows;
import com.flash.backoffice.workflows.webhook.AttemptResult;
import com.flash.backoffice.workflows.webhook.DeliveryChainRequest;
import com.flash.backoffice.workflows.webhook.DeliveryChainResult;
import com.flash.backoffice.workflows.webhook.WebhookActivities;
import com.flash.backoffice.workflows.webhook.WebhookDeliveryWorkflow;
import com.flash.backoffice.workflows.webhook.WebhookWorker;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Records one history per path of each shipped workflow into {@code src/test/resources/histories/<type>/<path>.json},
 * for {@link WorkflowHistoriesReplayTest}. On demand, never by the build: run it when a workflow gains a path, and
 * commit the new files together with that change (see workflows/README.md); files that exist are kept as they are. Every path runs to its end in Temporal's
 * time-skipping test server with in-memory activities; the paths run one after the other so that skipping time
 * for one never moves another.
 */
public final class RecordWorkflowHistories {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final long AMOUNT = 100_000_000L;
    private static final Duration EXPIRY = Duration.ofMinutes(15);
    private static final Duration MONITORING = Duration.ofMinutes(60);

    private final TestWorkflowEnvironment env;
    private final WorkflowClient client;
    private final Path directory;
    private final InMemoryInvoiceActivities invoiceActivities = new InMemoryInvoiceActivities();
    private final ScriptedWebhookActivities webhookActivities = new ScriptedWebhookActivities();
    private final ScriptedReportExportActivities exportActivities = new ScriptedReportExportActivities();
    private final ScriptedScheduleActivities scheduleActivities = new ScriptedScheduleActivities();
    private final ScriptedPayoutActivities payoutActivities = new ScriptedPayoutActivities();
    /** A period of merchant "gone" finds no schedule; every other period requests a payout. */
    private final SettlementActivities settlementActivities = run -> {
        if (run.merchantId().equals("gone")) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "no schedule for gone", SettlementFailure.SCHEDULE_NOT_FOUND.name());
        }
        return new com.flash.backoffice.workflows.settlement.PeriodResult(
                SettlementRunStatus.REQUESTED, "payout-" + run.periodKey(), null);
    };

    private final ScriptedBatchActivities batchActivities = new ScriptedBatchActivities();
    private final ScriptedRefundActivities refundActivities = new ScriptedRefundActivities();
    private final List<String> cardBookings = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScriptedCardLifecycle cardLifecycle = new ScriptedCardLifecycle();
    private final CardActivities cardActivities = new CardActivities() {
        @Override
        public void paid(long tapId, long feeMsat) {
            cardBookings.add(tapId + " paid");
        }

        @Override
        public void paidInternally(long tapId) {
            cardBookings.add(tapId + " paid internally");
        }

        @Override
        public void failed(long tapId, String reason) {
            cardBookings.add(tapId + " failed");
        }
    };

    private final List<String> topUpBookings = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CardTopUpActivities topUpActivities = new CardTopUpActivities() {
        @Override
        public void record(ManualTopUpRequest request) {
            topUpBookings.add(request.topUpId() + " requested");
        }

        @Override
        public com.flash.backoffice.db.card.TopUpCredit credit(String topUpId) {
            topUpBookings.add(topUpId + " credited");
            return new com.flash.backoffice.db.card.TopUpCredit(
                    topUpId, com.flash.backoffice.db.card.TopUpState.CREDITED, "card-replay", AMOUNT, false);
        }

        @Override
        public void cancel(String topUpId, String note) {
            topUpBookings.add(topUpId + " cancelled");
        }
    };

    private final List<String> merchantChanges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MerchantChangeActivities merchantChangeActivities = new MerchantChangeActivities() {
        @Override
        public void record(MerchantChangeRequest request) {
            merchantChanges.add(request.changeId() + " requested");
        }

        @Override
        public MerchantChangeStatus apply(String changeId, String note) {
            merchantChanges.add(changeId + " applied");
            return changeId.endsWith("stale") ? MerchantChangeStatus.STALE : MerchantChangeStatus.APPLIED;
        }

        @Override
        public void close(String changeId, MerchantChangeStatus status, String note) {
            merchantChanges.add(changeId + " " + status);
        }
    };

    private int recorded;

    private RecordWorkflowHistories(TestWorkflowEnvironment env, Path directory) {
        this.env = env;
        this.client = env.getWorkflowClient();
        this.directory = directory;
        InvoiceWorker.register(env.newWorker(InvoiceWorkflow.TASK_QUEUE), invoiceActivities);
        WebhookWorker.register(env.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE), webhookActivities);
        ReportExportWorker.register(env.newWorker(ReportExportWorkflow.TASK_QUEUE), exportActivities);
        ReportScheduleWorker.register(env.newWorker(ReportScheduleWorkflow.TASK_QUEUE), scheduleActivities);
        PayoutWorker.register(env.newWorker(PayoutWorkflow.TASK_QUEUE), payoutActivities.payout);
        SettlementScheduleWorker.register(env.newWorker(SettlementScheduleWorkflow.TASK_QUEUE), settlementActivities);
        env.newWorker(PaymentActivities.TASK_QUEUE).registerActivitiesImplementations(payoutActivities.payment);
        env.newWorker(ApprovalActivities.TASK_QUEUE).registerActivitiesImplementations(payoutActivities.approval);
        PaymentBatchWorker.register(env.newWorker(OnchainBatcherWorkflow.TASK_QUEUE), batchActivities);
        RefundWorker.register(env.newWorker(RefundWorkflow.TASK_QUEUE), refundActivities);
        CardWorker.register(
                env.newWorker(CardTapWorkflow.TASK_QUEUE),
                cardActivities,
                cardLifecycle,
                topUpActivities,
                payoutActivities.payment);
        MerchantWorker.register(env.newWorker(MerchantChangeWorkflow.TASK_QUEUE), merchantChangeActivities);
        env.start();
    }

    /**
     * The histories directory (the exec execution passes workflows/src/test/resources/histories), then optionally the
     * groups to record (invoices, webhooks, exports, schedules, payouts); all of them when none is named.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: RecordWorkflowHistories <histories directory> [group...]");
        }
        Set<String> groups = args.length == 1
                ? Set.of(
                        "invoices",
                        "webhooks",
                        "exports",
                        "schedules",
                        "payouts",
                        "settlements",
                        "batches",
                        "refunds",
                        "cards",
                        "merchants")
                : Set.copyOf(List.of(args).subList(1, args.length));
        Path directory = Path.of(args[0]).toAbsolutePath();
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setInitialTime(START)
                // the recording machine's pid@host would otherwise land in every history
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setIdentity("history-recorder")
                        .build())
                .build());
        try {
            RecordWorkflowHistories recorder = new RecordWorkflowHistories(env, directory);
            if (groups.contains("invoices")) {
                recorder.invoices();
            }
            if (groups.contains("webhooks")) {
                recorder.webhookDeliveries();
            }
            if (groups.contains("exports")) {
                recorder.reportExports();
            }
            if (groups.contains("schedules")) {
                recorder.reportSchedules();
            }
            if (groups.contains("payouts")) {
                recorder.payouts();
            }
            if (groups.contains("settlements")) {
                recorder.settlements();
            }
            if (groups.contains("batches")) {
                recorder.batches();
            }
            if (groups.contains("refunds")) {
                recorder.refunds();
            }
            if (groups.contains("cards")) {
                recorder.cardTaps();
            }
            if (groups.contains("merchants")) {
                recorder.merchantChanges();
            }
            System.out.println("Recorded " + recorder.recorded + " new histories under " + directory);
        } finally {
            env.close();
        }
    }

    private void invoices() throws IOException {
        InvoiceWorkflow lightning = startInvoice("lightning", SpeedPolicy.MEDIUM);
        lightning.paymentSeen(PaymentObserved.lightning("hash-lightning", AMOUNT));
        awaitRevision(lightning, 1);
        finishInvoice(lightning, "lightning-paid-settled");

        InvoiceWorkflow onchain = startInvoice("onchain", SpeedPolicy.MEDIUM);
        onchain.paymentSeen(PaymentObserved.onChain("tx-onchain:0", "bcrt1qonchain", AMOUNT, 0, false));
        awaitRevision(onchain, 1);
        onchain.confirmations(new ConfirmationsChanged("tx-onchain:0", 1));
        awaitRevision(onchain, 2);
        finishInvoice(onchain, "onchain-seen-confirmed-settled");

        InvoiceWorkflow unpaid = startInvoice("unpaid", SpeedPolicy.MEDIUM);
        awaitRevision(unpaid, 0);
        finishInvoice(unpaid, "expired-unpaid");

        InvoiceWorkflow late = startInvoice("late", SpeedPolicy.MEDIUM);
        late.paymentSeen(PaymentObserved.onChain("tx-late-1:0", "bcrt1qlate", 40_000_000L, 0, false));
        awaitRevision(late, 1);
        env.sleep(EXPIRY);
        awaitRevision(late, 2);
        late.paymentSeen(PaymentObserved.onChain("tx-late-2:0", "bcrt1qlate", 60_000_000L, 0, false));
        awaitRevision(late, 3);
        finishInvoice(late, "expired-paid-partial-then-late");

        InvoiceWorkflow over = startInvoice("over", SpeedPolicy.MEDIUM);
        over.paymentSeen(PaymentObserved.onChain("tx-over:0", "bcrt1qover", AMOUNT + 5_000_000L, 0, false));
        awaitRevision(over, 1);
        over.confirmations(new ConfirmationsChanged("tx-over:0", 1));
        awaitRevision(over, 2);
        finishInvoice(over, "paid-over");

        InvoiceWorkflow marked = startInvoice("marked", SpeedPolicy.MEDIUM);
        marked.paymentSeen(PaymentObserved.onChain("tx-marked:0", "bcrt1qmarked", 50_000_000L, 0, false));
        awaitRevision(marked, 1);
        expect(MarkResult.MARKED, marked.mark(new MarkRequest(MarkTarget.SETTLED, "support", "paid in cash")));
        expect(MarkResult.MARKED, marked.mark(new MarkRequest(MarkTarget.INVALID, "finance", "cash was counterfeit")));
        expect(MarkResult.REASON_REQUIRED, marked.mark(new MarkRequest(MarkTarget.SETTLED, "support", " ")));
        finishInvoice(marked, "marked-settled-then-invalid-while-running");

        InvoiceWorkflow markedUnpaid = startInvoice("marked-unpaid", SpeedPolicy.MEDIUM);
        expect(MarkResult.MARKED, markedUnpaid.mark(new MarkRequest(MarkTarget.SETTLED, "support", "paid in cash")));
        markedUnpaid.paymentSeen(PaymentObserved.lightning("hash-marked-unpaid", AMOUNT));
        awaitRevision(markedUnpaid, 2);
        finishInvoice(markedUnpaid, "marked-settled-unpaid-then-paid-to-suspense");

        InvoiceWorkflow dropped = startInvoice("dropped", SpeedPolicy.MEDIUM);
        dropped.paymentSeen(PaymentObserved.onChain("tx-dropped:0", "bcrt1qdropped", AMOUNT, 0, false));
        awaitRevision(dropped, 1);
        dropped.paymentDropped(new PaymentDropped("tx-dropped:0", "reorg"));
        awaitRevision(dropped, 2);
        finishInvoice(dropped, "payment-dropped-by-reorg");

        InvoiceWorkflow unconfirmed = startInvoice("unconfirmed", SpeedPolicy.LOW);
        unconfirmed.paymentSeen(PaymentObserved.onChain("tx-unconfirmed:0", "bcrt1qunconf", AMOUNT, 0, false));
        awaitRevision(unconfirmed, 1);
        finishInvoice(unconfirmed, "monitoring-ended-unconfirmed-invalid");

        custodyInvoices();

        String closedId = invoiceId("closed");
        InvoiceWorkflow closed = startInvoice("closed", SpeedPolicy.MEDIUM);
        awaitRevision(closed, 0);
        WorkflowStub.fromTyped(closed).getResult(InvoiceState.class);
        expect(
                MarkResult.MARKED,
                InvoiceWorkflows.mark(
                        client, closedId, new MarkRequest(MarkTarget.SETTLED, "support", "paid by bank transfer")));
        write(
                "ClosedInvoiceMarkWorkflow",
                "marked-settled-after-close",
                ClosedInvoiceMarkWorkflow.workflowId(closedId));
        expect(
                MarkResult.REASON_REQUIRED,
                InvoiceWorkflows.mark(client, closedId, new MarkRequest(MarkTarget.INVALID, "support", "")));
        write("ClosedInvoiceMarkWorkflow", "refused-without-reason", ClosedInvoiceMarkWorkflow.workflowId(closedId));
    }

    /** The paths of invoices booked by custody ({@code ledger-by-custody} version 1 and later). */
    private void custodyInvoices() throws IOException {
        InvoiceWorkflow lightning = startInvoice("custody-lightning", SpeedPolicy.MEDIUM);
        lightning.paymentSeen(PaymentObserved.lightning("hash-custody-lightning", AMOUNT));
        awaitRevision(lightning, 1);
        finishInvoice(lightning, "custody-lightning-paid-settled");

        InvoiceWorkflow over = startInvoice("custody-over", SpeedPolicy.MEDIUM, OnchainCustody.FLASH_WALLET);
        over.paymentSeen(
                PaymentObserved.onChain("tx-custody-over:0", "bcrt1qcustodyover", AMOUNT + 5_000_000L, 0, false));
        awaitRevision(over, 1);
        over.confirmations(new ConfirmationsChanged("tx-custody-over:0", 1));
        awaitRevision(over, 2);
        finishInvoice(over, "custody-onchain-flash-wallet-settled-paid-over");

        InvoiceWorkflow late = startInvoice("custody-late", SpeedPolicy.MEDIUM, OnchainCustody.FLASH_WALLET);
        awaitRevision(late, 0);
        env.sleep(EXPIRY);
        awaitRevision(late, 1);
        late.paymentSeen(PaymentObserved.onChain("tx-custody-late:0", "bcrt1qcustodylate", AMOUNT, 0, false));
        awaitRevision(late, 2);
        late.confirmations(new ConfirmationsChanged("tx-custody-late:0", 1));
        awaitRevision(late, 3);
        finishInvoice(late, "custody-expired-then-paid-late");

        String refusedId = invoiceId("custody-refused");
        invoiceActivities.refuseNextPosting(refusedId);
        InvoiceWorkflow refused = startInvoice("custody-refused", SpeedPolicy.MEDIUM);
        refused.paymentSeen(PaymentObserved.lightning("hash-custody-refused", AMOUNT));
        // the refusal parks the workflow: the attention reason is saved as the next revision
        awaitRevision(refused, 2);
        expect(true, refused.state().needsAttention());
        refused.retryPosting();
        awaitRevision(refused, 3);
        expect(false, refused.state().needsAttention());
        finishInvoice(refused, "custody-ledger-refused-parked-then-retried");

        InvoiceWorkflow doubleSpent =
                startInvoice("custody-double-spent", SpeedPolicy.HIGH, OnchainCustody.FLASH_WALLET);
        doubleSpent.paymentSeen(
                PaymentObserved.onChain("tx-custody-double-spent:0", "bcrt1qcustodyspent", AMOUNT, 0, false));
        awaitRevision(doubleSpent, 1);
        doubleSpent.paymentDropped(new PaymentDropped("tx-custody-double-spent:0", "double spend"));
        awaitRevision(doubleSpent, 2);
        finishInvoice(doubleSpent, "custody-zero-conf-settled-then-double-spent-reversed");
    }

    private void webhookDeliveries() throws IOException {
        webhookActivities.answer("delivered", attempt -> new AttemptResult(DeliveryStatus.HTTP_SUCCESS, 200, false));
        deliver("delivered", true, "delivered");
        webhookActivities.answer(
                "flaky",
                attempt -> attempt < 2
                        ? new AttemptResult(DeliveryStatus.HTTP_ERROR, 503, false)
                        : new AttemptResult(DeliveryStatus.HTTP_SUCCESS, 200, false));
        deliver("flaky", true, "retried-then-delivered");
        webhookActivities.answer("down", attempt -> new AttemptResult(DeliveryStatus.FAILED, null, false));
        deliver("down", true, "retries-then-gave-up");
        webhookActivities.answer("rejected", attempt -> new AttemptResult(DeliveryStatus.HTTP_ERROR, 400, false));
        deliver("rejected", true, "rejected-without-retry");
        webhookActivities.answer("manual", attempt -> new AttemptResult(DeliveryStatus.HTTP_ERROR, 500, false));
        deliver("manual", false, "manual-redelivery-sent-once");
    }

    private void deliver(String deliveryId, boolean automaticRedelivery, String path) throws IOException {
        WebhookDeliveryWorkflow workflow = client.newWorkflowStub(
                WebhookDeliveryWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WebhookDeliveryWorkflow.workflowId(deliveryId))
                        .setTaskQueue(WebhookDeliveryWorkflow.TASK_QUEUE)
                        .build());
        DeliveryChainResult result = workflow.run(new DeliveryChainRequest(deliveryId, automaticRedelivery));
        System.out.println(path + ": " + result);
        write("WebhookDeliveryWorkflow", path, WebhookDeliveryWorkflow.workflowId(deliveryId));
    }

    private void reportExports() throws IOException {
        export("done", "exported");
        export("broken", "failed-after-retries");
    }

    private void export(String exportId, String path) throws IOException {
        ReportExportWorkflow workflow =
                client.newWorkflowStub(ReportExportWorkflow.class, ReportExportWorkflows.options(exportId));
        ReportExportOutcome outcome = workflow.run(new ReportExportRequest(exportId));
        System.out.println(path + ": " + outcome);
        write("ReportExportWorkflow", path, ReportExportWorkflow.workflowId(exportId));
    }

    private void reportSchedules() throws IOException {
        scheduleActivities.answer("daily", request -> new PeriodResult(PeriodOutcome.SENT, 3L));
        WorkflowExecution first =
                startSchedule(ScheduleRequest.first("daily", ScheduleFrequency.DAILY, "Europe/Zurich"));
        env.sleep(Duration.ofHours(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduleActivities.calls("daily") == 1 && closed(first));
        writeRun("ReportScheduleWorkflow", "period-mailed-then-continued-as-new", first);
        ReportScheduleWorkflow next =
                client.newWorkflowStub(ReportScheduleWorkflow.class, ReportScheduleWorkflow.workflowId("daily"));
        await().atMost(Duration.ofSeconds(30)).until(() -> next.nextRunAtMillis() != null);
        next.cancel();
        expect(ScheduleEnd.CANCELLED, WorkflowStub.fromTyped(next).getResult(ScheduleEnd.class));
        write("ReportScheduleWorkflow", "cancelled-while-waiting", ReportScheduleWorkflow.workflowId("daily"));

        scheduleActivities.answer("gone", request -> {
            throw ApplicationFailure.newNonRetryableFailure(
                    "no schedule gone", ReportScheduleFailure.SCHEDULE_NOT_FOUND.name());
        });
        schedule("gone", ScheduleFrequency.WEEKLY, ScheduleEnd.SCHEDULE_NOT_FOUND, "schedule-not-found");

        scheduleActivities.answer("cancelled", request -> new PeriodResult(PeriodOutcome.SCHEDULE_CANCELLED, null));
        schedule("cancelled", ScheduleFrequency.MONTHLY, ScheduleEnd.CANCELLED, "cancelled-when-sending");

        scheduleActivities.answer("smtp-down", request -> {
            throw new IllegalStateException("SMTP server unreachable");
        });
        WorkflowExecution failing = startSchedule(ScheduleRequest.first("smtp-down", ScheduleFrequency.DAILY, "UTC"));
        // 15 attempts, 30 s doubling to at most 2 h apart: about 13 h after the first boundary
        env.sleep(Duration.ofHours(40));
        await().atMost(Duration.ofSeconds(30)).until(() -> closed(failing));
        writeRun("ReportScheduleWorkflow", "period-failed-then-continued-as-new", failing);
        ReportScheduleWorkflows.cancel(client, "smtp-down");
    }

    private static final ApprovalPolicy PAYOUT_POLICY =
            new ApprovalPolicy("FINANCE", 1_000_000, 100_000_000, Duration.ofHours(4), Duration.ofHours(72));

    private void payouts() throws IOException {
        PayoutWorkflow auto = startPayout("auto", 500_000);
        finishPayout(auto, "auto-approved-paid");

        PayoutWorkflow approved = startPayout("approved", 5_000_000);
        awaitPayout(approved, PayoutStatus.AWAITING_APPROVAL, 0);
        approved.decide(new ApprovalDecision("fiona", Set.of("FINANCE"), ApprovalVerdict.APPROVE, null, 0));
        finishPayout(approved, "approved-by-finance-then-paid");

        PayoutWorkflow two = startPayout("two", 200_000_000);
        awaitPayout(two, PayoutStatus.AWAITING_APPROVAL, 0);
        two.decide(new ApprovalDecision("fiona", Set.of("FINANCE"), ApprovalVerdict.APPROVE, null, 0));
        two.decide(new ApprovalDecision("fred", Set.of("FINANCE"), ApprovalVerdict.APPROVE, null, 1));
        finishPayout(two, "two-approvers-then-paid");

        PayoutWorkflow rejected = startPayout("rejected", 5_000_000);
        awaitPayout(rejected, PayoutStatus.AWAITING_APPROVAL, 0);
        rejected.decide(
                new ApprovalDecision("fiona", Set.of("FINANCE"), ApprovalVerdict.REJECT, "wrong destination", 0));
        finishPayout(rejected, "rejected");

        PayoutWorkflow expired = startPayout("expired", 5_000_000);
        awaitPayout(expired, PayoutStatus.AWAITING_APPROVAL, 0);
        env.sleep(Duration.ofHours(73));
        finishPayout(expired, "expired-at-deadline");

        PayoutWorkflow retried = startPayout("retried-fails", 500_000);
        awaitPayout(retried, PayoutStatus.FAILED, 3);
        retried.retry(new PayoutCommand("fiona", List.of("FINANCE"), 3, null));
        finishPayout(retried, "failed-then-retried-paid");

        PayoutWorkflow cancelled = startPayout("cancelled-fails", 500_000);
        awaitPayout(cancelled, PayoutStatus.FAILED, 3);
        cancelled.cancel(new PayoutCommand("fiona", List.of("FINANCE"), 3, "merchant closed"));
        finishPayout(cancelled, "failed-then-cancelled");

        PayoutWorkflow markedPaid = startPayout("marked-fails", 500_000);
        awaitPayout(markedPaid, PayoutStatus.FAILED, 3);
        markedPaid.markPaid(new PayoutCommand("fiona", List.of("FINANCE"), 3, "bank ref 42"));
        finishPayout(markedPaid, "failed-then-marked-paid");

        PayoutWorkflow withdrawn = startPayout("withdrawn", 5_000_000);
        awaitPayout(withdrawn, PayoutStatus.AWAITING_APPROVAL, 0);
        withdrawn.cancel(new PayoutCommand("sam", List.of("FINANCE"), 0, "typo"));
        finishPayout(withdrawn, "cancelled-awaiting-approval");
    }

    private void settlements() throws IOException {
        SettlementPlan daily = new SettlementPlan(SettlementFrequency.DAILY, null, null, 9 * 60);
        SettlementScheduleWorkflows.start(client, SettlementScheduleState.first("daily", daily, false));
        env.sleep(Duration.ofHours(49));
        finishSettlement("daily", "daily-periods-requested-then-cancelled");

        SettlementScheduleWorkflows.start(client, SettlementScheduleState.first("paused", daily, false));
        SettlementScheduleWorkflows.pause(client, "paused");
        env.sleep(Duration.ofHours(25));
        SettlementScheduleWorkflows.triggerNow(client, "paused");
        env.sleep(Duration.ofMinutes(1));
        SettlementScheduleWorkflows.resume(client, "paused");
        env.sleep(Duration.ofHours(25));
        finishSettlement("paused", "paused-triggered-resumed-then-cancelled");

        SettlementPlan weekly =
                new SettlementPlan(SettlementFrequency.WEEKLY, java.time.DayOfWeek.MONDAY, null, 6 * 60);
        SettlementScheduleWorkflows.start(client, SettlementScheduleState.first("backfilled", weekly, false));
        Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
        SettlementScheduleWorkflows.backfill(client, "backfilled", Backfill.of(now.minus(Duration.ofDays(21)), now));
        env.sleep(Duration.ofMinutes(5));
        finishSettlement("backfilled", "backfilled-then-cancelled");

        SettlementScheduleWorkflows.start(client, SettlementScheduleState.first("gone", daily, false));
        WorkflowStub gone = client.newUntypedWorkflowStub(SettlementScheduleWorkflow.workflowId("gone"));
        expect(SettlementEnd.SCHEDULE_NOT_FOUND, gone.getResult(SettlementEnd.class));
        writeRun("SettlementScheduleWorkflow", "schedule-not-found", gone.getExecution());
    }

    /** Batch 1 (sent) from the batcher's first run, then a run that finds nothing, then continue-as-new. */
    private void batches() throws IOException {
        OnchainBatcherWorkflow batcher = client.newWorkflowStub(
                OnchainBatcherWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OnchainBatcherWorkflow.WORKFLOW_ID)
                        .setTaskQueue(OnchainBatcherWorkflow.TASK_QUEUE)
                        .build());
        WorkflowExecution first = WorkflowClient.start(batcher::run, new BatcherSettings(Duration.ofMinutes(1), 2));
        env.sleep(Duration.ofMinutes(3));
        WorkflowStub sent = client.newUntypedWorkflowStub(PaymentBatchWorkflow.workflowId(1));
        expect("ab".repeat(32), sent.getResult(BatchOutcome.class).txid());
        writeRun("OnchainBatcherWorkflow", "opened-a-batch-then-none-then-continued-as-new", first);
        writeRun("PaymentBatchWorkflow", "hot-sent", sent.getExecution());
        client.newUntypedWorkflowStub(OnchainBatcherWorkflow.WORKFLOW_ID).terminate("recorded");

        WorkflowExecution notSent = WorkflowClient.start(
                client.newWorkflowStub(
                        PaymentBatchWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(PaymentBatchWorkflow.workflowId(2))
                                .setTaskQueue(OnchainBatcherWorkflow.TASK_QUEUE)
                                .build())::run,
                new BatchOpening(2, BatchCustody.HOT, 1));
        WorkflowStub failed = client.newUntypedWorkflowStub(notSent.getWorkflowId());
        expect(false, failed.getResult(BatchOutcome.class).sent());
        writeRun("PaymentBatchWorkflow", "hot-not-sent-fee-above-limit", notSent);

        PaymentBatchWorkflow signed = startColdBatch(3);
        List<String> finance = List.of("FINANCE");
        expect(
                false,
                signed.submitSignature(new SignatureUpload("tampered".getBytes(), "fiona", finance))
                        .accepted());
        expect(
                true,
                signed.submitSignature(new SignatureUpload("signed".getBytes(), "fiona", finance))
                        .accepted());
        WorkflowStub signedStub = WorkflowStub.fromTyped(signed);
        signedStub.getResult(BatchOutcome.class);
        writeRun("PaymentBatchWorkflow", "cold-refused-then-signed-broadcast", signedStub.getExecution());

        PaymentBatchWorkflow abandoned = startColdBatch(4);
        abandoned.abandon(new BatchAbandon("fiona", finance, "the hardware wallet is lost"));
        WorkflowStub abandonedStub = WorkflowStub.fromTyped(abandoned);
        expect(false, abandonedStub.getResult(BatchOutcome.class).sent());
        writeRun("PaymentBatchWorkflow", "cold-abandoned", abandonedStub.getExecution());
    }

    private PaymentBatchWorkflow startColdBatch(long batchId) {
        PaymentBatchWorkflow batch = client.newWorkflowStub(
                PaymentBatchWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(PaymentBatchWorkflow.workflowId(batchId))
                        .setTaskQueue(OnchainBatcherWorkflow.TASK_QUEUE)
                        .build());
        WorkflowClient.start(batch::run, new BatchOpening(batchId, BatchCustody.COLD, 2));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.fetchHistory(PaymentBatchWorkflow.workflowId(batchId)).getEvents().stream()
                        .anyMatch(e -> e.hasActivityTaskCompletedEventAttributes()));
        return batch;
    }

    private void finishSettlement(String merchantId, String path) throws IOException {
        SettlementScheduleWorkflows.cancel(client, merchantId);
        WorkflowStub stub = client.newUntypedWorkflowStub(SettlementScheduleWorkflow.workflowId(merchantId));
        expect(SettlementEnd.CANCELLED, stub.getResult(SettlementEnd.class));
        writeRun("SettlementScheduleWorkflow", path, stub.getExecution());
    }

    private void refunds() throws IOException {
        RefundWorkflow self = startRefund("self", 1_000_000, null);
        awaitRefund(self, com.flash.backoffice.db.refund.RefundState.AWAITING_CLAIM, 1);
        self.claim(RefundClaim.byCustomer("lnbcrt-self"));
        finishRefund(self, "self-approved-claimed-paid");

        RefundWorkflow approved = startRefund("approved", 50_000_000, null);
        awaitRefund(approved, com.flash.backoffice.db.refund.RefundState.AWAITING_APPROVAL, 0);
        approved.decide(new ApprovalDecision("fiona", Set.of("FINANCE"), ApprovalVerdict.APPROVE, null, 0));
        awaitRefund(approved, com.flash.backoffice.db.refund.RefundState.AWAITING_CLAIM, 2);
        approved.claim(new RefundClaim("sue", List.of("SUPPORT"), "lnbcrt-agent"));
        finishRefund(approved, "approved-by-finance-then-agent-destination-paid");

        RefundWorkflow rejected = startRefund("rejected", 50_000_000, null);
        awaitRefund(rejected, com.flash.backoffice.db.refund.RefundState.AWAITING_APPROVAL, 0);
        rejected.decide(new ApprovalDecision("fiona", Set.of("FINANCE"), ApprovalVerdict.REJECT, "no", 0));
        finishRefund(rejected, "rejected");

        RefundWorkflow undecided = startRefund("undecided", 50_000_000, null);
        awaitRefund(undecided, com.flash.backoffice.db.refund.RefundState.AWAITING_APPROVAL, 0);
        env.sleep(Duration.ofHours(73));
        finishRefund(undecided, "expired-at-approval-deadline");

        RefundWorkflow unclaimed = startRefund("unclaimed", 1_000_000, null);
        awaitRefund(unclaimed, com.flash.backoffice.db.refund.RefundState.AWAITING_CLAIM, 1);
        env.sleep(Duration.ofDays(31));
        finishRefund(unclaimed, "claim-expired");

        RefundWorkflow failing = startRefund("fails", 1_000_000, null);
        awaitRefund(failing, com.flash.backoffice.db.refund.RefundState.AWAITING_CLAIM, 1);
        failing.claim(RefundClaim.byCustomer("lnbcrt-first"));
        awaitRefund(failing, com.flash.backoffice.db.refund.RefundState.AWAITING_CLAIM, 3);
        failing.claim(RefundClaim.byCustomer("lnbcrt-second"));
        finishRefund(failing, "payment-failed-then-claimed-again-paid");

        RefundWorkflow destination = startRefund("destination", 1_000_000, "bcrt1qcustomer");
        finishRefund(destination, "destination-at-start-paid");

        RefundWorkflow cancelled = startRefund("cancelled", 1_000_000, null);
        awaitRefund(cancelled, com.flash.backoffice.db.refund.RefundState.AWAITING_CLAIM, 1);
        cancelled.cancel(new RefundCommand("sue", List.of("SUPPORT"), 1, "customer changed their mind"));
        finishRefund(cancelled, "cancelled-awaiting-claim");

        RefundWorkflow spent = startRefund("spent", 1_000_000, null);
        finishRefund(spent, "not-reserved-balance-spent");
    }

    private void cardTaps() throws IOException {
        payCardTap(1, "card-tap-replay-1", "paid");
        payCardTap(2, "card-tap-replay-fails", "payment-failed-returned");
        InvoiceWorkflow shop = startInvoice("card-shop", SpeedPolicy.MEDIUM);
        payCardTap(
                new CardTapOrder(
                        3, "card-replay", "card-tap-replay-3", "lnbcrt-shop", AMOUNT, 0, invoiceId("card-shop")),
                "paid-internally");
        awaitRevision(shop, 1);
        finishInvoice(shop, "card-paid-internally-settled");
        payCardTap(
                new CardTapOrder(
                        4, "card-replay", "card-tap-replay-4", "lnbcrt-gone", AMOUNT, 0, invoiceId("never-started")),
                "internal-invoice-not-open-returned");

        payCardTap(5, "card-tap-replay-5", "paid-booked-locally");
        payCardTap(6, "card-tap-replay-6-fails", "payment-failed-returned-booked-locally");
        InvoiceWorkflow bar = startInvoice("card-bar", SpeedPolicy.MEDIUM);
        payCardTap(
                new CardTapOrder(7, "card-replay", "card-tap-replay-7", "lnbcrt-bar", AMOUNT, 0, invoiceId("card-bar")),
                "paid-internally-booked-locally");
        awaitRevision(bar, 1);

        payCardTap(8, "card-tap-replay-8", "paid-locally");
        payCardTap(9, "card-tap-replay-9-fails", "payment-failed-locally-returned");
        payCardTap(10, "card-tap-replay-10-throws-once", "local-payment-threw-queued-paid");

        CardWorkflow held = startCard("held");
        held.activate(CardCommand.holder("code entered"));
        held.freeze(new CardCommand("sue", List.of("SUPPORT"), CardReason.SUSPECTED_FRAUD, "odd taps"));
        held.unfreeze(new CardCommand("sue", List.of("SUPPORT"), CardReason.RECOVERED, null));
        held.retire(new CardCommand("fiona", List.of("FINANCE"), CardReason.PROGRAMME_ENDED, null));
        finishCard(held, "activated-frozen-unfrozen-retired");

        CardWorkflow idle = startCard("idle");
        env.sleep(Duration.ofDays(31));
        finishCard(idle, "not-activated-in-time-retired");

        CardWorkflow lost = startCard("lost");
        lost.activate(new CardCommand("sue", List.of("SUPPORT"), CardReason.ACTIVATED_BY_SUPPORT, null));
        lost.reportLost(new CardCommand("sue", List.of("SUPPORT"), CardReason.LOST, "holder called"), "card-new");
        finishCard(lost, "activated-then-lost-replaced");

        CardWorkflow blank = startCard("unprogrammed");
        try {
            blank.activate(new CardCommand("sue", List.of("SUPPORT"), CardReason.ACTIVATED_BY_SUPPORT, null));
        } catch (io.temporal.client.WorkflowUpdateException notProgrammed) {
            // the card was never programmed: refused after acceptance, the workflow goes on
        }
        env.sleep(Duration.ofDays(31));
        finishCard(blank, "activation-refused-not-programmed-then-expired");

        CardWorkflow locked = startCard("pin-locked");
        locked.activate(CardCommand.holder(null));
        locked.lockOut();
        locked.unfreeze(new CardCommand("sue", List.of("SUPPORT"), CardReason.RECOVERED, null));
        locked.retire(new CardCommand("sue", List.of("SUPPORT"), CardReason.HOLDER_REQUEST, null));
        finishCard(locked, "pin-locked-frozen-unfrozen-retired");

        String longLived = "replay-long-lived";
        CardWorkflows.start(client, new CardLifecycleRequest(longLived, Duration.ofDays(30), 40));
        CardWorkflow aging = CardWorkflows.stub(client, longLived);
        await().atMost(Duration.ofSeconds(30)).until(() -> aging.snapshot().cardId() != null);
        io.temporal.api.common.v1.WorkflowExecution firstRun = client.newUntypedWorkflowStub(
                        CardWorkflow.workflowId(longLived))
                .describe()
                .getExecution();
        aging.activate(CardCommand.holder(null));
        for (int i = 0; i < 6; i++) {
            CardWorkflows.stub(client, longLived)
                    .freeze(new CardCommand("sue", List.of("SUPPORT"), CardReason.HOLDER_REQUEST, null));
            CardWorkflows.stub(client, longLived)
                    .unfreeze(new CardCommand("sue", List.of("SUPPORT"), CardReason.RECOVERED, null));
        }
        writeRun("CardWorkflow", "history-limit-continued-as-new", firstRun);
        CardWorkflows.stub(client, longLived)
                .retire(new CardCommand("sue", List.of("SUPPORT"), CardReason.PROGRAMME_ENDED, null));
        finishCard(CardWorkflows.stub(client, longLived), "continued-run-retired");

        finishTopUp(startTopUp("small", 50_000_000), "auto-approved-credited");

        CardTopUpWorkflow approved = startTopUp("approved", 500_000_000);
        approved.decide(new ApprovalDecision("tom", Set.of("FINANCE"), ApprovalVerdict.APPROVE, null, 0));
        finishTopUp(approved, "approved-by-finance-then-credited");

        CardTopUpWorkflow large = startTopUp("large", 5_000_000_000L);
        large.decide(new ApprovalDecision("tom", Set.of("FINANCE"), ApprovalVerdict.APPROVE, null, 0));
        large.decide(new ApprovalDecision("una", Set.of("FINANCE"), ApprovalVerdict.APPROVE, null, 1));
        finishTopUp(large, "two-approvers-then-credited");

        CardTopUpWorkflow rejected = startTopUp("rejected", 500_000_000);
        rejected.decide(new ApprovalDecision("tom", Set.of("FINANCE"), ApprovalVerdict.REJECT, "no ticket", 0));
        finishTopUp(rejected, "rejected-cancelled");

        CardTopUpWorkflow undecided = startTopUp("undecided", 500_000_000);
        env.sleep(Duration.ofHours(73));
        finishTopUp(undecided, "expired-at-deadline-cancelled");
    }

    private void merchantChanges() throws IOException {
        MerchantChangeWorkflow approved = startMerchantChange("approved");
        approved.decide(new ApprovalDecision("bob", Set.of("ADMIN"), ApprovalVerdict.APPROVE, null, 0));
        finishMerchantChange("approved", "approved-by-second-admin-applied");

        MerchantChangeWorkflow stale = startMerchantChange("stale");
        stale.decide(new ApprovalDecision("fay", Set.of("FINANCE"), ApprovalVerdict.APPROVE, null, 0));
        finishMerchantChange("stale", "approved-by-finance-stale");

        MerchantChangeWorkflow rejected = startMerchantChange("rejected");
        rejected.decide(new ApprovalDecision("bob", Set.of("ADMIN"), ApprovalVerdict.REJECT, "call them", 0));
        finishMerchantChange("rejected", "rejected");

        startMerchantChange("undecided");
        env.sleep(Duration.ofDays(8));
        finishMerchantChange("undecided", "expired-at-deadline");

        startMerchantChange("withdrawn").withdraw("ada");
        finishMerchantChange("withdrawn", "withdrawn");
    }

    private MerchantChangeWorkflow startMerchantChange(String name) {
        String merchantId = "replay-" + name;
        MerchantChangeWorkflows.start(
                client,
                new MerchantChangeRequest(
                        "change-" + name,
                        merchantId,
                        new GuardedSettings("xpub-old", "bc1qold", OnchainCustody.MERCHANT_WALLET),
                        new GuardedSettings("xpub-old", "bc1qnew", OnchainCustody.MERCHANT_WALLET),
                        "ada",
                        List.of("ADMIN"),
                        new ApprovalPolicy(
                                "ADMIN,FINANCE", 0, Long.MAX_VALUE, Duration.ofHours(24), Duration.ofDays(7))));
        MerchantChangeWorkflow change = MerchantChangeWorkflows.stub(client, merchantId);
        await().atMost(Duration.ofSeconds(30)).until(() -> change.snapshot().changeId() != null);
        return change;
    }

    private void finishMerchantChange(String name, String path) throws IOException {
        WorkflowStub stub = WorkflowStub.fromTyped(MerchantChangeWorkflows.stub(client, "replay-" + name));
        stub.getResult(MerchantChangeSnapshot.class);
        writeRun("MerchantChangeWorkflow", path, stub.getExecution());
    }

    private CardTopUpWorkflow startTopUp(String name, long amountMsat) {
        String topUpId = "replay-" + name;
        CardTopUpWorkflows.start(
                client,
                new ManualTopUpRequest(
                        topUpId,
                        "card-replay",
                        amountMsat,
                        "goodwill",
                        "fiona",
                        List.of("FINANCE"),
                        new ApprovalPolicy(
                                "FINANCE", 100_000_001, 1_000_000_000, Duration.ofHours(4), Duration.ofHours(72))));
        CardTopUpWorkflow topUp = CardTopUpWorkflows.stub(client, topUpId);
        await().atMost(Duration.ofSeconds(30)).until(() -> topUp.snapshot().topUpId() != null);
        return topUp;
    }

    private void finishTopUp(CardTopUpWorkflow topUp, String path) throws IOException {
        WorkflowStub stub = WorkflowStub.fromTyped(topUp);
        stub.getResult(CardTopUpSnapshot.class);
        writeRun("CardTopUpWorkflow", path, stub.getExecution());
    }

    private CardWorkflow startCard(String name) {
        String cardId = "replay-" + name;
        CardWorkflows.start(client, new CardLifecycleRequest(cardId, Duration.ofDays(30)));
        CardWorkflow card = CardWorkflows.stub(client, cardId);
        await().atMost(Duration.ofSeconds(30)).until(() -> card.snapshot().cardId() != null);
        return card;
    }

    private void finishCard(CardWorkflow card, String path) throws IOException {
        WorkflowStub stub = WorkflowStub.fromTyped(card);
        stub.getResult(CardSnapshot.class);
        writeRun("CardWorkflow", path, stub.getExecution());
    }

    private void payCardTap(long tapId, String paymentId, String path) throws IOException {
        payCardTap(new CardTapOrder(tapId, "card-replay", paymentId, "lnbcrt-" + paymentId, 20_000_000, 100_000), path);
    }

    private void payCardTap(CardTapOrder order, String path) throws IOException {
        CardTapWorkflow tap = client.newWorkflowStub(
                CardTapWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(CardTapWorkflow.TASK_QUEUE)
                        .setWorkflowId(CardTapWorkflow.workflowId(order.tapId()))
                        .build());
        tap.pay(order);
        writeRun("CardTapWorkflow", path, WorkflowStub.fromTyped(tap).getExecution());
    }

    private RefundWorkflow startRefund(String name, long amountMsat, String destination) {
        String refundId = "replay-" + name;
        RefundWorkflows.start(
                client,
                new RefundRequest(
                        refundId,
                        "invoice-replay",
                        "merchant-replay",
                        amountMsat,
                        10_000,
                        destination,
                        "sam",
                        "Refund of invoice-replay",
                        new ApprovalPolicy(
                                "FINANCE", 5_000_001, 100_000_000, Duration.ofHours(4), Duration.ofHours(72)),
                        Duration.ofDays(30)));
        return RefundWorkflows.stub(client, refundId);
    }

    private static void awaitRefund(
            RefundWorkflow refund, com.flash.backoffice.db.refund.RefundState state, int revision) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            RefundSnapshot snapshot = refund.snapshot();
            return snapshot.state() == state && snapshot.revision() == revision;
        });
    }

    private void finishRefund(RefundWorkflow refund, String path) throws IOException {
        WorkflowStub stub = WorkflowStub.fromTyped(refund);
        stub.getResult(RefundSnapshot.class);
        writeRun("RefundWorkflow", path, stub.getExecution());
    }

    private PayoutWorkflow startPayout(String name, long amountMsat) {
        String payoutId = "replay-" + name;
        PayoutWorkflows.start(
                client,
                new PayoutRequest(
                        payoutId, "merchant-replay", "lnbcrt-" + name, amountMsat, 10_000, "sam", PAYOUT_POLICY));
        return PayoutWorkflows.stub(client, payoutId);
    }

    private static void awaitPayout(PayoutWorkflow payout, PayoutStatus status, int revision) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            PayoutSnapshot snapshot = payout.snapshot();
            return snapshot.status() == status && snapshot.revision() == revision;
        });
    }

    private void finishPayout(PayoutWorkflow payout, String path) throws IOException {
        WorkflowStub stub = WorkflowStub.fromTyped(payout);
        stub.getResult(PayoutSnapshot.class);
        writeRun("PayoutWorkflow", path, stub.getExecution());
    }

    private void schedule(String scheduleId, ScheduleFrequency frequency, ScheduleEnd end, String path)
            throws IOException {
        WorkflowExecution execution = startSchedule(ScheduleRequest.first(scheduleId, frequency, "UTC"));
        expect(end, client.newUntypedWorkflowStub(execution, Optional.empty()).getResult(ScheduleEnd.class));
        writeRun("ReportScheduleWorkflow", path, execution);
    }

    private WorkflowExecution startSchedule(ScheduleRequest request) {
        ReportScheduleWorkflow workflow = client.newWorkflowStub(
                ReportScheduleWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(ReportScheduleWorkflow.workflowId(request.scheduleId()))
                        .setTaskQueue(ReportScheduleWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        return WorkflowClient.start(workflow::run, request);
    }

    /** The run ended by continuing as new (time in the test server moves only while the recorder sleeps). */
    private boolean closed(WorkflowExecution execution) {
        return client.fetchHistory(execution.getWorkflowId(), execution.getRunId())
                        .getLastEvent()
                        .getEventType()
                == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;
    }

    private InvoiceWorkflow startInvoice(String name, SpeedPolicy policy) {
        return startInvoice(name, policy, OnchainCustody.MERCHANT_WALLET);
    }

    private InvoiceWorkflow startInvoice(String name, SpeedPolicy policy, OnchainCustody custody) {
        Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
        Instant expiresAt = now.plus(EXPIRY);
        InvoiceRequest request = new InvoiceRequest(
                invoiceId(name),
                "merchant-replay",
                AMOUNT,
                0,
                policy,
                100,
                expiresAt,
                expiresAt.plus(MONITORING),
                custody);
        InvoiceWorkflows.start(client, request);
        return InvoiceWorkflows.existing(client, request.invoiceId());
    }

    private static String invoiceId(String name) {
        return "replay-" + name;
    }

    private static void awaitRevision(InvoiceWorkflow invoice, int revision) {
        InvoiceState state = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(invoice::state, s -> s != null && s.revision() >= revision);
        if (state.revision() != revision) {
            throw new IllegalStateException("revision " + state.revision() + ", expected " + revision);
        }
    }

    private void finishInvoice(InvoiceWorkflow invoice, String path) throws IOException {
        InvoiceState end = WorkflowStub.fromTyped(invoice).getResult(InvoiceState.class);
        System.out.println(path + ": " + end.status() + " " + end.additionalStatus() + " revision " + end.revision());
        write("InvoiceWorkflow", path, InvoiceWorkflow.workflowId(end.invoiceId()));
    }

    private static <T> void expect(T expected, T actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("expected " + expected + ", got " + actual);
        }
    }

    private void write(String type, String path, String workflowId) throws IOException {
        writeJson(type, path, client.fetchHistory(workflowId).toJson(true));
    }

    private void writeRun(String type, String path, WorkflowExecution execution) throws IOException {
        writeJson(
                type,
                path,
                client.fetchHistory(execution.getWorkflowId(), execution.getRunId())
                        .toJson(true));
    }

    private void writeJson(String type, String path, String json) throws IOException {
        Path file = directory.resolve(type).resolve(path + ".json");
        if (Files.exists(file)) {
            // a committed history is what production ran: it must keep replaying, never be replaced by a new recording
            System.out.println("kept " + directory.relativize(file));
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, json + "\n");
        recorded++;
        System.out.println("wrote " + directory.relativize(file));
    }

    /** Answers per delivery chain (by its first delivery id); retries are {@code <id>-retry-<n>}. */
    private static final class ScriptedWebhookActivities implements WebhookActivities {

        private final Map<String, Function<Integer, AttemptResult>> answers = new ConcurrentHashMap<>();

        void answer(String chain, Function<Integer, AttemptResult> byAttempt) {
            answers.put(chain, byAttempt);
        }

        @Override
        public AttemptResult send(String deliveryId) {
            String[] parts = deliveryId.split("-retry-");
            int attempt = parts.length == 1 ? 0 : Integer.parseInt(parts[1]);
            return answers.get(parts[0]).apply(attempt);
        }

        @Override
        public String createRetry(String previousDeliveryId, int attempt) {
            return previousDeliveryId.split("-retry-")[0] + "-retry-" + attempt;
        }
    }

    /** Export {@code broken} fails on every attempt; any other succeeds. */
    private static final class ScriptedReportExportActivities implements ReportExportActivities {

        @Override
        public ReportExportOutcome export(String exportId) {
            if (exportId.equals("broken")) {
                throw new IllegalStateException("the reports directory is not writable");
            }
            return ReportExportOutcome.done(exportId, 42, 4_096, exportId + ".csv");
        }

        @Override
        public ReportExportOutcome fail(String exportId, String error) {
            return ReportExportOutcome.failed(exportId, error);
        }
    }

    private static final class ScheduleAnswer {
        final Function<PeriodRequest, PeriodResult> answer;
        final AtomicInteger calls = new AtomicInteger();

        ScheduleAnswer(Function<PeriodRequest, PeriodResult> answer) {
            this.answer = answer;
        }
    }

    private static final class ScriptedScheduleActivities implements ReportScheduleActivities {

        private final Map<String, ScheduleAnswer> answers = new ConcurrentHashMap<>();

        void answer(String scheduleId, Function<PeriodRequest, PeriodResult> answer) {
            answers.put(scheduleId, new ScheduleAnswer(answer));
        }

        int calls(String scheduleId) {
            return answers.get(scheduleId).calls.get();
        }

        @Override
        public PeriodResult sendPeriod(PeriodRequest request) {
            ScheduleAnswer answer = answers.get(request.scheduleId());
            answer.calls.incrementAndGet();
            return answer.answer.apply(request);
        }
    }
}
