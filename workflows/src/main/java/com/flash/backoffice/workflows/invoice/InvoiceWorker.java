package com.flash.backoffice.workflows.invoice;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/**
 * Registers the invoice workflow and its activities on {@link InvoiceWorkflow#TASK_QUEUE}, so the application
 * that runs workers never names an implementation class.
 */
public final class InvoiceWorker {

    private InvoiceWorker() {}

    public static Worker register(WorkerFactory factory, InvoiceActivities activities) {
        Worker worker = factory.newWorker(InvoiceWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, InvoiceActivities activities) {
        worker.registerWorkflowImplementationTypes(InvoiceWorkflowImpl.class, ClosedInvoiceMarkWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
