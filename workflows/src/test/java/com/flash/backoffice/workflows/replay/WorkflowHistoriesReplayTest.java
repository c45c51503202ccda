package com.flash.backoffice.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.invoice.ClosedInvoiceMarkWorkflowImpl;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflowImpl;
import com.flash.backoffice.workflows.report.ReportExportWorkflowImpl;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorkflowImpl;
import com.flash.backoffice.workflows.webhook.WebhookDeliveryWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed history of a shipped workflow ({@code src/test/resources/histories/<type>/<path>.json}, recorded by
 * {@link RecordWorkflowHistories}) replays against today's implementation: a change of a workflow's commands that is
 * not behind {@code Workflow.getVersion} fails here before it breaks the workflows that run in production.
 */
class WorkflowHistoriesReplayTest {

    /** Each shipped workflow type (the directory name) and the implementation its histories replay against. */
    static final Map<String, Class<?>> IMPLEMENTATIONS = Map.ofEntries(
            Map.entry("InvoiceWorkflow", InvoiceWorkflowImpl.class),
            Map.entry("ClosedInvoiceMarkWorkflow", ClosedInvoiceMarkWorkflowImpl.class),
            Map.entry("WebhookDeliveryWorkflow", WebhookDeliveryWorkflowImpl.class),
            Map.entry("ReportExportWorkflow", ReportExportWorkflowImpl.class),
            Map.entry("ReportScheduleWorkflow", ReportScheduleWorkflowImpl.class),
            Map.entry("PayoutWorkflow", com.flash.backoffice.workflows.payout.PayoutWorkflowImpl.class),
            Map.entry(
                    "SettlementScheduleWorkflow",
                    com.flash.backoffice.workflows.settlement.SettlementScheduleWorkflowImpl.class),
            Map.entry(
                    "OnchainBatcherWorkflow", com.flash.backoffice.workflows.payment.OnchainBatcherWorkflowImpl.class),
            Map.entry("PaymentBatchWorkflow", com.flash.backoffice.workflows.payment.PaymentBatchWorkflowImpl.class),
            Map.entry("RefundWorkflow", com.flash.backoffice.workflows.refund.RefundWorkflowImpl.class),
            Map.entry("CardTapWorkflow", com.flash.backoffice.workflows.card.CardTapWorkflowImpl.class),
            Map.entry("CardWorkflow", com.flash.backoffice.workflows.card.CardWorkflowImpl.class),
            Map.entry("CardTopUpWorkflow", com.flash.backoffice.workflows.card.CardTopUpWorkflowImpl.class),
            Map.entry(
                    "MerchantChangeWorkflow",
                    com.flash.backoffice.workflows.merchant.MerchantChangeWorkflowImpl.class));

