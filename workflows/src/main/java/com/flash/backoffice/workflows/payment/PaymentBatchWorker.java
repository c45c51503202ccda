package com.flash.backoffice.workflows.payment;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Puts the on-chain batcher, the batch workflow and their activities on the batches' task queue. */
public final class PaymentBatchWorker {

    private PaymentBatchWorker() {}

    public static Worker register(WorkerFactory factory, PaymentBatchActivities activities) {
        Worker worker = factory.newWorker(OnchainBatcherWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, PaymentBatchActivities activities) {
        worker.registerWorkflowImplementationTypes(OnchainBatcherWorkflowImpl.class, PaymentBatchWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
