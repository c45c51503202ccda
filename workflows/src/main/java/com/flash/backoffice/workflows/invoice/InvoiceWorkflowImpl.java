package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.function.UnaryOperator;

/**
 * Handlers apply {@link InvoiceRules} to the state at once (so queries and marking see it immediately) and
 * queue the transition; the main loop turns queued transitions into ledger postings, a saved state and
 * events, in that order, and otherwise sleeps until the next deadline (expiry, then the end of monitoring).
 */
public class InvoiceWorkflowImpl implements InvoiceWorkflow {

    static final ActivityOptions ACTIVITY_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .setDoNotRetry(InvoiceFailure.INVOICE_NOT_FOUND.name(), InvoiceFailure.LEDGER_REFUSED.name())
                    .build())
            .build();

    /** Since this change a drop that leaves a settled invoice short reverses its settlement and alerts finance. */
    static final String REVERSE_DOUBLE_SPENT_SETTLEMENT = "reverse-double-spent-settlement";

    private final InvoiceActivities activities = Workflow.newActivityStub(InvoiceActivities.class, ACTIVITY_OPTIONS);
    private final Queue<Transition> unsaved = new ArrayDeque<>();
    private InvoiceState state;
    private int savedRevision = -1;

    private record Transition(InvoiceState before, InvoiceState after, Instant at) {}

    @Override
    public InvoiceState run(InvoiceRequest request) {
        InvoiceState opened = InvoiceRules.open(request);
        state = opened;
        activities.saveState(opened);
        activities.publishEvents(List.of(InvoiceEvents.created(opened, now())));
        // not state.revision(): a marking handled while the first save ran has changed state, unsaved as yet
        savedRevision = opened.revision();
        while (true) {
            saveTransitions();
            Duration untilDeadline = Duration.between(now(), state.nextDeadline());
            if (untilDeadline.isPositive() && Workflow.await(untilDeadline, () -> !unsaved.isEmpty())) {
                continue;
            }
            if (!now().isBefore(state.terms().expiresAt())) {
                apply(current -> InvoiceRules.expire(current, now()));
            }
            if (!now().isBefore(state.terms().monitoringUntil())) {
                apply(current -> InvoiceRules.endMonitoring(current, now()));
                break;
            }
        }
        // Handlers that arrive while closing are still saved before the workflow completes.
        do {
            saveTransitions();
            Workflow.await(() -> !unsaved.isEmpty() || Workflow.isEveryHandlerFinished());
        } while (!unsaved.isEmpty());
        return state;
    }

    @Override
    public void paymentSeen(PaymentObserved payment) {
        applyWhenOpen(current -> InvoiceRules.paymentSeen(current, payment, now()));
    }

    @Override
    public void confirmations(ConfirmationsChanged change) {
        applyWhenOpen(current -> InvoiceRules.confirmationsChanged(current, change, now()));
    }

    @Override
    public void paymentDropped(PaymentDropped drop) {
        Workflow.await(() -> state != null);
        boolean reversesSettlement =
                Workflow.getVersion(REVERSE_DOUBLE_SPENT_SETTLEMENT, Workflow.DEFAULT_VERSION, 1) >= 1;
        apply(current -> reversesSettlement
                ? InvoiceRules.paymentDropped(current, drop, now())
                : InvoiceRules.paymentDroppedKeepingSettlement(current, drop, now()));
    }

    @Override
    public MarkResult mark(MarkRequest request) {
        Workflow.await(() -> state != null);
        MarkOutcome outcome = InvoiceRules.mark(state, request, now());
        apply(current -> outcome.state());
        int revision = outcome.state().revision();
        Workflow.await(() -> savedRevision >= revision);
        return outcome.result();
    }

    @Override
    public InvoiceState state() {
        return state;
    }

    /** A signal may arrive in the same task as the start, before {@link #run} has built the first state. */
    private void applyWhenOpen(UnaryOperator<InvoiceState> rule) {
        Workflow.await(() -> state != null);
        apply(rule);
    }

    private void apply(UnaryOperator<InvoiceState> rule) {
        InvoiceState before = state;
        InvoiceState after = rule.apply(before);
        if (after != before) {
            state = after;
            unsaved.add(new Transition(before, after, now()));
        }
    }

    private void saveTransitions() {
        if (unsaved.isEmpty()) {
            return;
        }
        List<InvoiceEvent> events = new ArrayList<>();
        while (!unsaved.isEmpty()) {
            Transition transition = unsaved.remove();
            Optional<SettlementPosting> posting =
                    SettlementPosting.between(transition.before(), transition.after(), transition.at());
            posting.ifPresent(activities::postSettlement);
            if (InvoiceRules.reversedForDoubleSpend(transition.before(), transition.after())) {
                activities.recordDoubleSpendNotice(DoubleSpendNotice.of(
                        transition.before(), transition.after(), posting.orElseThrow(), transition.at()));
            }
            events.addAll(InvoiceEvents.between(transition.before(), transition.after(), transition.at()));
        }
        InvoiceState saving = state;
        activities.saveState(saving);
        savedRevision = saving.revision();
        if (!events.isEmpty()) {
            activities.publishEvents(events);
        }
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
