package com.flash.backoffice.workflows.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.payment.BatchCustody;
import com.flash.backoffice.db.payment.BatchStatus;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.refund.NewRefund;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundQuote;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundSource;
import com.flash.backoffice.db.refund.RefundStartResult;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalActivitiesImpl;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.payment.BatchedOnchainPayer;
import com.flash.backoffice.workflows.payment.BatcherSettings;
import com.flash.backoffice.workflows.payment.DecodedBolt11;
import com.flash.backoffice.workflows.payment.LightningPayments;
import com.flash.backoffice.workflows.payment.LndOnchainWallet;
import com.flash.backoffice.workflows.payment.LnurlDestinationResolver;
import com.flash.backoffice.workflows.payment.LnurlPayProperties;
import com.flash.backoffice.workflows.payment.LnurlPayResolver;
import com.flash.backoffice.workflows.payment.NodePaymentDestinations;
import com.flash.backoffice.workflows.payment.OnchainBatcher;
import com.flash.backoffice.workflows.payment.OnchainBatcherWorkflow;
import com.flash.backoffice.workflows.payment.OnchainPaymentProperties;
import com.flash.backoffice.workflows.payment.OnchainSendTracker;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentActivitiesImpl;
import com.flash.backoffice.workflows.payment.PaymentBatchActivitiesImpl;
import com.flash.backoffice.workflows.payment.PaymentBatchWorker;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import com.flash.backoffice.workflows.payment.PaymentProperties;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.webhook.PayoutEventWebhooks;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigDecimal;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import wf.bitcoin.javabitcoindrpcclient.BitcoindRpcClient.RawTransaction;

/**
 * Refunds paid for real: the refund workflow and its activities on MariaDB, the production payment activity on
 * Flash's node (the regtest merchant LND) and the on-chain batcher. A customer's claim with an invoice of their own
 * wallet (the customer LND) is paid over the channel; an invoice for another amount pays nothing and the refund
 * waits for a good claim; an agent's on-chain address is paid in a batch from Flash's wallet and confirmed on btcd.
 */
