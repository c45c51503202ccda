package com.flash.backoffice.workflows.payout;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.db.payment.PaymentState;
import com.flash.backoffice.db.payout.NewPayout;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutDestinationKind;
import com.flash.backoffice.db.payout.PayoutLedger;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.payment.KillStep;
import com.flash.backoffice.workflows.payment.KillWorkerMain;
import com.flash.backoffice.workflows.payment.KillWorkerProcess;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.testsupport.TemporalCliServer;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.HTLCAttempt;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.InvoiceHTLCState;
import org.lightningj.lnd.wrapper.message.ListPaymentsRequest;
import org.lightningj.lnd.wrapper.message.Payment;

/**
 * Exactly once under crashes: payouts are paid by a worker in a JVM of its own, on a real Temporal server, the real
 * database and the regtest LNDs, and that worker is SIGKILLed at each step of the payment in turn ({@link KillStep});
 * a new worker (started beforehand, idle until told) takes over each time. Each round starts a few payouts and
 * kills four workers, one per step. At the end every payout is completed, the merchant LND paid each invoice once,
 * the customer's invoice was settled once with its amount, and the ledger booked each completion once.
 */
@ExtendWith(RegtestExtension.class)
class PayoutKillRegtestIT {

    private static final int ROUNDS = 25;
    private static final int PAYOUTS_PER_ROUND = 3;
    private static final int MIN_KILLS_PER_STEP = 20;
    private static final int MIN_KILLS = 100;
    private static final long LIQUIDITY_MSAT = 2_000_000_000L;
    private static final long PAYOUT_MSAT = 5_000_000L;
    private static final long FEE_LIMIT_MSAT = 10_000L;
    private static final ApprovalPolicy AUTO_APPROVED =
            new ApprovalPolicy("FINANCE", 1_000_000_000L, 1_000_000_000L, Duration.ofHours(4), Duration.ofHours(48));
    private static final Duration WORKFLOW_TASK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(45);
    /**
     * After the first marker, the other payouts on that worker may reach the same step: the kill waits until none
     * has for {@code SETTLE}, {@code SETTLE_AT_MOST} in all.
     */
    private static final Duration SETTLE = Duration.ofMillis(200);

    private static final Duration SETTLE_AT_MOST = Duration.ofMillis(1_000);

    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(2);
    private static final KillStep[] STEPS = KillStep.values();

    private record PayoutToCustomer(Payout payout, AddInvoiceResponse invoice) {
        String hash() {
            return hex(invoice.getRHash());
        }
    }

