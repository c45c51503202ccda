package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

public class ClosedInvoiceMarkWorkflowImpl implements ClosedInvoiceMarkWorkflow {

    private final InvoiceActivities activities =
            Workflow.newActivityStub(InvoiceActivities.class, InvoiceWorkflowImpl.ACTIVITY_OPTIONS);

    @Override
    public MarkResult mark(String invoiceId, MarkRequest request) {
        InvoiceState before = activities.loadState(invoiceId);
        Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        MarkOutcome outcome = InvoiceRules.mark(before, request, now);
        if (outcome.result() != MarkResult.MARKED) {
            return outcome.result();
        }
        InvoiceState after = outcome.state();
        SettlementPosting.between(before, after, now).ifPresent(activities::postSettlement);
        activities.saveState(after);
        List<InvoiceEvent> events = InvoiceEvents.between(before, after, now);
        if (!events.isEmpty()) {
            activities.publishEvents(events);
        }
        return outcome.result();
    }
}
