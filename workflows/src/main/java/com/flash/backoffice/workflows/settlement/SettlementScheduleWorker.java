package com.flash.backoffice.workflows.settlement;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the settlement schedule workflow and its activities on {@link SettlementScheduleWorkflow#TASK_QUEUE}. */
public final class SettlementScheduleWorker {

    private SettlementScheduleWorker() {}

    public static Worker register(WorkerFactory factory, SettlementActivities activities) {
        Worker worker = factory.newWorker(SettlementScheduleWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, SettlementActivities activities) {
        worker.registerWorkflowImplementationTypes(SettlementScheduleWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