@ExtendWith(RegtestExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RefundRegtestIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BigDecimal RATE = new BigDecimal("50000");
    private static final long LIQUIDITY_MSAT = 1_000_000_000L;

    private static RegtestNetwork net;
    private static TestDatabase database;
    private static RefundRepository refunds;
    private static PaymentRepository payments;
    private static PaymentBatchRepository batches;
    private static LedgerRepository ledger;
    private static PaidInvoices paid;
    private static LndLightningNode lightning;
    private static LndOnchainWallet wallet;
    private static TestWorkflowEnvironment temporal;
    private static WorkflowClient client;
    private static final List<RefundCompleted> completed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(RegtestNetwork network) {
        net = network;
        database = TestDatabase.migrated("refund_regtest_it");
        refunds = new RefundRepository(database.dsl());
        payments = new PaymentRepository(database.dsl());
        batches = new PaymentBatchRepository(database.dsl());
        ledger = new LedgerRepository(database.dsl());
        paid = new PaidInvoices(database.dsl());
        LndProperties flashsNode = new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon());
        lightning = new LndLightningNode(flashsNode);
        wallet = new LndOnchainWallet(flashsNode);
        BitcoinRpcNode node = new BitcoinRpcNode(new BitcoinRpcProperties(
                URI.create(net.btcdRpcUrl()), net.btcdRpcUser(), net.btcdRpcPassword(), net.btcdRpcCert()));
        OnchainPaymentProperties onchain = new OnchainPaymentProperties(
                6, 1, Duration.ofMillis(300), Duration.ofSeconds(2), 250, BatchCustody.HOT);
        PaymentDestinations destinations =
                new NodePaymentDestinations(lightning, ChainNetwork.REGTEST, Clock.systemUTC());

        temporal = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        client = temporal.getWorkflowClient();
        temporal.newWorker(RefundWorkflow.TASK_QUEUE).registerWorkflowImplementationTypes(RefundWorkflowImpl.class);
        temporal.newWorker(RefundWorkflow.TASK_QUEUE)
                .registerActivitiesImplementations(new RefundActivitiesImpl(
                        refunds,
                        new InvoiceRepository(database.dsl()),
                        new ExchangeRateRepository(database.dsl()),
                        new RefundWebhooks(new PayoutEventWebhooks(
                                new WebhookRepository(
                                        database.dsl(), com.flash.backoffice.db.testsupport.TestMasterKey.seal()),
                                client)),
                        destinations,
                        (to, subject, text, messageId) -> {},
                        token -> "https://flash.example/refunds/claim/" + token,
                        List.of(completed::add)));
        temporal.newWorker(PaymentActivities.TASK_QUEUE)
                .registerActivitiesImplementations(new PaymentActivitiesImpl(
                        payments,
                        destinations,
                        new LightningPayments(
                                lightning,
                                payments,
                                destinations,
                                new LnurlDestinationResolver(new LnurlPayResolver(
                                        new LnurlPayProperties(
                                                Duration.ofSeconds(5), Duration.ofSeconds(20), null, List.of()),
                                        bolt11 -> {
                                            var decoded = lightning.decode(bolt11);
                                            return new DecodedBolt11(decoded.amountMsat(), decoded.descriptionHash());
                                        })),
                                PaymentProperties.defaults()),
                        new BatchedOnchainPayer(
                                payments, batches, wallet, new OnchainSendTracker(wallet, node), onchain)));
        temporal.newWorker(ApprovalActivities.TASK_QUEUE)
                .registerActivitiesImplementations(new ApprovalActivitiesImpl(database.dsl(), reminder -> {}));
        PaymentBatchWorker.register(
                temporal.newWorker(OnchainBatcherWorkflow.TASK_QUEUE),
                new PaymentBatchActivitiesImpl(batches, wallet, null, onchain));
        temporal.start();
        new OnchainBatcher(client).ensureRunning(BatcherSettings.every(Duration.ofSeconds(2)));

        AddInvoiceResponse liquidity = net.merchantAddInvoice(LIQUIDITY_MSAT, "outbound liquidity for refunds");
        net.customerPayInvoice(liquidity.getPaymentRequest());
        String funding = net.customerSendOnChain(net.merchantNewAddress(), 50_000_000L);
        RegtestNetwork.waitFor(
                "funding in the mempool",
                WAIT,
                () -> net.bitcoinRpc().getRawMemPool().contains(funding));
        net.mine(1);
        RegtestNetwork.waitFor("Flash's wallet sees its funding", WAIT, () -> wallet.confirmations(funding) >= 1);
    }

    @AfterAll
    static void stop() {
        temporal.close();
        wallet.close();
        lightning.close();
        database.close();
    }

    @Test
    void a_wallets_claim_is_paid_over_the_channel_once_after_an_invoice_for_another_amount_paid_nothing()
            throws Exception {
        Merchant merchant = paid.merchantWithBalance(100_000_000);
        Invoice invoice = paid.settled(merchant.id(), 60_000_000, 60_000_000, RATE, null);
        Refund refund = start(invoice, 40_000_000, null);
        awaitState(refund, RefundState.AWAITING_CLAIM, 1);
        long lightningBefore = balance(ChartOfAccounts.LIGHTNING_ASSETS.code());

        AddInvoiceResponse wrong = customerInvoice(41_000_000);
        workflow(refund).claim(RefundClaim.byCustomer(wrong.getPaymentRequest()));
        Refund afterWrong = awaitState(refund, RefundState.AWAITING_CLAIM, 3);

        assertThat(afterWrong.failureDetail()).contains("asks for 41000000 msat, not the 40000000");
        assertThat(customerInvoiceState(wrong)).isEqualTo(org.lightningj.lnd.wrapper.message.Invoice.InvoiceState.OPEN);
        assertThat(balance(ChartOfAccounts.LIGHTNING_ASSETS.code())).isEqualTo(lightningBefore);

        AddInvoiceResponse right = customerInvoice(40_000_000);
        workflow(refund).claim(RefundClaim.byCustomer(right.getPaymentRequest()));
        RefundSnapshot end = result(refund);

        assertThat(end.state()).isEqualTo(RefundState.COMPLETED);
        assertThat(sha256(end.proof()))
                .as("the proof is the preimage of the customer's hash")
                .isEqualTo(hex(right.getRHash()));
        org.lightningj.lnd.wrapper.message.Invoice settled =
                net.customer().api().lookupInvoice(null, right.getRHash());
        assertThat(settled.getState()).isEqualTo(org.lightningj.lnd.wrapper.message.Invoice.InvoiceState.SETTLED);
        assertThat(settled.getAmtPaidMsat()).isEqualTo(40_000_000L);
        assertThat(balance(ChartOfAccounts.LIGHTNING_ASSETS.code()))
                .as("Flash's Lightning asset went down by the refund and its fee")
                .isEqualTo(lightningBefore - 40_000_000 - end.feeMsat());
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
        assertThat(ledger.merchantBalances(merchant.id()).payable().msat()).isEqualTo(60_000_000);
        assertThat(completed).anySatisfy(event -> assertThat(event.refundId()).isEqualTo(refund.id()));
    }

    @Test
    void an_agents_onchain_address_is_paid_in_a_batch_from_flashs_wallet_and_confirmed_on_btcd() throws Exception {
        Merchant merchant = paid.merchantWithBalance(2_000_000_000);
        Invoice invoice = paid.settled(merchant.id(), 1_500_000_000, 1_500_000_000, RATE, null);
        String address = net.customerNewAddress();
        Refund refund = start(invoice, 1_000_000_000, address);

        String paymentId = "refund-" + refund.id();
        RegtestNetwork.waitFor(
                "the refund's batch broadcast",
                WAIT,
                () -> payments.find(paymentId)
                        .map(Payment::batchId)
                        .flatMap(batchId -> batchId == null ? java.util.Optional.empty() : batches.find(batchId))
                        .map(batch -> batch.status() == BatchStatus.BROADCAST)
                        .orElse(false));
        String txid = batches.find(payments.find(paymentId).orElseThrow().batchId())
                .orElseThrow()
                .txid();
        RegtestNetwork.waitFor(
                txid + " in btcd's mempool",
                WAIT,
                () -> net.bitcoinRpc().getRawMemPool().contains(txid));
        assertThat(refunds.findById(refund.id()).orElseThrow().state()).isEqualTo(RefundState.IN_PROGRESS);
        net.mine(1);
        RefundSnapshot end = result(refund);

        assertThat(end.state()).isEqualTo(RefundState.COMPLETED);
        assertThat(end.proof()).isEqualTo(txid);
        RawTransaction onChain = net.bitcoinRpc().getRawTransaction(txid);
        assertThat(onChain.confirmations()).isGreaterThanOrEqualTo(1);
        assertThat(net.paidSat(txid, address)).isEqualTo(1_000_000);
        assertThat(end.feeMsat()).isPositive().isEqualTo(net.feeSat(txid) * 1_000);
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
        assertThat(ledger.merchantBalances(merchant.id()).payable().msat()).isEqualTo(1_000_000_000);
    }

    private static Refund start(Invoice invoice, long msat, String destination) {
        RefundStartResult result = refunds.start(new NewRefund(
                invoice.id(),
                new RefundQuote(RefundVariant.CUSTOM, msat, null, null, null, BigDecimal.ZERO, true),
                RefundSource.MERCHANT,
                null,
                "customer returned the goods",
                false,
                destination,
                RefundOrigin.PORTAL,
                "sue",
                50_000_000));
        assertThat(result).isInstanceOf(RefundStartResult.Created.class);
        Refund refund = ((RefundStartResult.Created) result).refund();
        RefundWorkflows.start(
                client,
                new RefundRequest(
                        refund.id(),
                        refund.invoiceId(),
                        refund.merchantId(),
                        refund.amountMsat(),
                        refund.feeLimitMsat(),
                        refund.destination(),
                        "sue",
                        "Refund of invoice " + invoice.id(),
                        new ApprovalPolicy(
                                "FINANCE", msat + 1, 10_000_000_000L, Duration.ofHours(4), Duration.ofHours(72)),
                        Duration.ofDays(30)));
        return refund;
    }

    private static Refund awaitState(Refund refund, RefundState state, int revision) {
        RegtestNetwork.waitFor(refund.id() + " " + state + " at revision " + revision, WAIT, () -> {
            Refund now = refunds.findById(refund.id()).orElseThrow();
            return now.state() == state
                    && now.revision() >= revision
                    && workflow(refund).snapshot().state() == state;
        });
        return refunds.findById(refund.id()).orElseThrow();
    }

    private static RefundWorkflow workflow(Refund refund) {
        return RefundWorkflows.stub(client, refund.id());
    }

    private static RefundSnapshot result(Refund refund) throws Exception {
        return WorkflowStub.fromTyped(workflow(refund))
                .getResult(WAIT.toSeconds(), TimeUnit.SECONDS, RefundSnapshot.class);
    }

    private static AddInvoiceResponse customerInvoice(long msat) throws Exception {
        org.lightningj.lnd.wrapper.message.Invoice request = new org.lightningj.lnd.wrapper.message.Invoice();
        request.setValueMsat(msat);
        request.setExpiry(600);
        return net.customer().api().addInvoice(request);
    }

    private static org.lightningj.lnd.wrapper.message.Invoice.InvoiceState customerInvoiceState(
            AddInvoiceResponse invoice) throws Exception {
        return net.customer().api().lookupInvoice(null, invoice.getRHash()).getState();
    }

    private static long balance(String code) {
        return ledger.accountBalance(code)
                .map(account -> account.balanceMsat().msat())
                .orElse(0L);
    }

    private static String sha256(String preimageHex) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(preimageHex)));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
