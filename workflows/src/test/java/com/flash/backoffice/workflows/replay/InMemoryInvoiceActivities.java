package com.flash.backoffice.workflows.replay;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.workflows.invoice.DoubleSpendNotice;
import com.flash.backoffice.workflows.invoice.InvoiceActivities;
import com.flash.backoffice.workflows.invoice.InvoiceFailure;
import com.flash.backoffice.workflows.invoice.InvoiceState;
import com.flash.backoffice.workflows.invoice.SettlementPosting;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The invoice activities the recorder runs with: the last saved state per invoice, nothing else kept; the ledger
 * refuses the next posting of an invoice when told to, as a real ledger refuses an unbalanced entry.
 */
final class InMemoryInvoiceActivities implements InvoiceActivities {

    private final Map<String, InvoiceState> saved = new ConcurrentHashMap<>();
    private final Set<String> refusingNextPosting = ConcurrentHashMap.newKeySet();

    void refuseNextPosting(String invoiceId) {
        refusingNextPosting.add(invoiceId);
    }

    @Override
    public void saveState(InvoiceState state) {
        saved.merge(state.invoiceId(), state, (old, next) -> next.revision() >= old.revision() ? next : old);
    }

    @Override
    public InvoiceState loadState(String invoiceId) {
        InvoiceState state = saved.get(invoiceId);
        if (state == null) {
            throw new IllegalStateException("no saved state for invoice " + invoiceId);
        }
        return state;
    }

    @Override
    public void postSettlement(SettlementPosting posting) {
        if (refusingNextPosting.remove(posting.invoiceId())) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "unbalanced entry " + posting.sourceKey(), InvoiceFailure.LEDGER_REFUSED.name());
        }
        // the history records the call and its arguments; the ledger is not part of the recording
    }

    @Override
    public void recordDoubleSpendNotice(DoubleSpendNotice notice) {
        // as above
    }

    @Override
    public void publishEvents(List<InvoiceEvent> events) {
        // as above: only the command matters to a replay
    }
}
