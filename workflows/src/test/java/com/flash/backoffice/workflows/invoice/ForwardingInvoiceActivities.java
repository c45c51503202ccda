package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import java.util.List;

/** Passes every call to the real activities; a test overrides the one step it watches or breaks. */
class ForwardingInvoiceActivities implements InvoiceActivities {

    private final InvoiceActivities delegate;

    ForwardingInvoiceActivities(InvoiceActivities delegate) {
        this.delegate = delegate;
    }

    @Override
    public void saveState(InvoiceState state) {
        delegate.saveState(state);
    }

    @Override
    public InvoiceState loadState(String invoiceId) {
        return delegate.loadState(invoiceId);
    }

    @Override
    public void postSettlement(SettlementPosting posting) {
        delegate.postSettlement(posting);
    }

    @Override
    public void publishEvents(List<InvoiceEvent> events) {
        delegate.publishEvents(events);
    }

    @Override
    public void recordDoubleSpendNotice(DoubleSpendNotice notice) {
        delegate.recordDoubleSpendNotice(notice);
    }
}
