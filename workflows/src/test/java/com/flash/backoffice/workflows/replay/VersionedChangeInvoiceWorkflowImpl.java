package com.flash.backoffice.workflows.replay;

import com.flash.backoffice.workflows.invoice.InvoiceRequest;
import com.flash.backoffice.workflows.invoice.InvoiceState;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflowImpl;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Test only: the change of {@link UnversionedChangeInvoiceWorkflowImpl} done right, behind a version marker. */
public class VersionedChangeInvoiceWorkflowImpl extends InvoiceWorkflowImpl {

    @Override
    public InvoiceState run(InvoiceRequest request) {
        if (Workflow.getVersion("timer-before-first-save", Workflow.DEFAULT_VERSION, 1) == 1) {
            Workflow.sleep(Duration.ofSeconds(1));
        }
        return super.run(request);
    }
}
