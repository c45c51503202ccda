package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.payment.BatchCustody;
import com.flash.backoffice.db.payment.BatchStatus;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatch;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.db.payment.PaymentState;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.message.GetTransactionsRequest;
import wf.bitcoin.javabitcoindrpcclient.BitcoindRpcClient.RawTransaction;

/**
 * On-chain payouts go out in batches through the production adapters: payment activities (as payout workflows call
 * them) wait while the batcher workflow gathers them, the batch is sent from Flash's wallet (the regtest merchant
 * LND) in one labelled transaction, btcd confirms it, and each payment completes with its share of the one fee.
 */
@ExtendWith(RegtestExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OnchainBatchRegtestIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RegtestNetwork net;
    private static TestDatabase database;
    private static PaymentRepository payments;
    private static PaymentBatchRepository batches;
    private static LndOnchainWallet wallet;
    private static LndLightningNode lightning;
    private static TestWorkflowEnvironment temporal;
    private static PaymentActivitiesImpl impl;
    private static final List<TestActivityEnvironment> environments = new ArrayList<>();
    private static PaymentActivities activities;

    @BeforeAll
    static void start(RegtestNetwork network) {
        net = network;
        database = TestDatabase.migrated("onchain_batch_it");
        payments = new PaymentRepository(database.dsl());
        batches = new PaymentBatchRepository(database.dsl());
        LndProperties flashsNode = new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon());
        wallet = new LndOnchainWallet(flashsNode);
        lightning = new LndLightningNode(flashsNode);
        BitcoinRpcNode node = new BitcoinRpcNode(new BitcoinRpcProperties(
                URI.create(net.btcdRpcUrl()), net.btcdRpcUser(), net.btcdRpcPassword(), net.btcdRpcCert()));
        OnchainPaymentProperties properties = new OnchainPaymentProperties(
                6, 1, Duration.ofMillis(300), Duration.ofSeconds(2), 250, BatchCustody.HOT);

        temporal = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        PaymentBatchWorker.register(
                temporal.newWorker(OnchainBatcherWorkflow.TASK_QUEUE),
                new PaymentBatchActivitiesImpl(batches, wallet, null, properties));
        temporal.start();
        new OnchainBatcher(temporal.getWorkflowClient()).ensureRunning(BatcherSettings.every(Duration.ofSeconds(2)));

        PaymentDestinations destinations =
                new NodePaymentDestinations(lightning, ChainNetwork.REGTEST, Clock.systemUTC());
        impl = new PaymentActivitiesImpl(
                payments,
                destinations,
                new LightningPayments(
                        lightning,
                        payments,
                        destinations,
                        (kind, destination, amount) -> {
                            throw new AssertionError("this suite pays on chain only");
                        },
                        PaymentProperties.defaults()),
                new BatchedOnchainPayer(payments, batches, wallet, new OnchainSendTracker(wallet, node), properties));
        activities = newCaller();

        String funding = net.customerSendOnChain(net.merchantNewAddress(), 200_000_000L);
        RegtestNetwork.waitFor(
                "funding in the mempool",
                WAIT,
                () -> net.bitcoinRpc().getRawMemPool().contains(funding));
        net.mine(1);
        RegtestNetwork.waitFor("Flash's wallet sees its funding", WAIT, () -> wallet.confirmations(funding) >= 1);
    }

    @AfterAll
    static void stop() {
        environments.forEach(TestActivityEnvironment::close);
        temporal.close();
        wallet.close();
        lightning.close();
        database.close();
    }

    @Test
    void payouts_due_in_the_same_run_go_out_in_one_transaction_confirmed_on_btcd_and_share_its_fee() throws Exception {
        String shared = net.customerNewAddress();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<PaymentOrder> orders = List.of(
                new PaymentOrder("payout-batch-" + run + "-1", net.customerNewAddress(), 1_000_000_000L, 50_000_000L),
                new PaymentOrder("payout-batch-" + run + "-2", net.customerNewAddress(), 2_500_000_000L, 50_000_000L),
                new PaymentOrder("payout-batch-" + run + "-3", shared, 300_000_000L, 50_000_000L),
                new PaymentOrder("payout-batch-" + run + "-4", shared, 200_000_000L, 50_000_000L));

        List<Future<PaymentResult>> paying = payAll(orders);
        String txid = awaitBatchInMempool(orders.get(0).paymentId());
        net.mine(1);
        List<PaymentResult> results = new ArrayList<>();
        for (Future<PaymentResult> result : paying) {
            results.add(result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }

        assertThat(results).allSatisfy(r -> {
            assertThat(r.succeeded()).as(r.toString()).isTrue();
            assertThat(r.proof()).isEqualTo(txid);
        });
        RawTransaction onChain = net.bitcoinRpc().getRawTransaction(txid);
        assertThat(onChain.confirmations()).isGreaterThanOrEqualTo(1);
        assertThat(onChain.vOut())
                .as("three outputs (the shared address once, its amounts added) and the change")
                .hasSize(4);
        assertThat(net.paidSat(onChain.txId(), orders.get(0).destination())).isEqualTo(1_000_000);
        assertThat(net.paidSat(onChain.txId(), orders.get(1).destination())).isEqualTo(2_500_000);
        assertThat(net.paidSat(onChain.txId(), shared)).isEqualTo(500_000);
        long feeSat = net.feeSat(onChain.txId());
        assertThat(results.stream().mapToLong(PaymentResult::feeMsat).sum())
                .as("the shares add up to the transaction's fee exactly")
                .isEqualTo(feeSat * 1_000);
        Payment stored = payments.find(orders.get(0).paymentId()).orElseThrow();
        PaymentBatch batch = batches.find(stored.batchId()).orElseThrow();
        assertThat(batch.status()).isEqualTo(BatchStatus.BROADCAST);
        assertThat(batch.txid()).isEqualTo(txid);
        assertThat(batches.payments(batch.batchId()))
                .extracting(Payment::status)
                .containsOnly(PaymentState.SUCCEEDED);
        assertThat(labelled(batch.label()))
                .as("one transaction under the batch's label")
                .isEqualTo(1);
        assertThat(activities.pay(orders.get(2)))
                .as("paying again returns the stored result and sends nothing")
                .isEqualTo(results.get(2));
        assertThat(labelled(batch.label())).isEqualTo(1);
    }

    @Test
    void a_batch_whose_network_fee_is_above_its_payments_limits_sends_nothing_and_fails_each_with_the_reason()
            throws Exception {
        int mempoolBefore = net.bitcoinRpc().getRawMemPool().size();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<PaymentOrder> orders = List.of(
                new PaymentOrder("payout-cheap-" + run + "-1", net.customerNewAddress(), 1_000_000_000L, 0),
                new PaymentOrder("payout-cheap-" + run + "-2", net.customerNewAddress(), 1_000_000_000L, 0));

        List<PaymentResult> results = new ArrayList<>();
        for (Future<PaymentResult> result : payAll(orders)) {
            results.add(result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }

        assertThat(results).allSatisfy(r -> {
            assertThat(r.succeeded()).isFalse();
            assertThat(r.failure()).isEqualTo(PaymentFailure.ERROR);
            assertThat(r.detail()).contains("was not sent: The network fee for confirmation within 6 blocks would be");
            assertThat(r.detail()).contains("above the 0 sat its payments allow together");
        });
        assertThat(net.bitcoinRpc().getRawMemPool()).hasSize(mempoolBefore);
        long batchId = payments.find(orders.get(0).paymentId()).orElseThrow().batchId();
        assertThat(batches.find(batchId).orElseThrow().status()).isEqualTo(BatchStatus.FAILED);
        assertThat(labelled(batches.find(batchId).orElseThrow().label())).isZero();
    }

    @Test
    void a_payment_sent_alone_under_its_own_label_before_batching_is_followed_and_never_batched() throws Exception {
        String paymentId = "payout-alone-" + UUID.randomUUID().toString().substring(0, 8);
        String address = net.customerNewAddress();
        OnchainTransaction alone = wallet.sendBatch(paymentId, List.of(new OnchainOutput(address, 700_000)), 6);
        RegtestNetwork.waitFor(
                "the lone send in the mempool",
                WAIT,
                () -> net.bitcoinRpc().getRawMemPool().contains(alone.txid()));

        Future<PaymentResult> paying = payAll(List.of(new PaymentOrder(paymentId, address, 700_000_000L, 10_000_000L)))
                .get(0);
        Thread.sleep(5_000); // two batcher runs: neither may gather it
        net.mine(1);
        PaymentResult result = paying.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.proof()).isEqualTo(alone.txid());
        assertThat(result.feeMsat()).isEqualTo(alone.feeMsat());
        assertThat(payments.find(paymentId).orElseThrow().batchId()).isNull();
        assertThat(labelled(paymentId)).isEqualTo(1);
    }

    @Test
    void an_unpayable_onchain_amount_is_refused_before_anything_is_recorded_or_batched() {
        PaymentResult dust = activities.pay(new PaymentOrder("payout-dust", net.customerNewAddress(), 545_000, 10_000));
        PaymentResult msat =
                activities.pay(new PaymentOrder("payout-msat", net.customerNewAddress(), 1_000_500, 10_000));

        assertThat(dust.failure()).isEqualTo(PaymentFailure.INVALID_DESTINATION);
        assertThat(dust.detail()).isEqualTo("On-chain payments start at 546 sat (smaller outputs are dust)");
        assertThat(msat.failure()).isEqualTo(PaymentFailure.INVALID_DESTINATION);
        assertThat(msat.detail()).isEqualTo("On-chain amounts are whole satoshis, not 1000500 msat");
        assertThat(payments.find("payout-dust")).isEmpty();
        assertThat(payments.find("payout-msat")).isEmpty();
    }

    /**
     * A payment activity of its own, as each payout workflow's is: the test environment runs one activity at a
     * time, and the payments of a batch wait together.
     */
    private static PaymentActivities newCaller() {
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(impl);
        environments.add(environment);
        return environment.newActivityStub(
                PaymentActivities.class,
                ActivityOptions.newBuilder(PaymentWorker.activityOptions())
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build());
    }

    private static List<Future<PaymentResult>> payAll(List<PaymentOrder> orders) {
        ExecutorService callers = Executors.newFixedThreadPool(orders.size());
        List<Future<PaymentResult>> paying = new ArrayList<>();
        for (PaymentOrder order : orders) {
            PaymentActivities caller = newCaller();
            paying.add(callers.submit(() -> caller.pay(order)));
        }
        callers.shutdown();
        return paying;
    }

    private static String awaitBatchInMempool(String paymentId) {
        RegtestNetwork.waitFor(
                "the batch broadcast",
                WAIT,
                () -> payments.find(paymentId)
                        .flatMap(p -> p.batchId() == null ? java.util.Optional.empty() : batches.find(p.batchId()))
                        .map(b -> b.status() == BatchStatus.BROADCAST)
                        .orElse(false));
        Payment payment = payments.find(paymentId).orElseThrow();
        String txid = batches.find(payment.batchId()).orElseThrow().txid();
        RegtestNetwork.waitFor(
                txid + " in btcd's mempool",
                WAIT,
                () -> net.bitcoinRpc().getRawMemPool().contains(txid));
        return txid;
    }

    private static long labelled(String label) throws Exception {
        GetTransactionsRequest request = new GetTransactionsRequest();
        request.setStartHeight(0);
        request.setEndHeight(-1);
        return net.merchant().api().getTransactions(request).getTransactions().stream()
                .filter(t -> label.equals(t.getLabel()))
                .count();
    }
}
