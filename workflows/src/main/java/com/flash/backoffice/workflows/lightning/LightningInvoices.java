package com.flash.backoffice.workflows.lightning;

import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Gives an invoice its BOLT11 payment request on the Lightning node for the amount still due, expiring with the
 * invoice, and records its payment hash for the Lightning watcher. As in BTCPay, a partial payment leaves a new
 * BOLT11 for what remains: the earlier ones are no longer offered, but stay recorded, so the watcher still matches
 * a payment to any of them.
 */
public class LightningInvoices {

    private final LightningNode node;
    private final String nodeId;
    private final InvoiceLightningRepository invoices;
    private final Clock clock;

    public LightningInvoices(LightningNode node, String nodeId, InvoiceLightningRepository invoices, Clock clock) {
        this.node = node;
        this.nodeId = nodeId;
        this.invoices = invoices;
        this.clock = clock;
    }

    /** At creation the amount due is the invoice's amount: see {@link #forAmountDue}. */
    public Optional<InvoiceLightning> create(Invoice invoice, String memo) {
        return forAmountDue(invoice, memo);
    }

    /**
     * The Lightning invoice to offer now. While the invoice is New with an amount due, the one for exactly that
     * amount (created here once: the amount due is part of its key, so repeated reads and concurrent ones agree);
     * once nothing is due, or the invoice is no longer New, the last one created. Empty for a top-up invoice (no
     * amount) and when a new one would be needed after expiry.
     */
    public Optional<InvoiceLightning> forAmountDue(Invoice invoice, String memo) {
        if (invoice.amountMsat() == null) {
            return Optional.empty();
        }
        long due = Math.subtractExact(invoice.amountMsat(), invoice.paidMsat());
        if (due <= 0 || invoice.status() != InvoiceStatus.NEW) {
            return invoices.findLatestByInvoice(invoice.id());
        }
        Optional<InvoiceLightning> existing = invoices.findByInvoiceAndAmount(invoice.id(), due);
        if (existing.isPresent()) {
            return existing;
        }
        Instant now = clock.instant();
        Duration expiry = Duration.between(now, invoice.expiresAt());
        if (!expiry.isPositive()) {
            return Optional.empty();
        }
        CreatedInvoice created = node.createInvoice(due, memo, expiry);
        invoices.insertUnlessAmountKnown(new InvoiceLightning(
                created.paymentHash(),
                invoice.id(),
                nodeId,
                created.bolt11(),
                due,
                created.addIndex(),
                invoice.expiresAt(),
                UtcTimestamps.now()));
        // a concurrent reader may have stored its own first: every reader offers the stored one
        return invoices.findByInvoiceAndAmount(invoice.id(), due);
    }
}
