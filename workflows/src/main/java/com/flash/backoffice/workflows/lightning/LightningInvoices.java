package com.flash.backoffice.workflows.lightning;

import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Gives an invoice its BOLT11 payment request on the Lightning node, for exactly the invoice's amount and
 * expiring with it, and records its payment hash for the Lightning watcher.
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

    /**
     * The invoice's Lightning invoice: the one created before, else a new one. Empty for a top-up invoice (no
     * amount) and for an invoice that has already expired.
     */
    public Optional<InvoiceLightning> create(Invoice invoice, String memo) {
        Optional<InvoiceLightning> existing = invoices.findByInvoice(invoice.id());
        if (existing.isPresent() || invoice.amountMsat() == null) {
            return existing;
        }
        Instant now = clock.instant();
        Duration expiry = Duration.between(now, invoice.expiresAt());
        if (!expiry.isPositive()) {
            return Optional.empty();
        }
        CreatedInvoice created = node.createInvoice(invoice.amountMsat(), memo, expiry);
        InvoiceLightning stored = new InvoiceLightning(
                created.paymentHash(),
                invoice.id(),
                nodeId,
                created.bolt11(),
                invoice.amountMsat(),
                created.addIndex(),
                invoice.expiresAt(),
                UtcTimestamps.now());
        invoices.insert(stored);
        return Optional.of(stored);
    }
}
