package com.flash.backoffice.workflows.card;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the card, tap payment and manual top-up workflows and their activities on {@link CardTapWorkflow#TASK_QUEUE}. */
public final class CardWorker {

    private CardWorker() {}

    public static Worker register(
            WorkerFactory factory,
            CardActivities activities,
            CardLifecycleActivities lifecycle,
            CardTopUpActivities topUps) {
        Worker worker = factory.newWorker(CardTapWorkflow.TASK_QUEUE);
        register(worker, activities, lifecycle, topUps);
        return worker;
    }

    public static void register(
            Worker worker, CardActivities activities, CardLifecycleActivities lifecycle, CardTopUpActivities topUps) {
        worker.registerWorkflowImplementationTypes(
                CardTapWorkflowImpl.class, CardWorkflowImpl.class, CardTopUpWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities, lifecycle, topUps);
    }
}
