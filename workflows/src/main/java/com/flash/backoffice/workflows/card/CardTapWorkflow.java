package com.flash.backoffice.workflows.card;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Pays one accepted tap (workflow id {@code card-tap-<tapId>}) through the shared payment activity, then books it. */
@WorkflowInterface
public interface CardTapWorkflow {

    String TASK_QUEUE = "cards";

    static String workflowId(long tapId) {
        return "card-tap-" + tapId;
    }

    @WorkflowMethod
    CardTapResult pay(CardTapOrder order);
}
