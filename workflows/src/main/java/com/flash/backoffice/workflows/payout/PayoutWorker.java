package com.flash.backoffice.workflows.payout;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the payout workflow and its activities on {@link PayoutWorkflow#TASK_QUEUE}. */
public final class PayoutWorker {

    private PayoutWorker() {}

    public static Worker register(WorkerFactory factory, PayoutActivities activities) {
        Worker worker = factory.newWorker(PayoutWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, PayoutActivities activities) {
        worker.registerWorkflowImplementationTypes(PayoutWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