    @Test
    void every_payout_is_paid_exactly_once_while_its_worker_is_sigkilled_at_every_step(RegtestNetwork net)
            throws Exception {
        long started = System.nanoTime();
        TestDatabase database = TestDatabase.migrated("payout_kill_it");
        PayoutRepository payouts = new PayoutRepository(database.dsl());
        LedgerRepository ledger = new LedgerRepository(database.dsl());
        TemporalCliServer temporal = TemporalCliServer.shared();
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporal.target())
                .build());
        WorkflowClient client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder()
                        .setNamespace(TemporalCliServer.NAMESPACE)
                        .build());
        net.customerPayInvoice(net.merchantAddInvoice(LIQUIDITY_MSAT, "outbound liquidity for the kill test")
                .getPaymentRequest());
        Merchant merchant = merchantWithBalance(database, ledger, LIQUIDITY_MSAT / 2);
        MariaDbServer mariaDb = MariaDbServer.shared();
        Map<String, String> environment = KillWorkerMain.environment(
                temporal.target(),
                database.jdbcUrl(),
                mariaDb.username(),
                mariaDb.password(),
                new LndProperties(
                        net.merchant().host(),
                        net.merchant().grpcPort(),
                        net.merchant().tlsCert(),
                        net.merchant().adminMacaroon()));
        Path logs = Files.createTempDirectory("flash-kill-test-");

        Map<KillStep, Integer> kills = new EnumMap<>(KillStep.class);
        Map<KillStep, Integer> stopped = new EnumMap<>(KillStep.class);
        Map<KillStep, Set<String>> stoppedPayouts = new EnumMap<>(KillStep.class);
        List<PayoutToCustomer> requested = new ArrayList<>();
        List<KillWorkerProcess> launched = new ArrayList<>();
        int workersToKill = ROUNDS * STEPS.length;
        try {
            KillWorkerProcess next = launch(STEPS[0].name(), environment, logs, launched);
            for (int k = 0; k < workersToKill; k++) {
                KillStep step = STEPS[k % STEPS.length];
                KillWorkerProcess active = next;
                active.awaitReady(READY_TIMEOUT);
                active.go();
                next = launch(
                        k + 1 < workersToKill ? STEPS[(k + 1) % STEPS.length].name() : KillWorkerProcess.NO_PLAN,
                        environment,
                        logs,
                        launched);
                if (step == KillStep.BEFORE_SEND) {
                    for (int i = 0; i < PAYOUTS_PER_ROUND; i++) {
                        requested.add(requestAndStart(net, client, payouts, merchant, requested.size()));
                    }
                }
                String first = active.awaitMarker(MARKER_TIMEOUT)
                        .orElseThrow(() -> new AssertionError("worker " + active.pid() + " never reached " + step
                                + " in " + MARKER_TIMEOUT + "; logs in " + logs));
                List<String> markers = new ArrayList<>(List.of(first));
                long settleUntil = System.nanoTime() + SETTLE_AT_MOST.toNanos();
                for (Optional<String> more = active.awaitMarker(SETTLE);
                        more.isPresent() && System.nanoTime() < settleUntil;
                        more = active.awaitMarker(SETTLE)) {
                    markers.add(more.get());
                }
                markers.addAll(active.drainMarkers());
                int exit = active.kill();
                assertThat(KillWorkerProcess.killedBySigkill(exit))
                        .as("worker %d died of SIGKILL (exit %d)", active.pid(), exit)
                        .isTrue();
                assertThat(markers)
                        .allSatisfy(marker -> assertThat(marker).startsWith(KillStep.MARKER + " " + step + " payout-"));
                kills.merge(step, 1, Integer::sum);
                stopped.merge(step, markers.size(), Integer::sum);
                markers.forEach(marker -> stoppedPayouts
                        .computeIfAbsent(step, any -> new HashSet<>())
                        .add(marker.substring(marker.lastIndexOf(' ') + 1)));
            }

            KillWorkerProcess last = next;
            last.awaitReady(READY_TIMEOUT);
            last.go();
            Map<String, PayoutSnapshot> ends = new HashMap<>();
            for (PayoutToCustomer payout : requested) {
                ends.put(
                        payout.payout().id(),
                        WorkflowStub.fromTyped(PayoutWorkflows.stub(
                                        client, payout.payout().id()))
                                .getResult(COMPLETION_TIMEOUT.toSeconds(), TimeUnit.SECONDS, PayoutSnapshot.class));
            }
            last.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            int total = kills.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(
                    "[kill-test] kills: %s, total=%d, payouts=%d; payments stopped at the step: %s; payouts stopped"
                            + " there at least once: %s; %.1f s; logs %s%n",
                    summary(kills),
                    total,
                    requested.size(),
                    summary(stopped),
                    summary(stoppedPayouts.entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey, e -> e.getValue().size()))),
                    took.toMillis() / 1000.0,
                    logs);

            assertThat(total).isGreaterThanOrEqualTo(MIN_KILLS);
            assertThat(kills)
                    .hasSize(STEPS.length)
                    .allSatisfy((step, count) ->
                            assertThat(count).as("kills at %s", step).isGreaterThanOrEqualTo(MIN_KILLS_PER_STEP));
            assertThat(launched.stream().flatMap(worker -> worker.resends().stream()))
                    .as("sends of a payment the node had already")
                    .isEmpty();
            assertPaidExactlyOnce(net, database, payouts, requested, ends);
            assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        } finally {
            for (KillWorkerProcess worker : launched) {
                worker.kill();
            }
            service.shutdownNow();
            database.close();
        }
    }

    private static void assertPaidExactlyOnce(
            RegtestNetwork net,
            TestDatabase database,
            PayoutRepository payouts,
            List<PayoutToCustomer> requested,
            Map<String, PayoutSnapshot> ends)
            throws Exception {
        ListPaymentsRequest list = new ListPaymentsRequest();
        list.setIncludeIncomplete(true);
        list.setMaxPayments(100_000L);
        Map<String, List<Payment>> sent = net.merchant().api().listPayments(list).getPayments().stream()
                .collect(Collectors.groupingBy(Payment::getPaymentHash));
        PaymentRepository payments = new PaymentRepository(database.dsl());
        for (PayoutToCustomer payout : requested) {
            String id = payout.payout().id();
            PayoutSnapshot end = ends.get(id);
            assertThat(end.status()).as("payout %s", id).isEqualTo(PayoutStatus.COMPLETED);
            assertThat(end.attempts())
                    .as("payout %s paid in its first attempt", id)
                    .isEqualTo(1);
            assertThat(sha256(end.proof())).as("payout %s's proof", id).isEqualTo(payout.hash());
            assertThat(payouts.findById(id).orElseThrow().state()).isEqualTo(PayoutState.COMPLETED);
            assertThat(payments.find(PayoutWorkflow.workflowId(id))
                            .orElseThrow()
                            .status())
                    .isEqualTo(PaymentState.SUCCEEDED);

            assertThat(sent.get(payout.hash()))
                    .as("the merchant LND's payments to payout %s's invoice", id)
                    .singleElement()
                    .satisfies(payment -> {
                        assertThat(payment.getStatus()).isEqualTo(Payment.PaymentStatus.SUCCEEDED);
                        assertThat(payment.getValueMsat())
                                .isEqualTo(payout.payout().amountMsat());
                        assertThat(payment.getHtlcs().stream()
                                        .filter(htlc -> htlc.getStatus() == HTLCAttempt.HTLCStatus.SUCCEEDED)
                                        .count())
                                .as("succeeded attempts")
                                .isEqualTo(1);
                    });
            Invoice invoice =
                    net.customer().api().lookupInvoice(null, payout.invoice().getRHash());
            assertThat(invoice.getState()).isEqualTo(Invoice.InvoiceState.SETTLED);
            assertThat(invoice.getAmtPaidMsat()).isEqualTo(payout.payout().amountMsat());
            assertThat(invoice.getHtlcs().stream()
                            .filter(htlc -> htlc.getState() == InvoiceHTLCState.SETTLED)
                            .count())
                    .as("HTLCs settled on payout %s's invoice", id)
                    .isEqualTo(1);
            assertThat(database.dsl()
                            .fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.SOURCE_KEY.eq(PayoutLedger.completionKey(id))))
                    .as("ledger completions of payout %s", id)
                    .isEqualTo(1);
        }
    }

    private static KillWorkerProcess launch(
            String plan, Map<String, String> environment, Path logs, List<KillWorkerProcess> launched) {
        KillWorkerProcess worker = KillWorkerProcess.launch(
                PayoutKillWorker.class,
                plan,
                environment,
                logs.resolve("worker-" + launched.size() + "-" + plan + ".log"));
        launched.add(worker);
        return worker;
    }

    private static PayoutToCustomer requestAndStart(
            RegtestNetwork net, WorkflowClient client, PayoutRepository payouts, Merchant merchant, int number)
            throws Exception {
        long amountMsat = PAYOUT_MSAT + number;
        Invoice request = new Invoice();
        request.setValueMsat(amountMsat);
        request.setExpiry(3_600);
        AddInvoiceResponse invoice = net.customer().api().addInvoice(request);
        PayoutRequestResult result = payouts.request(new NewPayout(
                merchant.id(),
                invoice.getPaymentRequest(),
                PayoutDestinationKind.BOLT11,
                amountMsat,
                FEE_LIMIT_MSAT,
                PayoutOrigin.PORTAL,
                "kill-test"));
        assertThat(result).isInstanceOf(PayoutRequestResult.Created.class);
        Payout payout = ((PayoutRequestResult.Created) result).payout();
        PayoutWorkflow workflow = client.newWorkflowStub(
                PayoutWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(PayoutWorkflow.workflowId(payout.id()))
                        .setTaskQueue(PayoutWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .setWorkflowTaskTimeout(WORKFLOW_TASK_TIMEOUT)
                        .build());
        WorkflowClient.start(
                workflow::run,
                new PayoutRequest(
                        payout.id(),
                        payout.merchantId(),
                        payout.destination(),
                        payout.amountMsat(),
                        payout.feeLimitMsat(),
                        payout.requestedBy(),
                        AUTO_APPROVED));
        return new PayoutToCustomer(payout, invoice);
    }

    private static Merchant merchantWithBalance(TestDatabase database, LedgerRepository ledger, long msat) {
        Merchant merchant = new MerchantRepository(database.dsl())
                .create(NewMerchant.withDefaults("Kill test shop " + System.nanoTime(), "EUR"));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(msat)),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), Msat.ofMsat(msat)))));
        return merchant;
    }

    private static String summary(Map<KillStep, Integer> counts) {
        return Stream.of(STEPS)
                .map(step -> step + "=" + counts.getOrDefault(step, 0))
                .collect(Collectors.joining(", "));
    }

    private static String sha256(String preimageHex) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(preimageHex)));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
