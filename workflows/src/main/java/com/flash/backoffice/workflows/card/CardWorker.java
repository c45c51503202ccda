package com.flash.backoffice.workflows.card;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the card and tap payment workflows and their activities on {@link CardTapWorkflow#TASK_QUEUE}. */
public final class CardWorker {

    private CardWorker() {}

    public static Worker register(WorkerFactory factory, CardActivities activities, CardLifecycleActivities lifecycle) {
        Worker worker = factory.newWorker(CardTapWorkflow.TASK_QUEUE);
        register(worker, activities, lifecycle);
        return worker;
    }

    public static void register(Worker worker, CardActivities activities, CardLifecycleActivities lifecycle) {
        worker.registerWorkflowImplementationTypes(CardTapWorkflowImpl.class, CardWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities, lifecycle);
    }
}
