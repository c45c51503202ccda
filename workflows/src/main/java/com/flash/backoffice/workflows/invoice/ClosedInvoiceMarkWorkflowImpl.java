package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Since {@link #PARK_REFUSED_POSTING} version 1 a posting the ledger refuses parks the mark in a visible
 * needs-attention state (saved to the invoice row) until staff ask for a retry or an hour has passed, as the invoice
 * workflow does; runs started before replay their old commands (a refusal fails them).
 */
public class ClosedInvoiceMarkWorkflowImpl implements ClosedInvoiceMarkWorkflow {

    static final String PARK_REFUSED_POSTING = "park-refused-posting";

    private final InvoiceActivities activities =
            Workflow.newActivityStub(InvoiceActivities.class, InvoiceWorkflowImpl.ACTIVITY_OPTIONS);
    private final ParkOnLedgerRefusal parking = new ParkOnLedgerRefusal(activities);
    private InvoiceState state;

    @Override
    public MarkResult mark(String invoiceId, MarkRequest request) {
        InvoiceState before = activities.loadState(invoiceId);
        Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        MarkOutcome outcome = InvoiceRules.mark(before, request, now);
        if (outcome.result() != MarkResult.MARKED) {
            return outcome.result();
        }
        InvoiceState after = outcome.state();
        state = after;
        Optional<SettlementPosting> posting = SettlementPosting.between(before, after, now);
        if (posting.isPresent()) {
            boolean parks = Workflow.getVersion(PARK_REFUSED_POSTING, Workflow.DEFAULT_VERSION, 1) >= 1;
            if (parks) {
                parking.post(posting.get(), this::needsAttention);
                if (state.needsAttention()) {
                    state = state.withAttentionReason(null).withRevision(state.revision() + 1);
                }
            } else {
                activities.postSettlement(posting.get());
            }
        }
        activities.saveState(state);
        List<InvoiceEvent> events = InvoiceEvents.between(before, after, now);
        if (!events.isEmpty()) {
            activities.publishEvents(events);
        }
        return outcome.result();
    }

    @Override
    public void retryPosting() {
        parking.retryRequested();
    }

    /** Saved at once so the invoice page shows it. */
    private void needsAttention(String reason) {
        if (!reason.equals(state.attentionReason())) {
            state = state.withAttentionReason(reason).withRevision(state.revision() + 1);
            activities.saveState(state);
        }
    }
}
