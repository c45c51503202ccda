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
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.function.UnaryOperator;

/**
 * Handlers apply {@link InvoiceRules} to the state at once (so queries and marking see it immediately) and
 * queue the transition; the main loop turns queued transitions into ledger postings, a saved state and
 * events, in that order, and otherwise sleeps until the next deadline (expiry, then the end of monitoring).
 *
 * <p>Since {@link #LEDGER_BY_CUSTODY} version 1 the invoice is booked by custody, and a posting the ledger refuses
 * parks the workflow in a visible needs-attention state (saved to the invoice row) until staff ask for a retry or an
 * hour has passed, instead of failing it; signals keep being accepted meanwhile. Workflows started before replay
 * their old commands (booked as before, a refusal fails them).
 */
public class InvoiceWorkflowImpl implements InvoiceWorkflow {

    static final String LEDGER_BY_CUSTODY = "ledger-by-custody";

    static final ActivityOptions ACTIVITY_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .setDoNotRetry(InvoiceFailure.INVOICE_NOT_FOUND.name(), InvoiceFailure.LEDGER_REFUSED.name())
                    .build())
            .build();

    /** Since this change payments after staff marked the invoice settled with nothing received are booked too. */
    static final String BOOK_LATE_PAYMENTS = "book-late-payments";

    /** Since this change a drop that leaves a settled invoice short reverses its settlement and alerts finance. */
    static final String REVERSE_DOUBLE_SPENT_SETTLEMENT = "reverse-double-spent-settlement";

    private final InvoiceActivities activities = Workflow.newActivityStub(InvoiceActivities.class, ACTIVITY_OPTIONS);
    private final Queue<Transition> unsaved = new ArrayDeque<>();
    private InvoiceState state;
    private int savedRevision = -1;
    private boolean byCustody;
    private final ParkOnLedgerRefusal parking = new ParkOnLedgerRefusal(activities);

    private record Transition(InvoiceState before, InvoiceState after, Instant at) {}

    @Override
    public InvoiceState run(InvoiceRequest request) {
        byCustody = Workflow.getVersion(LEDGER_BY_CUSTODY, Workflow.DEFAULT_VERSION, 1) >= 1;
        InvoiceState opened;
        if (!byCustody) {
            opened = InvoiceRules.openBeforeCustody(request);
        } else if (Workflow.getVersion(BOOK_LATE_PAYMENTS, Workflow.DEFAULT_VERSION, 1) >= 1) {
            opened = InvoiceRules.openBookingLatePayments(request);
        } else {
            opened = InvoiceRules.open(request);
        }
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
    public void retryPosting() {
        parking.retryRequested();
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
            Transition transition = unsaved.peek();
            Optional<SettlementPosting> posting =
                    SettlementPosting.between(transition.before(), transition.after(), transition.at());
            posting.ifPresent(this::post);
            unsaved.remove();
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

    /** Posts; by custody, a refusal parks the workflow until it is posted (see the class comment). */
    private void post(SettlementPosting posting) {
        if (!byCustody) {
            activities.postSettlement(posting);
            return;
        }
        parking.post(posting, this::setAttention);
        if (state.needsAttention()) {
            setAttention(null);
        }
    }

    /** Saved at once so the invoice page shows it; {@code savedRevision} stays, markings wait for the posting. */
    private void setAttention(String reason) {
        if (Objects.equals(reason, state.attentionReason())) {
            return;
        }
        state = state.withAttentionReason(reason).withRevision(state.revision() + 1);
        if (reason != null) {
            activities.saveState(state);
        }
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
