package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.BtcdPeer;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.message.GetTransactionsRequest;
import org.lightningj.lnd.wrapper.message.Transaction;
import wf.bitcoin.javabitcoindrpcclient.BitcoindRpcClient.RawTransaction;

/**
 * On-chain sends from Flash's wallet (the regtest merchant LND) through the production adapter: batches of
 * outputs to the customer LND's addresses, found again by label, counted as btcd mines, and a reorg that drops
 * one ({@link BtcdPeer}: a second btcd mines a longer chain in which the batch's coin went elsewhere).
 */
@ExtendWith(RegtestExtension.class)
class OnchainSendRegtestIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RegtestNetwork net;
    private static LndOnchainWallet wallet;
    private static BitcoinRpcNode node;

    @BeforeAll
    static void fundFlashsWallet(RegtestNetwork network) {
        net = network;
        wallet = new LndOnchainWallet(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
        node = new BitcoinRpcNode(new BitcoinRpcProperties(
                URI.create(net.btcdRpcUrl()), net.btcdRpcUser(), net.btcdRpcPassword(), net.btcdRpcCert()));
        String funding = net.customerSendOnChain(net.merchantNewAddress(), 100_000_000L);
        awaitInMempool(funding);
        net.mine(1);
        RegtestNetwork.waitFor(
                "Flash's wallet sees its funding confirmed", WAIT, () -> wallet.confirmations(funding) >= 1);
    }

    @AfterAll
    static void close() {
        wallet.close();
    }

    @Test
    void a_batch_of_three_outputs_is_one_labelled_transaction_found_by_its_label_and_never_sent_twice() {
        String label = "payout-batch-" + UUID.randomUUID();
        List<OnchainOutput> outputs = List.of(
                new OnchainOutput(net.customerNewAddress(), 100_000),
                new OnchainOutput(net.customerNewAddress(), 250_000),
                new OnchainOutput(net.customerNewAddress(), 1_000_000));
        int mempoolBefore = net.bitcoinRpc().getRawMemPool().size();

        OnchainTransaction sent = wallet.sendBatch(label, outputs, 6);

        awaitInMempool(sent.txid());
        assertThat(sent.label()).isEqualTo(label);
        assertThat(sent.confirmations()).isZero();
        assertThat(sent.payments()).containsExactlyInAnyOrderElementsOf(outputs);
        RawTransaction onChain = net.bitcoinRpc().getRawTransaction(sent.txid());
        assertThat(onChain.vOut()).as("three payments and the change").hasSize(4);
        assertThat(sent.feeSat())
                .as("the fee LND reports is inputs less outputs on chain")
                .isEqualTo(net.feeSat(onChain.txId()));
        assertThat(sent.feeSat()).isPositive();
        assertThat(wallet.findByLabel(label)).contains(sent);

        OnchainTransaction again = wallet.sendBatch(label, outputs, 6);

        assertThat(again.txid()).as("the first attempt, not a second send").isEqualTo(sent.txid());
        assertThat(net.bitcoinRpc().getRawMemPool()).hasSize(mempoolBefore + 1);
        assertThat(labelled(label)).hasSize(1);
    }

    @Test
    void confirmations_are_counted_as_blocks_are_mined() {
        OnchainTransaction sent = wallet.sendBatch(
                "payout-batch-" + UUID.randomUUID(), List.of(new OnchainOutput(net.customerNewAddress(), 300_000)), 3);
        awaitInMempool(sent.txid());
        assertThat(wallet.confirmations(sent.txid())).isZero();

        net.mine(1);
        RegtestNetwork.waitFor("1 confirmation", WAIT, () -> wallet.confirmations(sent.txid()) == 1);
        long height = net.bitcoinRpc().getBlockCount();
        assertThat(wallet.transaction(sent.txid()).orElseThrow().blockHeight()).isEqualTo(height);

        net.mine(2);
        RegtestNetwork.waitFor("3 confirmations", WAIT, () -> wallet.confirmations(sent.txid()) == 3);
    }

    @Test
    void bad_batches_are_refused_with_their_reason_and_send_nothing() {
        String address = net.customerNewAddress();
        int mempoolBefore = net.bitcoinRpc().getRawMemPool().size();

        assertThatThrownBy(() -> wallet.sendBatch(" ", List.of(new OnchainOutput(address, 1_000)), 6))
                .hasMessage("a batch needs a label (its business id) to be sent exactly once");
        assertThatThrownBy(() -> wallet.sendBatch("payout-batch-empty", List.of(), 6))
                .hasMessage("batch payout-batch-empty has no outputs");
        assertThatThrownBy(() -> wallet.sendBatch(
                        "payout-batch-twice",
                        List.of(new OnchainOutput(address, 1_000), new OnchainOutput(address, 2_000)),
                        6))
                .hasMessage("batch payout-batch-twice pays an address twice; LND's SendMany takes each address once"
                        + " (add the amounts)");
        assertThatThrownBy(() -> wallet.sendBatch("payout-batch-now", List.of(new OnchainOutput(address, 1_000)), 0))
                .hasMessage("targetConf must be at least 1 block: 0");
        assertThatThrownBy(() -> wallet.sendBatch(
                        "payout-batch-" + UUID.randomUUID(),
                        List.of(new OnchainOutput("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", 1_000)),
                        6))
                .isInstanceOf(OnchainWalletException.class)
                .hasMessageContaining("SendMany");
        assertThat(net.bitcoinRpc().getRawMemPool()).hasSize(mempoolBefore);
        assertThatThrownBy(() -> wallet.confirmations("00".repeat(32)))
                .hasMessage("the wallet has no transaction " + "00".repeat(32));
    }

    /**
     * The batch spends a 20 BTC coin the harness paid to Flash's wallet (LND picks the largest coin first); the
     * peer's longer chain spends that harness coin elsewhere, so the funding and the batch are both invalid. LND
     * lists the batch as unconfirmed for good and keeps counting the funding's confirmations in its stale block:
     * the tracker asks btcd and sees the batch dropped.
     */
    @Test
    void a_reorg_that_drops_the_batch_is_detected_on_the_node_while_lnd_lists_it_as_unconfirmed() throws Exception {
        OnchainSendTracker tracker = new OnchainSendTracker(wallet, node);
        try (BtcdPeer peer =
                net.startPeer("onchain-reorg-" + UUID.randomUUID().toString().substring(0, 8))) {
            peer.disconnect();
            RegtestNetwork.SignedTransaction funding = net.signCoinbaseSpend(net.merchantNewAddress(), 2_000_000_000L);
            RegtestNetwork.SignedTransaction elsewhere =
                    net.signDoubleSpend(funding, net.minerAddress(), 2_000_000_000L);
            net.bitcoinRpc().sendRawTransaction(funding.hex());
            awaitInMempool(funding.txid());
            String fundingBlock = net.mine(1).get(0);
            RegtestNetwork.waitFor(
                    "funding confirmed in Flash's wallet",
                    WAIT,
                    () -> wallet.transaction(funding.txid())
                            .map(t -> t.confirmations() == 1)
                            .orElse(false));
            String label = "payout-batch-" + UUID.randomUUID();
            OnchainTransaction batch =
                    wallet.sendBatch(label, List.of(new OnchainOutput(net.customerNewAddress(), 500_000_000L)), 6);
            awaitInMempool(batch.txid());
            assertThat(net.bitcoinRpc().getRawTransaction(batch.txid()).vIn())
                    .as("the batch spends the harness's coin")
                    .extracting(RawTransaction.In::txid)
                    .containsExactly(funding.txid());
            assertThat(tracker.state(batch.txid()).status()).isEqualTo(OnchainSendStatus.IN_MEMPOOL);
            net.mine(1);
            RegtestNetwork.waitFor("batch confirmed", WAIT, () -> wallet.confirmations(batch.txid()) == 1);
            assertThat(tracker.state(batch.txid()))
                    .isEqualTo(new OnchainSendState(batch.txid(), OnchainSendStatus.CONFIRMED, 1, 1));

            peer.mine(2); // btcd drops a conflict from its mempool only in the new tip (see ChainReorgRegtestIT)
            peer.sendRawTransaction(elsewhere.hex());
            peer.mine(1);
            peer.reconnect();
            long height = net.bitcoinRpc().getBlockCount();
            RegtestNetwork.waitFor(
                    "Flash's LND on the new tip",
                    WAIT,
                    () -> wallet.confirmations(batch.txid()) == 0
                            && net.merchant().api().getInfo().getBlockHeight() == height);

            assertThat(net.bitcoinRpc().getBlockHash((int) height - 2)).isNotEqualTo(fundingBlock);
            assertThat(tracker.state(batch.txid()))
                    .as("neither in a block nor in the mempool, while LND says 0 confirmations")
                    .isEqualTo(new OnchainSendState(batch.txid(), OnchainSendStatus.DROPPED, 0, 0));
            OnchainTransaction listed = wallet.findByLabel(label).orElseThrow();
            assertThat(listed.confirmations()).isZero();
            assertThat(listed.blockHeight()).as("LND: unconfirmed, height 0").isZero();
            assertThat(wallet.sendBatch(label, List.of(new OnchainOutput(net.customerNewAddress(), 1_000)), 6)
                            .txid())
                    .as("the label still finds the dropped batch: a resend is a decision for people, not a retry")
                    .isEqualTo(batch.txid());
            assertThat(wallet.confirmations(funding.txid()))
                    .as("LND still counts the dropped funding's confirmations in its stale block")
                    .isEqualTo(3);
            assertThat(tracker.state(funding.txid()).status()).isEqualTo(OnchainSendStatus.DROPPED);
        }
    }

    private static List<Transaction> labelled(String label) {
        GetTransactionsRequest request = new GetTransactionsRequest();
        request.setStartHeight(0);
        request.setEndHeight(-1);
        try {
            return net.merchant().api().getTransactions(request).getTransactions().stream()
                    .filter(t -> label.equals(t.getLabel()))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitInMempool(String txid) {
        RegtestNetwork.waitFor(
                txid + " in btcd's mempool",
                WAIT,
                () -> net.bitcoinRpc().getRawMemPool().contains(txid));
    }
}
