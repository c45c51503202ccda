package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardChange;
import com.flash.backoffice.db.card.CardPins;
import com.flash.backoffice.db.card.CardReason;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.workflows.command.CommandRefusals;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

public class CardWorkflowImpl implements CardWorkflow {

    static final String WORKFLOW = "workflow";
    static final String CONTINUE_AS_NEW = "card-continue-as-new";

    private static final ActivityOptions WRITE_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .build())
            .build();

    private static final Set<CardState> UNACTIVATED = Set.of(CardState.ISSUED, CardState.ACTIVATION_PENDING);

    private final CardLifecycleActivities activities =
            Workflow.newActivityStub(CardLifecycleActivities.class, WRITE_OPTIONS);
    private final WorkflowLock writing = Workflow.newWorkflowLock();

    private final String cardId;
    private CardState state = CardState.ISSUED;
    private int revision;

    /**
     * Before the first line of {@link #run}: an update can reach a run before its method starts (a freeze sent as
     * the previous run continued as new), and its validator must judge the carried state, not the default.
     */
    @WorkflowInit
    public CardWorkflowImpl(CardLifecycleRequest request) {
        cardId = request.cardId();
        revision = request.revision();
        if (request.state() != null) {
            state = request.state();
        }
    }

    @Override
    public CardSnapshot run(CardLifecycleRequest request) {
        // a continued run knows the state already (see the constructor): only this workflow changes an activated card
        if (request.state() == null) {
            state = activities.current(cardId);
        }
        boolean activated = Workflow.await(request.activationWindow(), () -> !UNACTIVATED.contains(state));
        if (!activated) {
            writing.lock();
            try {
                if (UNACTIVATED.contains(state)) {
                    expire();
                }
            } finally {
                writing.unlock();
            }
        }
        int historyLimit = request.historyLimitOrDefault();
        Workflow.await(() -> state.isFinal() || historyFull(historyLimit));
        if (!state.isFinal()
                && Workflow.getVersion(CONTINUE_AS_NEW, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
            Workflow.await(Workflow::isEveryHandlerFinished);
            if (!state.isFinal()) {
                Workflow.continueAsNew(new CardLifecycleRequest(
                        cardId, request.activationWindow(), revision, request.historyLimit(), state));
            }
        }
        Workflow.await(() -> state.isFinal());
        Workflow.await(Workflow::isEveryHandlerFinished);
        return snapshot();
    }

    /** Temporal suggests a new run, or the history reached its limit: the card's next years start afresh. */
    private static boolean historyFull(int limit) {
        return Workflow.getInfo().isContinueAsNewSuggested()
                || Workflow.getInfo().getHistoryLength() >= limit;
    }

    /** The card was not activated in time; programming may have moved it from issued to pending meanwhile. */
    private void expire() {
        if (!change(state, CardState.RETIRED, WORKFLOW, List.of(), CardReason.NOT_ACTIVATED_IN_TIME, null)) {
            state = activities.current(cardId);
            if (UNACTIVATED.contains(state)) {
                change(state, CardState.RETIRED, WORKFLOW, List.of(), CardReason.NOT_ACTIVATED_IN_TIME, null);
            }
        }
    }

    @Override
    public void validateActivate(CardCommand command) {
        requireReason(command);
        if (!UNACTIVATED.contains(state)) {
            throw refusal(CardFailure.INVALID_STATE, "The card is " + label(state) + ": it cannot be activated");
        }
        if (!command.byHolder() && !command.roles().contains("SUPPORT")) {
            throw refusal(CardFailure.NOT_ALLOWED, "Only the holder (with the activation code) or SUPPORT activates");
        }
    }

    @Override
    public CardSnapshot activate(CardCommand command) {
        return locked(() -> {
            if (!change(CardState.ACTIVATION_PENDING, CardState.ACTIVE, command)) {
                state = activities.current(cardId);
                throw refusal(
                        CardFailure.NOT_PROGRAMMED,
                        "The card is " + label(state) + ": program it with the Bolt Card app first");
            }
        });
    }

    @Override
    public void validateFreeze(CardCommand command) {
        requireSupport(command, "freezes");
        if (state != CardState.ACTIVE) {
            throw refusal(CardFailure.INVALID_STATE, "Only an active card can be frozen; this one is " + label(state));
        }
    }

    @Override
    public CardSnapshot freeze(CardCommand command) {
        return locked(() -> move(CardState.ACTIVE, CardState.FROZEN, command));
    }

    @Override
    public void validateUnfreeze(CardCommand command) {
        requireSupport(command, "unfreezes");
        if (state != CardState.FROZEN) {
            throw refusal(CardFailure.INVALID_STATE, "The card is " + label(state) + ", not frozen");
        }
    }

    @Override
    public CardSnapshot unfreeze(CardCommand command) {
        return locked(() -> move(CardState.FROZEN, CardState.ACTIVE, command));
    }

    @Override
    public void validateLockOut() {
        if (state != CardState.ACTIVE) {
            throw refusal(CardFailure.INVALID_STATE, "The card is " + label(state) + ", not active");
        }
    }

    @Override
    public CardSnapshot lockOut() {
        return locked(() -> {
            if (state == CardState.ACTIVE) {
                move(
                        CardState.ACTIVE,
                        CardState.FROZEN,
                        new CardCommand(
                                WORKFLOW,
                                List.of(),
                                CardReason.PIN_LOCKED,
                                CardPins.MAX_FAILURES + " wrong PINs in a row"));
            }
        });
    }

    @Override
    public void validateReportLost(CardCommand command, String replacementCardId) {
        requireSupport(command, "reports a card lost");
        if (state != CardState.ACTIVE && state != CardState.FROZEN) {
            throw refusal(CardFailure.INVALID_STATE, "The card is " + label(state) + ": it cannot be reported lost");
        }
    }

    @Override
    public CardSnapshot reportLost(CardCommand command, String replacementCardId) {
        return locked(() -> {
            CardChange lost = new CardChange(
                    cardId,
                    revision + 1,
                    state,
                    CardState.LOST,
                    command.by(),
                    command.roles(),
                    true,
                    command.reason(),
                    command.note());
            String refused = activities.replace(lost, replacementCardId);
            if (refused != null) {
                throw refusal(CardFailure.REPLACEMENT_REFUSED, refused);
            }
            revision++;
            state = CardState.LOST;
        });
    }

    @Override
    public void validateRetire(CardCommand command) {
        requireReason(command);
        if (!command.roles().contains("SUPPORT") && !command.roles().contains("FINANCE")) {
            throw refusal(CardFailure.NOT_ALLOWED, "Only SUPPORT or FINANCE retires a card");
        }
        if (state.isFinal()) {
            throw refusal(CardFailure.INVALID_STATE, "The card is " + label(state) + " already");
        }
    }

    @Override
    public CardSnapshot retire(CardCommand command) {
        return locked(() -> {
            if (!change(state, CardState.RETIRED, command)) {
                state = activities.current(cardId);
                move(state, CardState.RETIRED, command);
            }
        });
    }

    @Override
    public CardSnapshot snapshot() {
        return new CardSnapshot(cardId, state, revision);
    }

    private CardSnapshot locked(Runnable work) {
        writing.lock();
        try {
            work.run();
            return snapshot();
        } finally {
            writing.unlock();
        }
    }

    private void move(CardState from, CardState to, CardCommand command) {
        if (!change(from, to, command)) {
            throw refusal(CardFailure.INVALID_STATE, "The card changed meanwhile: reload it");
        }
    }

    private boolean change(CardState from, CardState to, CardCommand command) {
        return change(from, to, command.by(), command.roles(), command.reason(), command.note());
    }

    private boolean change(
            CardState from, CardState to, String by, List<String> roles, CardReason reason, String note) {
        boolean person = !WORKFLOW.equals(by);
        boolean applied =
                activities.change(new CardChange(cardId, revision + 1, from, to, by, roles, person, reason, note));
        if (applied) {
            revision++;
            state = to;
        }
        return applied;
    }

    private static void requireSupport(CardCommand command, String what) {
        requireReason(command);
        if (!command.roles().contains("SUPPORT")) {
            throw refusal(CardFailure.NOT_ALLOWED, "Only SUPPORT " + what);
        }
    }

    private static void requireReason(CardCommand command) {
        if (command.reason() == null) {
            throw refusal(CardFailure.NOT_ALLOWED, "A reason code is required");
        }
    }

    private static String label(CardState state) {
        return state.name().toLowerCase().replace('_', ' ');
    }

    private static ApplicationFailure refusal(CardFailure type, String message) {
        return CommandRefusals.refusal(type, message);
    }
}
