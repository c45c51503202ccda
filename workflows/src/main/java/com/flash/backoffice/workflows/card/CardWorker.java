package com.flash.backoffice.workflows.card;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the tap payment workflow and the card activities on {@link CardTapWorkflow#TASK_QUEUE}. */
public final class CardWorker {

    private CardWorker() {}

    public static Worker register(WorkerFactory factory, CardActivities activities) {
        Worker worker = factory.newWorker(CardTapWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, CardActivities activities) {
        worker.registerWorkflowImplementationTypes(CardTapWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
