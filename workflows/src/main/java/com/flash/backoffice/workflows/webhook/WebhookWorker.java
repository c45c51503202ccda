package com.flash.backoffice.workflows.webhook;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers the delivery workflow and its activities on {@link WebhookDeliveryWorkflow#TASK_QUEUE}. */
public final class WebhookWorker {

    private WebhookWorker() {}

    public static Worker register(WorkerFactory factory, WebhookActivities activities) {
        Worker worker = factory.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE);
        register(worker, activities);
        return worker;
    }

    public static void register(Worker worker, WebhookActivities activities) {
        worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
    }
}
