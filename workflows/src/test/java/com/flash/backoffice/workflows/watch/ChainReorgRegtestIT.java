package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.regtest.BtcdPeer;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reorgs on real software: a second btcd ({@link BtcdPeer}) mines a longer chain while disconnected from the
 * network's node, then reconnects, and the node the watcher follows (through the production {@link BitcoinRpcNode})
 * switches to it. btcd 0.24 has no {@code invalidateblock}. The invoice workflow runs on a Temporal test server in
 * real time with its real activities on MariaDB. Payments are signed by the harness's key
 * ({@link RegtestNetwork#signCoinbaseSpend}), so that a double spend can be built and the LND wallets are not touched.
 */
@ExtendWith(RegtestExtension.class)
class ChainReorgRegtestIT {

    private static final Duration WAIT = RegtestInvoiceRig.WAIT;

    private static RegtestInvoiceRig rig;
    private static DSLContext dsl;
    private static InvoiceRepository invoices;
    private static RegtestNetwork net;
    private static BitcoinRpcNode bitcoin;

    private ChainWatcher watcher;
    private BtcdPeer peer;

    @BeforeAll
    static void startEverything(RegtestNetwork network) {
        net = network;
        rig = RegtestInvoiceRig.start(network, "chain_reorg_regtest_it", "Reorg shop", "flash regtest reorg merchant");
        dsl = rig.dsl();
        invoices = rig.invoices();
        bitcoin = rig.bitcoin();
    }

    @AfterAll
    static void stopEverything() {
        if (rig != null) {
            rig.close();
        }
    }

    @BeforeEach
    void startPeerAndWatcher() throws Exception {
        peer = net.startPeer("reorg-peer-" + UUID.randomUUID().toString().substring(0, 8));
        peer.disconnect();
        watcher = rig.chainWatcher("btcd-" + UUID.randomUUID(), "reorg-it");
        watcher.pollOnce();
    }

    @AfterEach
    void stopPeerAndWatcher() {
        if (watcher != null) {
            watcher.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void a_payment_whose_block_leaves_the_chain_goes_back_to_0_confirmations_and_counts_once_when_mined_again() {
        Invoice invoice = rig.startInvoice(200_000L, SpeedPolicy.LOW_MEDIUM);
        RegtestNetwork.SignedTransaction payment = net.signCoinbaseSpend(rig.allocateAddress(invoice), 200_000);
        send(payment);
        rig.pollUntil(watcher, invoice, i -> i.status() == InvoiceStatus.PROCESSING);

        String staleBlock = net.mine(1).get(0);
        rig.pollUntil(watcher, invoice, i -> confirmations(i) == 1);

        peer.mine(2); // a longer chain without the payment
        peer.reconnect();
        assertThat(bitcoin.blockHash(bitcoin.blockCount() - 1)).isNotEqualTo(staleBlock);
        RegtestNetwork.waitFor(
                "the payment back in the mempool",
                WAIT,
                () -> bitcoin.mempoolTransactionIds().contains(payment.txid()));

        ChainPollResult reorg = watcher.pollOnce();
        assertThat(reorg.reorgs()).as("detected by hash").isEqualTo(1);
        Invoice unconfirmed = rig.pollUntil(watcher, invoice, i -> confirmations(i) == 0);
        assertThat(unconfirmed.status())
                .as("still paid in full, waiting for confirmations")
                .isEqualTo(InvoiceStatus.PROCESSING);
        assertThat(unconfirmed.paidMsat()).isEqualTo(200_000_000L);

        net.mine(2);
        Invoice settled = rig.pollUntil(watcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(settled.paidMsat()).as("counted once").isEqualTo(200_000_000L);
        assertThat(rig.onlyPayment(invoice).confirmations()).isEqualTo(2);
        assertThat(rig.settlementEntries(invoice)).isEqualTo(1);
    }

    /**
     * btcd cleans its mempool of transactions that conflict with a connected block only while it considers itself
     * current; during a reorg it is not, until the new tip: so the double spend goes in the peer's last block,
     * as it would often be on mainnet. (Bitcoin Core removes conflicts in every block.)
     */
    @Test
    void a_payment_double_spent_in_the_longer_chain_is_dropped_and_the_invoice_is_new_again_until_paid_again() {
        Invoice invoice = rig.startInvoice(200_000L, SpeedPolicy.LOW_MEDIUM);
        String address = rig.allocateAddress(invoice);
        RegtestNetwork.SignedTransaction payment = net.signCoinbaseSpend(address, 200_000);
        RegtestNetwork.SignedTransaction doubleSpend = net.signDoubleSpend(payment, net.minerAddress(), 200_000);
        send(payment);
        net.mine(1);
        rig.pollUntil(watcher, invoice, i -> confirmations(i) == 1);

        peer.mine(1); // a longer chain in which the payment's coin goes elsewhere
        peer.sendRawTransaction(doubleSpend.hex());
        peer.mine(1);
        assertThat(peer.mempool()).as("the double spend is mined on the peer").doesNotContain(doubleSpend.txid());
        peer.reconnect();

        Invoice dropped = rig.pollUntil(watcher, invoice, i -> i.status() == InvoiceStatus.NEW);
        assertThat(dropped.paidMsat()).isZero();
        assertThat(rig.onlyPayment(invoice).status()).isEqualTo(PaymentStatus.DROPPED);

        RegtestNetwork.SignedTransaction again = net.signCoinbaseSpend(address, 200_000);
        send(again);
        net.mine(2);
        Invoice settled = rig.pollUntil(watcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(settled.paidMsat())
                .as("only the payment on the chain counts")
                .isEqualTo(200_000_000L);
        assertThat(invoices.findPayments(invoice.id()))
                .extracting(p -> p.paymentRef().substring(0, 64), InvoicePayment::status)
                .containsExactlyInAnyOrder(
                        tuple(payment.txid(), PaymentStatus.DROPPED), tuple(again.txid(), PaymentStatus.CONFIRMED));
        assertThat(rig.settlementEntries(invoice)).isEqualTo(1);
    }

    /** Sends to the network's node (the one the watcher follows) and waits until it is in its mempool. */
    private static void send(RegtestNetwork.SignedTransaction tx) {
        net.bitcoinRpc().sendRawTransaction(tx.hex());
        RegtestNetwork.waitFor(
                tx.txid() + " in the mempool",
                WAIT,
                () -> bitcoin.mempoolTransactionIds().contains(tx.txid()));
    }

    /** The confirmations of the invoice's only payment; -1 until its workflow has recorded one. */
    private static int confirmations(Invoice invoice) {
        List<InvoicePayment> payments = invoices.findPayments(invoice.id());
        return payments.size() == 1 ? payments.get(0).confirmations() : -1;
    }
}
