package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After a partial on-chain payment the invoice offers a new BOLT11 for the amount still due, created on the real
 * merchant LND; the customer LND pays it over the channel and the Lightning watcher matches its payment hash to the
 * invoice, while the first BOLT11 stays recorded (and matched) but is no longer offered.
 */
@ExtendWith(RegtestExtension.class)
class LightningInvoiceForAmountDueRegtestIT {

    private static RegtestInvoiceRig rig;
    private static RegtestNetwork net;
    private static InvoiceRepository invoices;
    private static InvoiceLightningRepository lightningRows;
    private static LndLightningNode lnd;

    @BeforeAll
    static void startEverything(RegtestNetwork network) {
        net = network;
        rig = RegtestInvoiceRig.start(
                network, "lightning_amount_due_regtest_it", "Amount due shop", "flash regtest amount due merchant");
        invoices = rig.invoices();
        lightningRows = new InvoiceLightningRepository(rig.dsl());
        lnd = new LndLightningNode(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
    }

    @AfterAll
    static void stopEverything() {
        if (rig != null) {
            rig.close();
        }
        if (lnd != null) {
            lnd.close();
        }
    }

    @Test
    void a_partial_on_chain_payment_leaves_a_new_bolt11_for_the_rest_which_pays_the_invoice_in_full() {
        String nodeId = "lnd-" + UUID.randomUUID();
        LightningInvoices lightning = new LightningInvoices(lnd, nodeId, lightningRows, Clock.systemUTC());
        Invoice invoice = rig.startInvoice(300_000L, SpeedPolicy.MEDIUM);
        InvoiceLightning first =
                lightning.create(invoice, "Flash invoice " + invoice.id()).orElseThrow();
        assertThat(first.amountMsat()).isEqualTo(300_000_000L);
        assertThat(first.bolt11()).startsWith("lnbcrt3m");

        try (ChainWatcher chainWatcher = rig.chainWatcher("btcd-" + UUID.randomUUID(), "amount-due-chain");
                LightningWatcher lightningWatcher = new LightningWatcher(
                        nodeId,
                        lnd,
                        lightningRows,
                        new CardTopUps(rig.dsl()),
                        new WatcherCursorRepository(rig.dsl()),
                        rig.lease("lightning:" + nodeId, "amount-due"),
                        rig.paymentSignals(),
                        Clock.systemUTC())) {
            chainWatcher.pollOnce();
            lightningWatcher.pollOnce();

            net.customerSendOnChain(rig.allocateAddress(invoice), 100_000);
            Invoice partial = rig.pollUntil(chainWatcher, invoice, i -> i.paidMsat() == 100_000_000L);
            assertThat(partial.status()).isEqualTo(InvoiceStatus.NEW);
            assertThat(partial.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_PARTIAL);

            InvoiceLightning rest = lightning
                    .forAmountDue(partial, "Flash invoice " + invoice.id())
                    .orElseThrow();
            assertThat(rest.amountMsat()).isEqualTo(200_000_000L);
            assertThat(rest.bolt11()).startsWith("lnbcrt2m");
            assertThat(rest.paymentHash()).isNotEqualTo(first.paymentHash());
            assertThat(lightning.forAmountDue(partial, "Flash invoice " + invoice.id()))
                    .as("read again: the same one, not a third")
                    .contains(rest);
            assertThat(lightningRows.findAllByInvoice(invoice.id()))
                    .extracting(InvoiceLightning::paymentHash)
                    .containsExactly(first.paymentHash(), rest.paymentHash());

            net.customerPayInvoice(rest.bolt11());

            long deadline = System.nanoTime() + RegtestInvoiceRig.WAIT.toNanos();
            Invoice current = invoices.findById(invoice.id()).orElseThrow();
            while (current.paidMsat() < 300_000_000L && System.nanoTime() < deadline) {
                lightningWatcher.pollOnce();
                chainWatcher.pollOnce();
                RegtestInvoiceRig.pause();
                current = invoices.findById(invoice.id()).orElseThrow();
            }
            assertThat(current.paidMsat()).as("paid in full").isEqualTo(300_000_000L);
            assertThat(current.status()).isIn(InvoiceStatus.PROCESSING, InvoiceStatus.SETTLED);
            assertThat(invoices.findPayments(invoice.id()))
                    .filteredOn(payment -> payment.method() == PaymentMethod.BTC_LN)
                    .extracting(InvoicePayment::paymentRef)
                    .containsExactly(rest.paymentHash());
            assertThat(lightning.forAmountDue(current, "Flash invoice " + invoice.id()))
                    .as("nothing due: the last one stays the one shown")
                    .contains(rest);
        }
    }
}