    /** The paths that must stay covered: each changes which commands the workflow sends. */
    static final Map<String, Set<String>> REQUIRED_PATHS = Map.ofEntries(
            Map.entry(
                    "InvoiceWorkflow",
                    Set.of(
                            "lightning-paid-settled",
                            "card-paid-internally-settled",
                            "onchain-seen-confirmed-settled",
                            "expired-unpaid",
                            "expired-paid-partial-then-late",
                            "paid-over",
                            "marked-settled-then-invalid-while-running",
                            "marked-settled-unpaid-then-paid-to-suspense",
                            "payment-dropped-by-reorg",
                            "monitoring-ended-unconfirmed-invalid",
                            "settled-at-0-conf-then-dropped-before-reversals",
                            "custody-lightning-paid-settled",
                            "custody-onchain-flash-wallet-settled-paid-over",
                            "custody-expired-then-paid-late",
                            "custody-ledger-refused-parked-then-retried",
                            "custody-zero-conf-settled-then-double-spent-reversed")),
            Map.entry("ClosedInvoiceMarkWorkflow", Set.of("marked-settled-after-close", "refused-without-reason")),
            Map.entry("WebhookDeliveryWorkflow", Set.of("delivered", "retried-then-delivered", "retries-then-gave-up")),
            Map.entry("ReportExportWorkflow", Set.of("exported", "failed-after-retries")),
            Map.entry(
                    "ReportScheduleWorkflow",
                    Set.of("period-mailed-then-continued-as-new", "cancelled-while-waiting", "schedule-not-found")),
            Map.entry(
                    "PayoutWorkflow",
                    Set.of(
                            "auto-approved-paid",
                            "approved-by-finance-then-paid",
                            "two-approvers-then-paid",
                            "rejected",
                            "expired-at-deadline",
                            "failed-then-retried-paid",
                            "failed-then-cancelled",
                            "failed-then-marked-paid",
                            "cancelled-awaiting-approval")),
            Map.entry(
                    "SettlementScheduleWorkflow",
                    Set.of(
                            "daily-periods-requested-then-cancelled",
                            "paused-triggered-resumed-then-cancelled",
                            "backfilled-then-cancelled",
                            "schedule-not-found")),
            Map.entry("OnchainBatcherWorkflow", Set.of("opened-a-batch-then-none-then-continued-as-new")),
            Map.entry(
                    "PaymentBatchWorkflow",
                    Set.of(
                            "hot-sent",
                            "hot-not-sent-fee-above-limit",
                            "cold-refused-then-signed-broadcast",
                            "cold-abandoned")),
            Map.entry(
                    "RefundWorkflow",
                    Set.of(
                            "self-approved-claimed-paid",
                            "approved-by-finance-then-agent-destination-paid",
                            "rejected",
                            "expired-at-approval-deadline",
                            "claim-expired",
                            "payment-failed-then-claimed-again-paid",
                            "destination-at-start-paid",
                            "cancelled-awaiting-claim",
                            "not-reserved-balance-spent")),
            Map.entry(
                    "CardTapWorkflow",
                    Set.of(
                            "paid",
                            "payment-failed-returned",
                            "paid-internally",
                            "internal-invoice-not-open-returned",
                            "paid-booked-locally",
                            "payment-failed-returned-booked-locally",
                            "paid-internally-booked-locally",
                            "paid-locally",
                            "payment-failed-locally-returned",
                            "local-payment-threw-queued-paid")),
            Map.entry(
                    "CardWorkflow",
                    Set.of(
                            "activated-frozen-unfrozen-retired",
                            "not-activated-in-time-retired",
                            "activated-then-lost-replaced",
                            "activation-refused-not-programmed-then-expired",
                            "pin-locked-frozen-unfrozen-retired",
                            "history-limit-continued-as-new",
                            "continued-run-retired")),
            Map.entry(
                    "CardTopUpWorkflow",
                    Set.of(
                            "auto-approved-credited",
                            "approved-by-finance-then-credited",
                            "two-approvers-then-credited",
                            "rejected-cancelled",
                            "expired-at-deadline-cancelled")),
            Map.entry(
                    "MerchantChangeWorkflow",
                    Set.of(
                            "approved-by-second-admin-applied",
                            "approved-by-finance-stale",
                            "rejected",
                            "expired-at-deadline",
                            "withdrawn")));

    static final String INVOICE_HISTORY = "InvoiceWorkflow/lightning-paid-settled.json";

    @Test
    void every_shipped_workflow_type_has_its_required_histories_and_no_history_is_of_an_unknown_type()
            throws IOException {
        Map<String, Set<String>> committed;
        try (Stream<Path> files = Files.list(root())) {
            committed = files.filter(Files::isDirectory)
                    .collect(Collectors.toMap(dir -> dir.getFileName().toString(), WorkflowHistoriesReplayTest::paths));
        }

        assertThat(committed.keySet()).containsExactlyInAnyOrderElementsOf(IMPLEMENTATIONS.keySet());
        REQUIRED_PATHS.forEach(
                (type, paths) -> assertThat(committed.get(type)).as(type).containsAll(paths));
    }

    static List<String> histories() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> root().relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void a_committed_history_replays_against_the_current_implementation(String history) throws Exception {
        String type = history.substring(0, history.indexOf('/'));

        WorkflowReplayer.replayWorkflowExecution(read(history), IMPLEMENTATIONS.get(type));
    }

    @Test
    void a_change_of_the_invoice_workflows_commands_without_get_version_fails_the_replay() {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(
                        read(INVOICE_HISTORY), UnversionedChangeInvoiceWorkflowImpl.class))
                .hasMessageContaining("io.temporal.worker.NonDeterministicException")
                .hasMessageContaining(
                        "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED does not match command type" + " COMMAND_TYPE_START_TIMER");
    }

    @Test
    void the_same_change_behind_get_version_replays_the_old_history() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(read(INVOICE_HISTORY), VersionedChangeInvoiceWorkflowImpl.class);
    }

    private static WorkflowExecutionHistory read(String history) throws IOException {
        return WorkflowExecutionHistory.fromJson(Files.readString(root().resolve(history)));
    }

    private static Set<String> paths(Path typeDirectory) {
        try (Stream<Path> files = Files.list(typeDirectory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of(
                    WorkflowHistoriesReplayTest.class.getResource("/histories").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
