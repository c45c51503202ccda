package com.flash.backoffice.workflows.watch;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.suspense.SuspenseKind;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.workflows.invoice.InvoiceState;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real btcd and LND: an invoice's workflow runs its (short) monitoring window out, then the customer pays its
 * address. The production chain watcher still matches the address and the payment becomes a suspense receipt, a
 * note with no entry since the address is the merchant's own.
 */
@ExtendWith(RegtestExtension.class)
class PaymentAfterMonitoringRegtestIT {

    private static RegtestInvoiceRig rig;
    private static RegtestNetwork net;

    private ChainWatcher chainWatcher;

    @BeforeAll
    static void start(RegtestNetwork network) {
        net = network;
        rig = RegtestInvoiceRig.start(
                network, "payment_after_monitoring_regtest_it", "Closed regtest shop", "flash regtest suspense");
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @AfterEach
    void closeWatcher() {
        if (chainWatcher != null) {
            chainWatcher.close();
        }
    }

    @Test
    void a_payment_to_an_address_after_its_invoices_monitoring_window_is_a_suspense_note() throws Exception {
        chainWatcher = rig.chainWatcher("btcd-" + UUID.randomUUID(), "a");
        chainWatcher.pollOnce();
        Invoice invoice =
                rig.startInvoice(40_000L, SpeedPolicy.LOW_MEDIUM, Duration.ofSeconds(2), Duration.ofSeconds(2));
        String address = rig.allocateAddress(invoice);
        InvoiceState ended = rig.client()
                .newUntypedWorkflowStub(InvoiceWorkflow.workflowId(invoice.id()))
                .getResult(60, TimeUnit.SECONDS, InvoiceState.class);
        assertThat(ended.status()).isEqualTo(InvoiceStatus.EXPIRED);

        String txid = net.customerSendOnChain(address, 40_000);
        net.mine(1);

        SuspenseReceiptRepository receipts = new SuspenseReceiptRepository(rig.dsl());
        SuspenseReceipt receipt = pollUntilRecorded(receipts, invoice);
        assertThat(receipt.paymentRef()).startsWith(txid + ":");
        assertThat(receipt.receiptKey()).isEqualTo("chain-" + receipt.paymentRef());
        assertThat(receipt.kind()).isEqualTo(SuspenseKind.AFTER_MONITORING);
        assertThat(receipt.custodial()).isFalse();
        assertThat(receipt.paymentMethod()).isEqualTo(PaymentMethod.BTC_CHAIN);
        assertThat(receipt.address()).isEqualTo(address);
        assertThat(receipt.amountMsat()).isEqualTo(40_000_000L);
        assertThat(receipt.merchantId()).isEqualTo(rig.merchant().id());
        assertThat(rig.dsl().fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.SOURCE_KEY.eq("suspense-" + receipt.receiptKey())))
                .isZero();
        assertThat(rig.invoices().findById(invoice.id()).orElseThrow().paidMsat())
                .as("the ended invoice is not changed")
                .isZero();

        net.mine(1);
        chainWatcher.pollOnce();
        assertThat(receipts.findByInvoice(invoice.id())).containsExactly(receipt);
    }

    private SuspenseReceipt pollUntilRecorded(SuspenseReceiptRepository receipts, Invoice invoice) {
        long deadline = System.nanoTime() + RegtestInvoiceRig.WAIT.toNanos();
        while (true) {
            chainWatcher.pollOnce();
            Optional<SuspenseReceipt> recorded =
                    receipts.findByInvoice(invoice.id()).stream().findFirst();
            if (recorded.isPresent()) {
                return recorded.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no suspense receipt for invoice " + invoice.id());
            }
            RegtestInvoiceRig.pause();
        }
    }
}
