package com.flash.backoffice.workflows.reportschedule;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the schedule workflow and its activities on {@link ReportScheduleWorkflow#TASK_QUEUE}. */
public final class ReportScheduleWorker {

    private ReportScheduleWorker() {}

    public static Worker register(WorkerFactory factory, ReportScheduleActivities activities) {
        Worker worker = factory.newWorker(ReportScheduleWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, ReportScheduleActivities activities) {
        worker.registerWorkflowImplementationTypes(ReportScheduleWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
