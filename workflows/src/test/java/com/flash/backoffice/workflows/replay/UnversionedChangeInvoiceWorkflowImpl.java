package com.flash.backoffice.workflows.replay;

import com.flash.backoffice.workflows.invoice.InvoiceRequest;
import com.flash.backoffice.workflows.invoice.InvoiceState;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflowImpl;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Test only: the invoice workflow with one more command (a timer before its first save) and no
 * {@link Workflow#getVersion}: the change the replay test must catch.
 */
public class UnversionedChangeInvoiceWorkflowImpl extends InvoiceWorkflowImpl {

    @Override
    public InvoiceState run(InvoiceRequest request) {
        Workflow.sleep(Duration.ofSeconds(1));
        return super.run(request);
    }
}
