package com.flash.backoffice.workflows.merchant;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the merchant change workflow and its activities on {@link MerchantChangeWorkflow#TASK_QUEUE}. */
public final class MerchantWorker {

    private MerchantWorker() {}

    public static Worker register(WorkerFactory factory, MerchantChangeActivities activities) {
        Worker worker = factory.newWorker(MerchantChangeWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, MerchantChangeActivities activities) {
        worker.registerWorkflowImplementationTypes(MerchantChangeWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
