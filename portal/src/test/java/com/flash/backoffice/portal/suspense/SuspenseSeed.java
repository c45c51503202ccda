package com.flash.backoffice.portal.suspense;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Receipts in suspense as the watchers record them (through {@link AfterMonitoringReceipts}): a Lightning payment
 * after an invoice's workflow ended is custodial and booked; an on-chain one to the merchant's own address is a note.
 */
public final class SuspenseSeed {

    private final MerchantRepository merchants;
    private final InvoiceRepository invoices;
    private final AfterMonitoringReceipts receipts;

    public SuspenseSeed(MerchantRepository merchants, InvoiceRepository invoices, AfterMonitoringReceipts receipts) {
        this.merchants = merchants;
        this.invoices = invoices;
        this.receipts = receipts;
    }

    public Merchant merchant() {
        return merchants.create(NewMerchant.withDefaults("Suspense shop " + UUID.randomUUID(), "EUR"));
    }

    public SuspenseReceipt lightningAfterMonitoring(Merchant merchant, long amountMsat) {
        Invoice invoice = closedInvoice(merchant, amountMsat);
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        return receipts.record(
                        invoice.id(), PaymentObserved.lightning(HexFormat.of().formatHex(hash), amountMsat))
                .receipt();
    }

    public SuspenseReceipt onChainNote(Merchant merchant, long amountMsat) {
        Invoice invoice = closedInvoice(merchant, amountMsat);
        byte[] txid = new byte[32];
        ThreadLocalRandom.current().nextBytes(txid);
        return receipts.record(
                        invoice.id(),
                        PaymentObserved.onChain(
                                HexFormat.of().formatHex(txid) + ":1",
                                "bcrt1qnote" + invoice.id(),
                                amountMsat,
                                1,
                                false))
                .receipt();
    }

    private Invoice closedInvoice(Merchant merchant, long amountMsat) {
        Instant now = UtcTimestamps.now();
        return invoices.create(new NewInvoice(
                merchant.id(),
                amountMsat,
                "BTC",
                null,
                null,
                null,
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(2)).plusSeconds(900),
                now.minus(Duration.ofDays(1))));
    }
}
