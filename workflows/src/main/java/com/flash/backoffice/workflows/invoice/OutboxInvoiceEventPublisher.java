package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import org.springframework.stereotype.Component;

/**
 * Appends each event to {@code invoice_event}, which is the invoice's timeline and the outbox a webhook
 * sender will read by id; a repeated event is stored once.
 */
@Component
public class OutboxInvoiceEventPublisher implements InvoiceEventPublisher {

    private final InvoiceRepository invoices;

    public OutboxInvoiceEventPublisher(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @Override
    public void publish(InvoiceEvent event) {
        invoices.appendEvent(event);
    }
}
