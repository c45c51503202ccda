package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.InternalInvoice;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the invoice of this system a tap's BOLT11 belongs to (a Flash merchant's point of sale): such a tap is settled
 * inside Flash, since Flash's node cannot pay its own invoice. Only an invoice still New can be paid so, through its
 * latest Lightning invoice (the one for what is still due): anything else is refused before the card is touched.
 */
@Component
class InternalInvoices {

    /** The answer for a BOLT11: not Flash's, Flash's and payable, or Flash's and refused with the reason. */
    record Lookup(Optional<InternalInvoice> payee, Optional<String> refusal) {

        static Lookup external() {
            return new Lookup(Optional.empty(), Optional.empty());
        }

        static Lookup payable(InternalInvoice invoice) {
            return new Lookup(Optional.of(invoice), Optional.empty());
        }

        static Lookup refused(String reason) {
            return new Lookup(Optional.empty(), Optional.of(reason));
        }
    }

    private final InvoiceLightningRepository lightningInvoices;
    private final InvoiceRepository invoices;

    InternalInvoices(InvoiceLightningRepository lightningInvoices, InvoiceRepository invoices) {
        this.lightningInvoices = lightningInvoices;
        this.invoices = invoices;
    }

    Lookup find(String bolt11, DecodedInvoice decoded, Instant now) {
        Optional<InvoiceLightning> flash = lightningInvoices
                .findByPaymentHash(decoded.paymentHash())
                .filter(known -> known.bolt11().equalsIgnoreCase(bolt11));
        if (flash.isEmpty()) {
            return Lookup.external();
        }
        Invoice invoice = invoices.findById(flash.get().invoiceId()).orElseThrow();
        if (invoice.status() != InvoiceStatus.NEW) {
            return Lookup.refused("The invoice " + invoice.id() + " is "
                    + invoice.status().name().toLowerCase() + " and cannot be paid");
        }
        boolean latest = lightningInvoices
                .findLatestByInvoice(invoice.id())
                .map(newest -> newest.paymentHash().equals(flash.get().paymentHash()))
                .orElse(false);
        if (!latest) {
            return Lookup.refused("The invoice " + invoice.id()
                    + " was partly paid and has a new Lightning invoice for what is still due: scan that one");
        }
        if (!now.isBefore(invoice.expiresAt()) || decoded.expiredAt(now)) {
            return Lookup.refused("The invoice " + invoice.id() + " expired");
        }
        return Lookup.payable(new InternalInvoice(invoice.id(), invoice.merchantId()));
    }
}
