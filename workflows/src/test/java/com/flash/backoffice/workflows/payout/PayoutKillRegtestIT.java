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
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.payment.KillRounds;
import com.flash.backoffice.workflows.payment.KillStep;
import com.flash.backoffice.workflows.payment.KillWorkerMain;
import com.flash.backoffice.workflows.payment.PaidOnce;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.testsupport.TemporalCliServer;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.Invoice;

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
    static final long LIQUIDITY_MSAT = 2_000_000_000L;
    private static final long PAYOUT_MSAT = 5_000_000L;
    private static final long FEE_LIMIT_MSAT = 10_000L;
    private static final ApprovalPolicy AUTO_APPROVED =
            new ApprovalPolicy("FINANCE", 1_000_000_000L, 1_000_000_000L, Duration.ofHours(4), Duration.ofHours(48));
    private static final Duration WORKFLOW_TASK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(2);

    record PayoutToCustomer(Payout payout, AddInvoiceResponse invoice) {
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
        WorkflowServiceStubs service = temporal.newServiceStubs();
        WorkflowClient client = TemporalCliServer.client(service);
        net.customerPayInvoice(net.merchantAddInvoice(LIQUIDITY_MSAT, "outbound liquidity for the kill test")
                .getPaymentRequest());
        Merchant merchant = merchantWithBalance(database, ledger, LIQUIDITY_MSAT / 2);
        Map<String, String> environment = KillWorkerMain.environment(temporal, database, net);
        Path logs = Files.createTempDirectory("flash-kill-test-");

        List<PayoutToCustomer> requested = new ArrayList<>();
        KillRounds.Outcome rounds = KillRounds.run(PayoutKillWorker.class, environment, logs, ROUNDS, "payout-", () -> {
            for (int i = 0; i < PAYOUTS_PER_ROUND; i++) {
                requested.add(requestAndStart(net, client, payouts, merchant, requested.size()));
            }
        });
        try {
            Map<String, PayoutSnapshot> ends = new HashMap<>();
            for (PayoutToCustomer payout : requested) {
                ends.put(
                        payout.payout().id(),
                        WorkflowStub.fromTyped(PayoutWorkflows.stub(
                                        client, payout.payout().id()))
                                .getResult(COMPLETION_TIMEOUT.toSeconds(), TimeUnit.SECONDS, PayoutSnapshot.class));
            }
            rounds.finisher().stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf(
                    "[kill-test] %s; payouts=%d; %.1f s; logs %s%n",
                    rounds.summary(), requested.size(), took.toMillis() / 1000.0, logs);

            assertThat(rounds.totalKills()).isGreaterThanOrEqualTo(MIN_KILLS);
            assertThat(rounds.kills())
                    .hasSize(KillStep.values().length)
                    .allSatisfy((step, count) ->
                            assertThat(count).as("kills at %s", step).isGreaterThanOrEqualTo(MIN_KILLS_PER_STEP));
            assertThat(rounds.resends())
                    .as("sends of a payment the node had already")
                    .isEmpty();
            assertPaidExactlyOnce(net, database, payouts, requested, ends);
            assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        } finally {
            KillRounds.killAll(rounds.launched());
            net.giveBackToCustomer(
                    LIQUIDITY_MSAT
                            - requested.stream()
                                    .mapToLong(payout -> payout.payout().amountMsat())
                                    .sum(),
                    "liquidity back from the payout kill test");
            service.shutdownNow();
            database.close();
        }
    }

    static void assertPaidExactlyOnce(
            RegtestNetwork net,
            TestDatabase database,
            PayoutRepository payouts,
            List<PayoutToCustomer> requested,
            Map<String, PayoutSnapshot> ends)
            throws Exception {
        PaidOnce nodes = PaidOnce.between(net.merchant(), net.customer());
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

            nodes.assertPaidOnce(payout.invoice().getRHash(), payout.payout().amountMsat(), "payout " + id);
            assertThat(database.dsl()
                            .fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.SOURCE_KEY.eq(PayoutLedger.completionKey(id))))
                    .as("ledger completions of payout %s", id)
                    .isEqualTo(1);
        }
    }

    static PayoutToCustomer requestAndStart(
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

    static Merchant merchantWithBalance(TestDatabase database, LedgerRepository ledger, long msat) {
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

    private static String sha256(String preimageHex) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(preimageHex)));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
