package com.flash.backoffice.workflows.report;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the export workflow and its activities on {@link ReportExportWorkflow#TASK_QUEUE}. */
public final class ReportExportWorker {

    private ReportExportWorker() {}

    public static Worker register(WorkerFactory factory, ReportExportActivities activities) {
        Worker worker = factory.newWorker(ReportExportWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, ReportExportActivities activities) {
        worker.registerWorkflowImplementationTypes(ReportExportWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
