package com.flash.backoffice.workflows.refund;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the refund workflow and its activities on {@link RefundWorkflow#TASK_QUEUE}. */
public final class RefundWorker {

    private RefundWorker() {}

    public static Worker register(WorkerFactory factory, RefundActivities activities) {
        Worker worker = factory.newWorker(RefundWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, RefundActivities activities) {
        worker.registerWorkflowImplementationTypes(RefundWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
