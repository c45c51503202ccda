package com.flash.backoffice.portal.invoice;

import com.flash.backoffice.portal.workflow.UnstartedWorkflowSweep;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finishes the invoices whose request failed after the invoice was stored (the database or Temporal gone for a
 * moment, the process stopped): payment methods and workflow, so none stays New with an address nobody watches.
 */
@Component
class UnstartedInvoices extends UnstartedWorkflowSweep {

    private final InvoiceCompletion completion;

    UnstartedInvoices(InvoiceCompletion completion, @Value("${flash.workers.enabled:true}") boolean workers) {
        super("invoice", workers);
        this.completion = completion;
    }

    @Override
    protected int startUnstarted(Instant requestedBefore) {
        return completion.finishUnfinished(requestedBefore);
    }
}
