package com.flash.backoffice.workflows.card;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One Flash card's life ({@code card-<id>}): issued, activated by its holder or SUPPORT before the activation window
 * closes (else retired by the workflow's timer), frozen and unfrozen by SUPPORT (frozen by itself after the last
 * wrong PIN), reported lost (its balance moving to
 * a replacement) or retired. The rules of who may do what live in the validators, so no screen can bypass them.
 */
@WorkflowInterface
public interface CardWorkflow {

    String TASK_QUEUE = CardTapWorkflow.TASK_QUEUE;

    static String workflowId(String cardId) {
        return "card-" + cardId;
    }

    @WorkflowMethod
    CardSnapshot run(CardLifecycleRequest request);

    @UpdateValidatorMethod(updateName = "activate")
    void validateActivate(CardCommand command);

    @UpdateMethod
    CardSnapshot activate(CardCommand command);

    @UpdateValidatorMethod(updateName = "freeze")
    void validateFreeze(CardCommand command);

    @UpdateMethod
    CardSnapshot freeze(CardCommand command);

    @UpdateValidatorMethod(updateName = "unfreeze")
    void validateUnfreeze(CardCommand command);

    @UpdateMethod
    CardSnapshot unfreeze(CardCommand command);

    @UpdateValidatorMethod(updateName = "lockOut")
    void validateLockOut();

    /** The card took its last wrong PIN: the workflow freezes it until SUPPORT unfreezes it. */
    @UpdateMethod
    CardSnapshot lockOut();

    @UpdateValidatorMethod(updateName = "reportLost")
    void validateReportLost(CardCommand command, String replacementCardId);

    /** The card is dead for good; with a replacement its balance moves there in one ledger entry. */
    @UpdateMethod
    CardSnapshot reportLost(CardCommand command, String replacementCardId);

    @UpdateValidatorMethod(updateName = "retire")
    void validateRetire(CardCommand command);

    @UpdateMethod
    CardSnapshot retire(CardCommand command);

    @QueryMethod
    CardSnapshot snapshot();
}
