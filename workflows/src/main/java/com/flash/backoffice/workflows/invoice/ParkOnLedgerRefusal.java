package com.flash.backoffice.workflows.invoice;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Workflow code shared by the invoice workflows: posts a settlement and, when the ledger refuses it, parks the workflow
 * (the caller shows the reason as needing attention) until staff ask for a retry or an hour has passed, then tries
 * again. Any other failure is thrown. Deterministic: only activities, timers and signals.
 */
final class ParkOnLedgerRefusal {

    static final Duration POSTING_RETRY_INTERVAL = Duration.ofHours(1);

    private final InvoiceActivities activities;
    private boolean retryRequested;

    ParkOnLedgerRefusal(InvoiceActivities activities) {
        this.activities = activities;
    }

    /** The {@code retryPosting} signal. */
    void retryRequested() {
        retryRequested = true;
    }

    /** {@code attention} is told the reason each time the ledger refuses the posting. */
    void post(SettlementPosting posting, Consumer<String> attention) {
        while (true) {
            try {
                activities.postSettlement(posting);
                return;
            } catch (ActivityFailure failure) {
                if (!(failure.getCause() instanceof ApplicationFailure refusal)
                        || !InvoiceFailure.LEDGER_REFUSED.name().equals(refusal.getType())) {
                    throw failure;
                }
                attention.accept(posting.sourceKey() + ": " + refusal.getOriginalMessage());
                retryRequested = false;
                Workflow.await(POSTING_RETRY_INTERVAL, () -> retryRequested);
            }
        }
    }
}
