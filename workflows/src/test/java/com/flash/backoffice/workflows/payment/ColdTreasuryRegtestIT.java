package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.payment.BatchCustody;
import com.flash.backoffice.db.payment.BatchStatus;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatch;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.LndNode;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.walletkit.SynchronousWalletKitAPI;
import org.lightningj.lnd.wrapper.walletkit.message.Account;
import wf.bitcoin.javabitcoindrpcclient.BitcoindRpcClient.RawTransaction;

/**
 * The cold treasury on real LNDs: a separate regtest LND (the "treasury signer") owns the treasury seed and plays the
 * hardware wallet; Flash's node (the merchant LND) holds its account watch-only, funds PSBTs from it, checks the
 * signed ones and broadcasts them to btcd.
 */
@ExtendWith(RegtestExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ColdTreasuryRegtestIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RegtestNetwork net;
    private static LndOnchainWallet wallet;
    private static LndColdTreasury treasury;
    private static SynchronousWalletKitAPI signer;

    @BeforeAll
    static void importTheTreasuryAndFundIt(RegtestNetwork network) throws Exception {
        net = network;
        LndNode signerNode = net.treasurySigner();
        signer = new SynchronousWalletKitAPI(
                signerNode.host(),
                signerNode.grpcPort(),
                signerNode.tlsCert().toFile(),
                signerNode.adminMacaroon().toFile());
        Account account = signer.listAccounts("default", null).getAccounts().stream()
                .filter(a -> a.getAddressType()
                        == org.lightningj.lnd.wrapper.walletkit.message.AddressType.WITNESS_PUBKEY_HASH)
                .findFirst()
                .orElseThrow();
        LndProperties flashsNode = new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon());
        wallet = new LndOnchainWallet(flashsNode);
        treasury = new LndColdTreasury(
                flashsNode,
                new ColdTreasuryProperties(true, "treasury-it", account.getExtendedPublicKey(), "d34db33f", null, null),
                ChainNetwork.REGTEST,
                wallet);
        treasury.ensureAccount();
        for (int i = 0; i < 3; i++) {
            // the harness's coinbase coins, not the customer's: its wallet's coins back other suites' sends
            RegtestNetwork.SignedTransaction deposit = net.signCoinbaseSpend(treasury.depositAddress(), 20_000_000L);
            net.bitcoinRpc().sendRawTransaction(deposit.hex());
        }
        net.mine(1);
        long height = net.bitcoinRpc().getBlockCount();
        RegtestNetwork.waitFor(
                "Flash's node at the deposits' height",
                WAIT,
                () -> net.merchant().api().getInfo().getBlockHeight() == height);
    }

    @AfterAll
    static void close() throws Exception {
        signer.close();
        treasury.close();
        wallet.close();
    }

    @Test
    void a_psbt_signed_by_the_separate_wallet_is_checked_broadcast_once_and_confirmed_on_btcd() throws Exception {
        List<OnchainOutput> approved = List.of(
                new OnchainOutput(net.customerNewAddress(), 1_000_000),
                new OnchainOutput(net.customerNewAddress(), 2_500_000));
        FundedPsbt funded = treasury.fund("payment-batch-cold-it-1", approved, 6);
        assertThat(funded.outputs()).containsExactlyElementsOf(approved);
        assertThat(funded.feeSat()).isPositive();

        byte[] signed = sign(funded);
        VerifiedTransaction verified = treasury.verify(funded, signed, approved, 50_000);
        VerifiedTransaction fromBase64 =
                treasury.verify(funded, Base64.getEncoder().encodeToString(signed), approved, 50_000);
        String txid = treasury.publish(verified, "payment-batch-cold-it-1");
        String again = treasury.publish(verified, "payment-batch-cold-it-1");

        assertThat(fromBase64.txid()).isEqualTo(verified.txid());
        assertThat(txid).isEqualTo(verified.txid()).isEqualTo(again);
        RegtestNetwork.waitFor(
                txid + " in btcd's mempool",
                WAIT,
                () -> net.bitcoinRpc().getRawMemPool().contains(txid));
        net.mine(1);
        RawTransaction onChain = net.bitcoinRpc().getRawTransaction(txid);
        assertThat(onChain.confirmations()).isEqualTo(1);
        assertThat(net.paidSat(onChain.txId(), approved.get(0).address())).isEqualTo(1_000_000);
        assertThat(net.paidSat(onChain.txId(), approved.get(1).address())).isEqualTo(2_500_000);
        assertThat(onChain.vOut())
                .as("two payments and the change to the treasury")
                .hasSize(3);
        assertThat(verified.feeSat()).isEqualTo(net.feeSat(onChain.txId())).isEqualTo(funded.feeSat());
    }

    @Test
    void a_wrong_or_tampered_upload_is_refused_with_its_reason_and_nothing_is_broadcast() throws Exception {
        List<OnchainOutput> approved = List.of(new OnchainOutput(net.customerNewAddress(), 700_000));
        FundedPsbt funded = treasury.fund("payment-batch-cold-it-2", approved, 6);
        byte[] signed = sign(funded);
        FundedPsbt other = treasury.fund(
                "payment-batch-cold-it-3", List.of(new OnchainOutput(net.customerNewAddress(), 800_000)), 6);
        byte[] otherSigned = sign(other);
        int mempool = net.bitcoinRpc().getRawMemPool().size();

        assertRefused(
                () -> treasury.verify(funded, Base64.getDecoder().decode(funded.psbtBase64()), approved, 50_000),
                PsbtRefusal.Reason.NOT_SIGNED);
        assertRefused(
                () -> treasury.verify(funded, "not a psbt at all".getBytes(StandardCharsets.UTF_8), approved, 50_000),
                PsbtRefusal.Reason.UNREADABLE);
        assertRefused(
                () -> treasury.verify(funded, signed, approved, funded.feeSat() - 1),
                PsbtRefusal.Reason.FEE_OVER_LIMIT);
        assertRefused(
                () -> treasury.verify(
                        funded,
                        signed,
                        List.of(new OnchainOutput(approved.get(0).address(), 700_001)),
                        50_000),
                PsbtRefusal.Reason.AMOUNT_DIFFERS);
        assertRefused(
                () -> treasury.verify(funded, otherSigned, approved, 50_000), PsbtRefusal.Reason.NOT_THE_FUNDED_INPUTS);

        assertThat(net.bitcoinRpc().getRawMemPool()).hasSize(mempool);
        treasury.release(funded);
        treasury.release(other);
    }

    @Test
    void cold_payouts_wait_in_a_batch_for_the_signed_psbt_and_complete_once_it_is_broadcast_and_confirmed()
            throws Exception {
        try (TestDatabase database = TestDatabase.migrated("cold_batch_it");
                LndLightningNode lightning = new LndLightningNode(flashsNode());
                TestWorkflowEnvironment temporal =
                        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                                .setUseTimeskipping(false)
                                .build())) {
            PaymentRepository payments = new PaymentRepository(database.dsl());
            PaymentBatchRepository batches = new PaymentBatchRepository(database.dsl());
            OnchainPaymentProperties properties = new OnchainPaymentProperties(
                    6, 1, Duration.ofMillis(300), Duration.ofSeconds(2), 250, BatchCustody.COLD);
            PaymentBatchWorker.register(
                    temporal.newWorker(OnchainBatcherWorkflow.TASK_QUEUE),
                    new PaymentBatchActivitiesImpl(batches, wallet, treasury, properties));
            temporal.start();
            new OnchainBatcher(temporal.getWorkflowClient())
                    .ensureRunning(BatcherSettings.every(Duration.ofSeconds(2)));
            BitcoinRpcNode node = new BitcoinRpcNode(new BitcoinRpcProperties(
                    URI.create(net.btcdRpcUrl()), net.btcdRpcUser(), net.btcdRpcPassword(), net.btcdRpcCert()));
            PaymentDestinations destinations =
                    new NodePaymentDestinations(lightning, ChainNetwork.REGTEST, Clock.systemUTC());
            PaymentActivitiesImpl impl = new PaymentActivitiesImpl(
                    payments,
                    destinations,
                    new LightningPayments(
                            lightning,
                            payments,
                            destinations,
                            (kind, destination, amount) -> {
                                throw new AssertionError("on chain only");
                            },
                            PaymentProperties.defaults()),
                    new BatchedOnchainPayer(
                            payments, batches, wallet, new OnchainSendTracker(wallet, node), properties));
            List<PaymentOrder> orders = List.of(
                    new PaymentOrder("payout-cold-1", net.customerNewAddress(), 1_200_000_000L, 20_000_000L),
                    new PaymentOrder("payout-cold-2", net.customerNewAddress(), 300_000_000L, 20_000_000L));
            ExecutorService callers = Executors.newFixedThreadPool(orders.size());
            List<Future<PaymentResult>> paying = new ArrayList<>();
            List<TestActivityEnvironment> environments = new ArrayList<>();
            for (PaymentOrder order : orders) {
                TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
                environment.registerActivitiesImplementations(impl);
                environments.add(environment);
                PaymentActivities caller = environment.newActivityStub(
                        PaymentActivities.class,
                        ActivityOptions.newBuilder(PaymentWorker.activityOptions())
                                .setRetryOptions(RetryOptions.newBuilder()
                                        .setMaximumAttempts(1)
                                        .build())
                                .build());
                paying.add(callers.submit(() -> caller.pay(order)));
            }
            callers.shutdown();

            RegtestNetwork.waitFor(
                    "the cold batch's PSBT",
                    WAIT,
                    () -> payments.find("payout-cold-1")
                            .map(Payment::batchId)
                            .flatMap(batches::find)
                            .map(b -> b.status() == BatchStatus.AWAITING_SIGNATURE)
                            .orElse(false));
            PaymentBatch batch = batches.find(
                            payments.find("payout-cold-1").orElseThrow().batchId())
                    .orElseThrow();
            FundedPsbt funded = FundingRecords.read(batch.funding());
            PaymentBatchWorkflow workflow = temporal.getWorkflowClient()
                    .newWorkflowStub(PaymentBatchWorkflow.class, PaymentBatchWorkflow.workflowId(batch.batchId()));
            RegtestNetwork.waitFor("the batch waits for its signature", WAIT, workflow::awaitingSignature);
            List<String> finance = List.of("FINANCE");
            SignatureResult unsigned = workflow.submitSignature(
                    new SignatureUpload(Base64.getDecoder().decode(funded.psbtBase64()), "fiona", finance));
            SignatureResult signed = workflow.submitSignature(new SignatureUpload(sign(funded), "fiona", finance));

            assertThat(unsigned.accepted()).isFalse();
            assertThat(unsigned.refusal()).isEqualTo("NOT_SIGNED");
            assertThat(signed.accepted()).as(signed.message()).isTrue();
            RegtestNetwork.waitFor(
                    signed.txid() + " in btcd's mempool",
                    WAIT,
                    () -> net.bitcoinRpc().getRawMemPool().contains(signed.txid()));
            net.mine(1);
            List<PaymentResult> results = new ArrayList<>();
            for (Future<PaymentResult> result : paying) {
                results.add(result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            assertThat(results).allSatisfy(r -> {
                assertThat(r.succeeded()).as(r.toString()).isTrue();
                assertThat(r.proof()).isEqualTo(signed.txid());
            });
            assertThat(results.stream().mapToLong(PaymentResult::feeMsat).sum()).isEqualTo(funded.feeSat() * 1_000);
            RawTransaction onChain = net.bitcoinRpc().getRawTransaction(signed.txid());
            assertThat(net.paidSat(onChain.txId(), orders.get(0).destination())).isEqualTo(1_200_000);
            assertThat(net.paidSat(onChain.txId(), orders.get(1).destination())).isEqualTo(300_000);
            PaymentBatch sent = batches.find(batch.batchId()).orElseThrow();
            assertThat(sent.status()).isEqualTo(BatchStatus.BROADCAST);
            assertThat(sent.signedBy()).isEqualTo("fiona");
            environments.forEach(TestActivityEnvironment::close);
        }
    }

    private static LndProperties flashsNode() {
        return new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon());
    }

    private static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable upload, PsbtRefusal.Reason reason) {
        assertThatThrownBy(upload)
                .isInstanceOf(PsbtRefusal.class)
                .satisfies(e -> assertThat(((PsbtRefusal) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    /** The hardware wallet's part: the signer LND, which owns the treasury seed, signs its inputs. */
    private static byte[] sign(FundedPsbt funded) throws Exception {
        return signer.signPsbt(Base64.getDecoder().decode(funded.psbtBase64())).getSignedPsbt();
    }
}
